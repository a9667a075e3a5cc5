export interface SharedReadOptions {
  /**
   * After a read that served more than one caller (lookups pile up: a flood), the next starts no sooner than
   * this many ms after it started. Each read still serves everyone waiting; the other sandboxes get the
   * turns in between. @default 10
   */
  readonly paceMs?: number;
  /** How to wait (tests pass a fake). @default setTimeout */
  readonly wait?: (ms: number) => Promise<void>;
  /** The clock, in ms. @default performance.now */
  readonly now?: () => number;
}

/**
 * One read of a file shared by everyone who asks while it waits to start. A caller never joins a read that
 * had already started when it asked (that read might miss what the caller is looking for, e.g. a socket row
 * created just before): it joins the next one, which starts when the running one ends. Under a flood of
 * connections from one sandbox, its socket table (a walk of the kernel's whole hash, ~1 ms) is then read
 * once per turn for all of them, not once each, and at most every `paceMs` while they pile up.
 */
export class SharedRead {
  #running: Promise<unknown> | null = null;
  #next: Promise<string> | null = null;
  #joined = 0;
  #lastStart = Number.NEGATIVE_INFINITY;
  #lastServed = 0;
  readonly #paceMs: number;
  readonly #wait: (ms: number) => Promise<void>;
  readonly #now: () => number;

  constructor(
    private readonly readOnce: () => Promise<string>,
    options: SharedReadOptions = {},
  ) {
    this.#paceMs = options.paceMs ?? 10;
    this.#wait = options.wait ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.#now = options.now ?? (() => performance.now());
  }

  read(): Promise<string> {
    if (this.#next) {
      this.#joined++;
      return this.#next;
    }
    this.#joined = 1;
    const after = this.#running ?? Promise.resolve();
    const next = after.then(async () => {
      const early = this.#lastServed > 1 ? this.#lastStart + this.#paceMs - this.#now() : 0;
      if (early > 0) await this.#wait(early);
      this.#next = null;
      this.#lastServed = this.#joined;
      this.#lastStart = this.#now();
      const run = this.readOnce();
      const settled = run.then(
        () => undefined,
        () => undefined,
      );
      this.#running = settled;
      void settled.then(() => {
        if (this.#running === settled) this.#running = null;
      });
      return run;
    });
    this.#next = next;
    return next;
  }
}
