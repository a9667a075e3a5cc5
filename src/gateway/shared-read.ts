/**
 * One read of a file shared by everyone who asks while it waits to start. A caller never joins a read that
 * had already started when it asked (that read might miss what the caller is looking for, e.g. a socket row
 * created just before): it joins the next one, which starts when the running one ends. Under a flood of
 * connections from one sandbox, its socket table (a walk of the kernel's whole hash, ~1 ms) is then read
 * once per turn for all of them, not once each.
 */
export class SharedRead {
  #running: Promise<unknown> | null = null;
  #next: Promise<string> | null = null;

  constructor(private readonly readOnce: () => Promise<string>) {}

  read(): Promise<string> {
    if (this.#next) return this.#next;
    const after = this.#running ?? Promise.resolve();
    const next = after.then(() => {
      this.#next = null;
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
