import PQueue from 'p-queue';

/** Two stages per item: `prepare` (sandbox create, copy in) runs ahead while other items `execute`. */
export interface Stages<T, P> {
  prepare(item: T, signal: AbortSignal): Promise<P>;
  execute(item: T, prepared: P, signal: AbortSignal): Promise<void>;
  /** The item will not execute: cancelled, or prepare threw. `prepared` is set when it was prepared. */
  skip(item: T, prepared: P | undefined, reason: unknown): Promise<void>;
}

export interface ScheduleOptions {
  /** Items executing at once. */
  readonly concurrency: number;
  readonly signal: AbortSignal;
}

/** Items prepared (or preparing) beyond the executing ones: creation overlaps execution by this much. */
export const PREPARE_AHEAD = 2;

/**
 * Run every item through prepare → execute with at most `concurrency` executing, and at most
 * `concurrency + PREPARE_AHEAD` held at once (preparing, prepared, or executing), so creation overlaps
 * execution without holding twice the sandboxes memory was sized for. After an abort nothing new starts;
 * every item ends in exactly one of execute or skip. Stage functions should not throw (errors are theirs).
 */
export async function schedule<T, P>(
  items: readonly T[],
  stages: Stages<T, P>,
  options: ScheduleOptions,
): Promise<void> {
  const { concurrency, signal } = options;
  const slots = new PQueue({ concurrency });
  const held = new Tokens(concurrency + PREPARE_AHEAD);
  const work = items.map(async (item) => {
    let holding = false;
    const ready = held.acquire(signal).then(() => {
      holding = true;
      signal.throwIfAborted();
      return stages.prepare(item, signal);
    });
    ready.catch(() => undefined);
    await slots.add(async () => {
      try {
        let prepared: P;
        try {
          prepared = await ready;
        } catch (error) {
          return await stages.skip(item, undefined, error);
        }
        if (signal.aborted) return await stages.skip(item, prepared, signal.reason);
        return await stages.execute(item, prepared, signal);
      } finally {
        if (holding) held.release();
      }
    });
  });
  await Promise.all(work);
}

/** A counting semaphore with FIFO waiters and abort. */
class Tokens {
  private readonly waiters: { resolve: () => void; reject: (e: unknown) => void }[] = [];
  constructor(private free: number) {}

  acquire(signal: AbortSignal): Promise<void> {
    if (signal.aborted) return Promise.reject(signal.reason);
    if (this.free > 0) {
      this.free--;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const waiter = {
        resolve: () => {
          signal.removeEventListener('abort', onAbort);
          resolve();
        },
        reject,
      };
      const onAbort = () => {
        const i = this.waiters.indexOf(waiter);
        if (i >= 0) this.waiters.splice(i, 1);
        reject(signal.reason); // after an abort nothing acquires again, so the count no longer matters
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.waiters.push(waiter);
    });
  }

  release(): void {
    const next = this.waiters.shift();
    if (next) next.resolve();
    else this.free++;
  }
}
