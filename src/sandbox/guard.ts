import { PaddockError } from '../common/errors.js';

/**
 * The limits of one running command (an exec or a held run): its timeout, its caller's abort, and the grace
 * after a stop before the driver forces it. Each calls `stop` and says which fired; `dispose` clears them all.
 */
export class CommandGuard {
  /** The timeout fired while the command was not already being stopped (for its output, or a cancel). */
  timedOut = false;
  cancelled = false;
  readonly #stop: () => void;
  readonly #timer: NodeJS.Timeout | undefined;
  readonly #signal: AbortSignal | undefined;
  readonly #onAbort = (): void => {
    this.cancelled = true;
    this.#stop();
  };
  #grace: NodeJS.Timeout | undefined;

  constructor(
    options: { readonly timeoutMs?: number; readonly signal?: AbortSignal },
    stop: () => void,
    stopping: () => boolean,
  ) {
    this.#stop = stop;
    this.#timer =
      options.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            this.timedOut = !stopping();
            this.#stop();
          }, options.timeoutMs);
    this.#signal = options.signal;
    this.#signal?.addEventListener('abort', this.#onAbort, { once: true });
  }

  /** After a stop: `force` runs if the command is still going `ms` later (cleared by `dispose`). */
  grace(ms: number, force: () => void): void {
    this.#grace ??= setTimeout(force, ms);
  }

  dispose(): void {
    clearTimeout(this.#timer);
    clearTimeout(this.#grace);
    this.#signal?.removeEventListener('abort', this.#onAbort);
  }

  /** A cancelled command's driver throws this once its streams are closed. */
  throwIfCancelled(): void {
    if (this.cancelled) throw new PaddockError('CANCELLED', 'command cancelled; its processes were killed');
  }
}
