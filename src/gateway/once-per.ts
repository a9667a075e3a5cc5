/** Lets each key through at most once per window: keeps repeated events from flooding the log. */
export class OncePer {
  readonly #windowMs: number;
  readonly #maxKeys: number;
  readonly #last = new Map<string, number>();

  /** @param maxKeys keys remembered before expired ones are dropped (all, if none expired) @default 4096 */
  constructor(windowMs: number, maxKeys = 4096) {
    this.#windowMs = windowMs;
    this.#maxKeys = maxKeys;
  }

  /** Would `first(key)` be true now (nothing is marked)? */
  open(key: string, now = Date.now()): boolean {
    const last = this.#last.get(key);
    return last === undefined || now - last >= this.#windowMs;
  }

  /** True the first time `key` is seen in a window. */
  first(key: string, now = Date.now()): boolean {
    const last = this.#last.get(key);
    if (last !== undefined && now - last < this.#windowMs) return false;
    if (this.#last.size >= this.#maxKeys) {
      for (const [k, t] of this.#last) if (now - t >= this.#windowMs) this.#last.delete(k);
      if (this.#last.size >= this.#maxKeys) this.#last.clear();
    }
    this.#last.set(key, now);
    return true;
  }
}
