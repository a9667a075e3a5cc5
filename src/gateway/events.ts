import { closeSync, openSync, writeSync } from 'node:fs';
import { errorMessage, PaddockError } from '../common/errors.js';
import { type EgressEvent, formatEvent, readEventLog } from '../common/event.js';
import { chownToInvoker } from '../common/files.js';
import { writeLog } from './log.js';

/** How long after an event its human line is written (with every other line of that time). */
export const HUMAN_LOG_MS = 50;

export interface EventLogOptions {
  /** The session JSONL file; appended to, never truncated. */
  readonly path: string;
  /** Where the human line goes (the gateway log, which stamps it). @default the gateway log */
  readonly log?: (line: string) => void;
}

/**
 * Appends every decision to the session JSONL on the host and writes the human line to the log.
 * Each line is written with one write(2) on an O_APPEND descriptor before append returns: the event is in
 * the file (the page cache) before the caller acts on the decision, without a thread-pool round trip per
 * connection (about 0.1 ms of every connection's latency, measured in bench/gateway.ts).
 * The file outlives sandboxes; `query` reads it back.
 */
export class EventLog {
  readonly #path: string;
  readonly #log: (line: string) => void;
  #fd: number | undefined;
  /** Set after the first failed write: every later append rejects (no gaps are papered over). */
  #failed: string | undefined;
  /** Events whose human line is not written yet (written together once the connection work of this turn is done). */
  #unlogged: EgressEvent[] = [];

  constructor(options: EventLogOptions) {
    this.#path = options.path;
    this.#log = options.log ?? writeLog;
  }

  async open(): Promise<void> {
    this.#fd = openSync(this.#path, 'a');
    await chownToInvoker(this.#path);
  }

  /**
   * Write one event. Resolves when the line is written; rejects when it cannot be (the log is closed or
   * the write failed), so the caller can deny what it cannot record.
   */
  append(event: EgressEvent): Promise<void> {
    this.#human(event);
    const fd = this.#fd;
    if (fd === undefined || this.#failed) {
      return Promise.reject(
        new PaddockError(
          'EVIDENCE_INCOMPLETE',
          `event log ${this.#path} ${this.#failed ? `failed: ${this.#failed}` : 'is not open'}`,
        ),
      );
    }
    const line = Buffer.from(`${JSON.stringify(event)}\n`);
    try {
      // One write of the whole line: O_APPEND keeps it whole; a short write is a failure, not a retry.
      const n = writeSync(fd, line);
      if (n !== line.length) throw new Error(`short write (${n} of ${line.length} bytes)`);
    } catch (error) {
      this.#failed ??= errorMessage(error);
      this.#log(`event log ${this.#path}: ${errorMessage(error)}`);
      return Promise.reject(
        new PaddockError(
          'EVIDENCE_INCOMPLETE',
          `cannot write the event log ${this.#path}: ${errorMessage(error)}`,
        ),
      );
    }
    return Promise.resolve();
  }

  /**
   * The human line is for people reading gateway.log, not evidence (that is the JSONL line): formatted and
   * written HUMAN_LOG_MS later with every other line of that time, off the connections' latency paths (~0.04 ms
   * a line).
   */
  #human(event: EgressEvent): void {
    if (this.#unlogged.push(event) === 1) setTimeout(() => this.#flushHuman(), HUMAN_LOG_MS).unref();
  }

  #flushHuman(): void {
    // The log adds the one timestamp (the flush's, at most HUMAN_LOG_MS after the event's own time).
    for (const e of this.#unlogged.splice(0)) this.#log(`${e.sandbox ?? '-'} ${formatEvent(e)}`);
  }

  /** Every event of the session, or of one sandbox. */
  async query(filter: { sandbox?: string } = {}): Promise<EgressEvent[]> {
    if (this.#failed)
      throw new PaddockError('EVIDENCE_INCOMPLETE', `event log ${this.#path} failed: ${this.#failed}`);
    return readEventLog(this.#path, filter.sandbox === undefined ? {} : { sandbox: filter.sandbox });
  }

  /** Close; called on shutdown. */
  async close(): Promise<void> {
    this.#flushHuman();
    const fd = this.#fd;
    this.#fd = undefined;
    if (fd !== undefined) closeSync(fd);
  }
}
