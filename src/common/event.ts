import { open } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import { errorMessage, PaddockError } from './errors.js';
import { plural } from './plural.js';

/**
 * How the gateway knew who made a connection: `connect-time` (recorded when it was made), `proc` (read from
 * /proc when it arrived), `tainted` (read from /proc, with injected code or a tracer: matches no per-binary rule).
 */
export type EventIdentity = 'connect-time' | 'proc' | 'tainted';

/** One gateway decision. Serialised as one JSON object per line (see DESIGN.md "Event"). */
export interface EgressEvent {
  readonly time: string;
  readonly session: string;
  readonly sandbox: string | null;
  readonly run: string | null;
  readonly action: 'allow' | 'deny' | 'audit';
  readonly layer: 'dns' | 'connect' | 'http' | 'udp';
  readonly protocol: 'tcp' | 'udp' | 'icmp';
  readonly host: string | null;
  readonly ip: string | null;
  readonly port: number | null;
  readonly binary: string | null;
  readonly pid: number | null;
  readonly ancestors: readonly string[];
  readonly cmdline: string | null;
  /** Null when the binary is unknown; absent in logs written before it existed. */
  readonly identity?: EventIdentity | null;
  readonly policy: string | null;
  readonly reason: string;
  /** `http` events of inspected connections: the request method. */
  readonly method?: string;
  /** `http` events: the request path, query values redacted (`/search?q=…`). */
  readonly path?: string;
  /** `http` events: the status the client got (403 for a denial, 502 when the upstream failed). */
  readonly status?: number;
  /** `http` events: response body bytes sent to the client. */
  readonly bytes?: number;
  /** The eval phase the sandbox was in (`setup`, `verify`); absent for the agent's own command and outside evals. */
  readonly phase?: string;
}

const LABEL: Record<EgressEvent['action'], string> = { allow: 'ALLOWED', deny: 'DENIED', audit: 'AUDIT' };

/**
 * Control characters (C0, DEL, C1) and backslashes as `\xNN`: a DNS label or a cmdline can carry a
 * newline or a terminal escape, and the human log must keep one line per event and show it as text.
 * The `[` of `##[` too: GitHub's runner runs a legacy workflow command (`##[add-mask]…`,
 * `##[stop-commands]…`) found anywhere in a line a step prints, and these lines reach CI logs.
 */
export function escapeText(text: string): string {
  const controls = /[\\\u0000-\u001f\u007f-\u009f]/g;
  return text
    .replace(controls, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`)
    .replaceAll('##[', '##\\x5b');
}

/**
 * `DENIED /usr/bin/curl(64) -> evil.test:443 [policy:- reason:no matching policy]` (a request:
 * `-> POST github.com:443/o/r.git/git-receive-pack`), control characters escaped.
 */
export function formatEvent(e: EgressEvent): string {
  const who = `${e.binary ?? 'unknown'}${e.pid !== null ? `(${e.pid})` : ''}`;
  const where = `${e.host ?? e.ip ?? '?'}${e.port !== null ? `:${e.port}` : ''}`;
  const dest = e.method ? `${e.method} ${where}${e.path ?? ''}` : where;
  return escapeText(`${LABEL[e.action]} ${who} -> ${dest} [policy:${e.policy ?? '-'} reason:${e.reason}]`);
}

/** Parse JSONL text into events. Lines that are not events are skipped and counted. */
export function parseEvents(text: string): { events: EgressEvent[]; skipped: number } {
  const events: EgressEvent[] = [];
  let skipped = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const event = parseEvent(line);
    if (event) events.push(event);
    else skipped++;
  }
  return { events, skipped };
}

/** One JSONL line as an event, or null when it is not one. */
function parseEvent(line: string): EgressEvent | null {
  try {
    const value = JSON.parse(line) as Partial<EgressEvent>;
    return value &&
      typeof value === 'object' &&
      typeof value.action === 'string' &&
      typeof value.layer === 'string'
      ? (value as EgressEvent)
      : null;
  } catch {
    return null;
  }
}

export interface ReadEventLogOptions {
  /** Keep one sandbox's events. */
  readonly sandbox?: string;
  /**
   * `empty`: a log that does not exist is no events (a session whose gateway never ran). Every other
   * I/O error, and any malformed line, still throws. @default 'error'
   */
  readonly missing?: 'error' | 'empty';
  /**
   * Given, lines that are not events are counted and the count passed here instead of throwing (a file a user
   * gave to read, not evidence).
   */
  readonly skipped?: (count: number) => void;
}

/**
 * The one reader of a decision log (the gateway's events.jsonl, a results egress.jsonl). Evidence fails
 * closed: an unreadable file or a line that is not an event throws EVIDENCE_INCOMPLETE, never "no events".
 */
export async function readEventLog(path: string, options: ReadEventLogOptions = {}): Promise<EgressEvent[]> {
  const events: EgressEvent[] = [];
  let skipped = 0;
  const keep = (line: string) => {
    if (line.trim() === '') return;
    const event = parseEvent(line);
    if (!event) skipped++;
    else if (options.sandbox === undefined || event.sandbox === options.sandbox) events.push(event);
  };
  try {
    // Read in chunks, a line at a time: a session's log can be longer than one string may be (a flood of
    // logged denials), and most of it is usually other sandboxes' events.
    const file = await open(path, 'r');
    try {
      const decoder = new StringDecoder('utf8');
      const chunk = Buffer.alloc(1 << 20);
      let rest = '';
      for (;;) {
        const { bytesRead } = await file.read(chunk, 0, chunk.length, null);
        if (bytesRead === 0) break;
        const lines = (rest + decoder.write(chunk.subarray(0, bytesRead))).split('\n');
        rest = lines.pop() ?? '';
        for (const line of lines) keep(line);
      }
      keep(rest + decoder.end());
    } finally {
      await file.close();
    }
  } catch (error) {
    if (options.missing === 'empty' && (error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new PaddockError(
      'EVIDENCE_INCOMPLETE',
      `cannot read the decision log ${path}: ${errorMessage(error)}`,
      {
        cause: error,
      },
    );
  }
  if (options.skipped) options.skipped(skipped);
  else if (skipped > 0) {
    throw new PaddockError(
      'EVIDENCE_INCOMPLETE',
      `the decision log ${path} has ${plural(skipped, 'line')} that ${skipped === 1 ? 'is not an event' : 'are not events'}: its evidence is incomplete`,
    );
  }
  return events;
}
