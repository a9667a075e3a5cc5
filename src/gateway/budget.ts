import { OncePer } from './once-per.js';

/** What one sandbox may make the gateway hold at once. Over budget: deny, and log once per window. */
export interface BudgetLimits {
  /** Open TCP connections of one sandbox (transparent, explicit proxy, DNS over TCP). @default 512 */
  readonly connections: number;
  /** Distinct names given a synthetic address over the sandbox's life. @default 8192 */
  readonly names: number;
  /** DNS queries being answered at once, over UDP and TCP together. @default 64 */
  readonly queries: number;
  /**
   * DNS queries answered per second, sustained (a bucket of one second's worth refills continuously); over it a
   * query gets no answer. Far above what a package install asks (hundreds of names). @default 1000
   */
  readonly queryRate: number;
  /** Bytes of DNS-over-TCP input and unread answers held for the sandbox. @default 4 MiB */
  readonly bufferedBytes: number;
  /** Attribution lookups (procfs walks) running at once; more wait their turn. @default 4 */
  readonly attributions: number;
  /** Attribution lookups waiting; beyond that a connection is denied. @default 256 */
  readonly attributionQueue: number;
  /**
   * Lookups a second for denials that no binary could change (DNS denials, destinations no endpoint covers):
   * the binary only goes into their event. Past it the event says the binary was not looked up. @default 10
   */
  readonly logLookups: number;
  /**
   * Denied TCP connections and denied requests on inspected connections a second (transparent and proxy),
   * sustained. Past it the sandbox is over budget: its next connections and requests are denied before any
   * work (no socket-table read, no attribution; a request's connection is hung up) until the bucket refills;
   * one event per window. A flood of denied connections then costs the gateway an accept and a reset each.
   * @default 100
   */
  readonly denials: number;
}

export const DEFAULT_LIMITS: BudgetLimits = {
  connections: 512,
  names: 8192,
  queries: 64,
  queryRate: 1000,
  bufferedBytes: 4 * 1024 * 1024,
  attributions: 4,
  attributionQueue: 256,
  logLookups: 10,
  denials: 100,
};

/**
 * A token bucket of `rate` tokens a second, holding at most one second's worth; `slow` divides both while a
 * sandbox is penalised (see Budget).
 */
class Rate {
  #tokens: number;
  #refilled = 0;
  constructor(private readonly rate: number) {
    this.#tokens = rate;
  }

  /** Empty now (refilled to `now` first; nothing taken)? */
  exhausted(now: number, slow = 1): boolean {
    if (this.#refilled === 0) this.#refilled = now;
    const rate = this.rate / slow;
    this.#tokens = Math.min(rate, this.#tokens + ((now - this.#refilled) * rate) / 1000);
    this.#refilled = now;
    return this.#tokens < 1;
  }

  take(now: number, slow = 1): boolean {
    if (this.exhausted(now, slow)) return false;
    this.#tokens -= 1;
    return true;
  }
}

/**
 * A sandbox over any budget is penalised: for PENALTY_MS after its last over-budget denial its rates
 * (queries, denied connections, binary lookups of denials) are divided by PENALTY_SLOWDOWN, so a flooder
 * costs the shared gateway a sixteenth of the work while its CPU is cut too (demotion.ts).
 */
export const PENALTY_MS = 10_000;
export const PENALTY_SLOWDOWN = 16;

type Counted = 'connections' | 'queries' | 'bufferedBytes';

/** How often an over-budget denial of one kind is recorded (the rest are counted, not logged). */
const LOG_WINDOW_MS = 5000;

/** One sandbox's budget: counters with limits, and a queue for attribution work. Owned by its SandboxEntry. */
export class Budget {
  readonly limits: BudgetLimits;
  readonly #used: Record<Counted, number> = { connections: 0, queries: 0, bufferedBytes: 0 };
  readonly #logged = new OncePer(LOG_WINDOW_MS);
  #attributing = 0;
  readonly #waiting: (() => void)[] = [];
  /** Denials over budget, by kind (also the ones not logged). */
  readonly over: Record<string, number> = {};
  readonly #queryRate: Rate;
  readonly #logLookups: Rate;
  readonly #denials: Rate;
  readonly #onOver: ((kind: string) => void) | undefined;
  /** performance.now() until which the rates are slowed (PENALTY_MS after the last over-budget denial). */
  #penaltyUntil = Number.NEGATIVE_INFINITY;

  /** `onOver`: told of every denial over budget, logged or not (the sandbox's CPU weight is lowered, demotion.ts). */
  constructor(limits: Partial<BudgetLimits> = {}, onOver?: (kind: string) => void) {
    this.limits = { ...DEFAULT_LIMITS, ...limits };
    this.#onOver = onOver;
    for (const [k, v] of Object.entries(this.limits)) {
      if (!Number.isInteger(v) || v < 1)
        throw new TypeError(`Expected budget \`${k}\` to be an integer from 1 and up, got ${v}`);
    }
    this.#queryRate = new Rate(this.limits.queryRate);
    this.#logLookups = new Rate(this.limits.logLookups);
    this.#denials = new Rate(this.limits.denials);
  }

  /** Count one denied connection; false when the sandbox is past `denials` a second. */
  takeDenial(now = performance.now()): boolean {
    return this.#denials.take(now, this.#slow(now));
  }

  /** Past `denials` a second (refilled to `now` first; nothing taken)? */
  deniedTooOften(now = performance.now()): boolean {
    return this.#denials.exhausted(now, this.#slow(now));
  }

  /** A token for looking up the binary of a denial it cannot change (see `logLookups`); false past the rate. */
  takeLogLookup(now = performance.now()): boolean {
    return this.#logLookups.take(now, this.#slow(now));
  }

  /** One query's token from the rate bucket; false when the sandbox asks faster than `queryRate` per second. */
  takeQuery(now = performance.now()): boolean {
    return this.#queryRate.take(now, this.#slow(now));
  }

  /**
   * The bucket is empty (refilled to `now` first; nothing taken): a listener may drop the query before any
   * work, counting it with `overBudget('query rate')`, and hand only the first of a window to the chain.
   */
  rateExhausted(now = performance.now()): boolean {
    return this.#queryRate.exhausted(now, this.#slow(now));
  }

  /** Take `n` of `kind`; false (and nothing taken) when that would go over the limit. */
  take(kind: Counted, n = 1): boolean {
    if (this.#used[kind] + n > this.limits[kind]) return false;
    this.#used[kind] += n;
    return true;
  }

  give(kind: Counted, n = 1): void {
    this.#used[kind] = Math.max(0, this.#used[kind] - n);
  }

  used(kind: Counted): number {
    return this.#used[kind];
  }

  /**
   * A listener's fast drop: when this kind's over-budget denial was already recorded in the window, count this
   * one and say so (true: drop it, no work). False: let it through to the chain, which records it.
   */
  droppedQuietly(kind: string, now = Date.now()): boolean {
    if (this.#logged.open(kind, now)) return false;
    this.#count(kind);
    return true;
  }

  /** Count a denial over budget; true when it is the first of its kind in the window (record that one). */
  overBudget(kind: string, now = Date.now()): boolean {
    this.#count(kind);
    return this.#logged.first(kind, now);
  }

  #count(kind: string): void {
    this.over[kind] = (this.over[kind] ?? 0) + 1;
    this.#penaltyUntil = performance.now() + PENALTY_MS;
    this.#onOver?.(kind);
  }

  /** Whether the sandbox is penalised at `now` (performance.now() clock). */
  penalised(now = performance.now()): boolean {
    return now < this.#penaltyUntil;
  }

  #slow(now: number): number {
    return this.penalised(now) ? PENALTY_SLOWDOWN : 1;
  }

  /**
   * Wait for an attribution slot. Resolves to its release, or null when too many already wait
   * (the caller denies). Slots are handed out in arrival order.
   */
  async attribution(): Promise<(() => void) | null> {
    if (this.#attributing >= this.limits.attributions) {
      if (this.#waiting.length >= this.limits.attributionQueue) return null;
      await new Promise<void>((resolve) => this.#waiting.push(resolve));
    } else this.#attributing++;
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const wake = this.#waiting.shift();
      if (wake) wake();
      else this.#attributing--;
    };
  }
}
