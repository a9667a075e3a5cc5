import PQueue from 'p-queue';

/** Two stages per item: `prepare` (sandbox create, copy in) runs ahead while other items `execute`. */
export interface Stages<T, P> {
  prepare(item: T, signal: AbortSignal): Promise<P>;
  execute(item: T, prepared: P, signal: AbortSignal): Promise<void>;
  /** The item will not execute: cancelled, or prepare threw. `prepared` is set when it was prepared. */
  skip(item: T, prepared: P | undefined, reason: unknown): Promise<void>;
}

export interface ScheduleOptions {
  /** Items executing at once; also how many may be prepared ahead of a free slot. */
  readonly concurrency: number;
  readonly signal: AbortSignal;
}

/**
 * Run every item through prepare → execute with at most `concurrency` executing and at most `concurrency`
 * prepared ahead, so creation overlaps execution. After an abort nothing new starts; every item ends in
 * exactly one of execute or skip. Stage functions should not throw (errors are theirs to record).
 */
export async function schedule<T, P>(
  items: readonly T[],
  stages: Stages<T, P>,
  options: ScheduleOptions,
): Promise<void> {
  const { concurrency, signal } = options;
  const slots = new PQueue({ concurrency });
  const prep = new PQueue({ concurrency });
  const ahead = new Tokens(concurrency);
  const work = items.map(async (item) => {
    const ready = ahead.acquire(signal).then(() =>
      prep.add(async () => {
        signal.throwIfAborted();
        return stages.prepare(item, signal);
      }),
    );
    ready.catch(() => undefined);
    await slots.add(async () => {
      let prepared: P | undefined;
      try {
        prepared = (await ready) as P;
      } catch (error) {
        return stages.skip(item, undefined, error);
      } finally {
        ahead.release();
      }
      if (signal.aborted) return stages.skip(item, prepared, signal.reason);
      return stages.execute(item, prepared, signal);
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
