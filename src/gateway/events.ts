import { createWriteStream, type WriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { type EgressEvent, formatEvent, parseEvents } from '../common/event.js';
import { chownToInvoker } from '../common/files.js';

export interface EventLogOptions {
  /** The session JSONL file; appended to, never truncated. */
  readonly path: string;
  /** Where the human line goes (the gateway log). @default stderr */
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

  constructor(options: EventLogOptions) {
    this.#path = options.path;
    this.#log = options.log ?? ((line) => process.stderr.write(`${line}\n`));
  }

  async open(): Promise<void> {
    this.#stream = createWriteStream(this.#path, { flags: 'a' });
    await new Promise<void>((resolve, reject) => {
      this.#stream?.once('open', () => resolve());
      this.#stream?.once('error', reject);
    });
    await chownToInvoker(this.#path);
  }

  append(event: EgressEvent): void {
    this.#log(`${event.time} ${event.sandbox ?? '-'} ${formatEvent(event)}`);
    const stream = this.#stream;
    if (!stream) return;
    const line = `${JSON.stringify(event)}\n`;
    this.#pending = new Promise((resolve) => {
      stream.write(line, () => resolve());
    });
  }

  /** Every event of the session, or of one sandbox. */
  async query(filter: { sandbox?: string } = {}): Promise<EgressEvent[]> {
    await this.#pending;
    const text = await readFile(this.#path, 'utf8').catch(() => '');
    const { events } = parseEvents(text);
    return filter.sandbox === undefined ? events : events.filter((e) => e.sandbox === filter.sandbox);
  }

  /** Flush and close; called on shutdown. */
  async close(): Promise<void> {
    await this.#pending;
    const stream = this.#stream;
    this.#stream = undefined;
    if (stream) await new Promise<void>((resolve) => stream.end(() => resolve()));
  }
}
