import { createWriteStream, type WriteStream } from 'node:fs';
import { errorMessage, PaddockError } from '../common/errors.js';
import { type EgressEvent, formatEvent, readEventLog } from '../common/event.js';
import { chownToInvoker } from '../common/files.js';
import { writeLog } from './log.js';

export interface EventLogOptions {
  /** The session JSONL file; appended to, never truncated. */
  readonly path: string;
  /** Where the human line goes (the gateway log, which stamps it). @default the gateway log */
  readonly log?: (line: string) => void;
}

/**
 * Appends every decision to the session JSONL on the host and writes the human line to the log.
 * The file outlives sandboxes; `query` reads it back after the pending writes landed.
 */
export class EventLog {
  readonly #path: string;
  readonly #log: (line: string) => void;
  #stream: WriteStream | undefined;
  #pending: Promise<void> = Promise.resolve();
  /** Set after the first failed write: every later append rejects (no gaps are papered over). */
  #failed: string | undefined;

  constructor(options: EventLogOptions) {
    this.#path = options.path;
    this.#log = options.log ?? writeLog;
  }

  async open(): Promise<void> {
    this.#stream = createWriteStream(this.#path, { flags: 'a' });
    await new Promise<void>((resolve, reject) => {
      this.#stream?.once('open', () => resolve());
      this.#stream?.once('error', reject);
    });
    // A later stream error (disk full, EIO) fails the write callbacks; keep it from being unhandled.
    this.#stream.on('error', (error) => {
      this.#failed ??= errorMessage(error);
      this.#log(`event log ${this.#path}: ${errorMessage(error)}`);
    });
    await chownToInvoker(this.#path);
  }

  /**
   * Write one event. Resolves when the line is written; rejects when it cannot be (the log is closed or
   * the write failed), so the caller can deny what it cannot record.
   */
  append(event: EgressEvent): Promise<void> {
    this.#log(`${event.sandbox ?? '-'} ${formatEvent(event)}`); // the log adds the one timestamp
    const stream = this.#stream;
    if (!stream || this.#failed) {
      return Promise.reject(
        new PaddockError(
          'EVIDENCE_INCOMPLETE',
          `event log ${this.#path} ${this.#failed ? `failed: ${this.#failed}` : 'is not open'}`,
        ),
      );
    }
    const line = `${JSON.stringify(event)}\n`;
    const written = new Promise<void>((resolve, reject) => {
      stream.write(line, (error) => {
        if (!error) return resolve();
        this.#failed ??= errorMessage(error);
        reject(
          new PaddockError(
            'EVIDENCE_INCOMPLETE',
            `cannot write the event log ${this.#path}: ${errorMessage(error)}`,
          ),
        );
      });
    });
    // query/close wait for every write, failed or not.
    this.#pending = written.catch(() => undefined);
    return written;
  }

  /** Every event of the session, or of one sandbox. */
  async query(filter: { sandbox?: string } = {}): Promise<EgressEvent[]> {
    await this.#pending;
    if (this.#failed)
      throw new PaddockError('EVIDENCE_INCOMPLETE', `event log ${this.#path} failed: ${this.#failed}`);
    return readEventLog(this.#path, filter.sandbox === undefined ? {} : { sandbox: filter.sandbox });
  }

  /** Flush and close; called on shutdown. */
  async close(): Promise<void> {
    await this.#pending;
    const stream = this.#stream;
    this.#stream = undefined;
    if (stream) await new Promise<void>((resolve) => stream.end(() => resolve()));
  }
}
