import { randomBytes } from 'node:crypto';

// An eval run's command is the container's own (paddock-init -m linger). When it ends, init kills everything
// else in the sandbox and writes one line on each of the container's streams (stdout and stderr):
//   paddock-init: run ended <key> status <N>
// The key is a secret the host gives init in its environment; init wipes it before the command starts, and
// init is not dumpable, so the command cannot read it and cannot forge the line. Everything before the line is
// the command's output on that stream; nothing can follow it (no other process is left to write).

const PREFIX = 'paddock-init: run ended ';

/** A fresh key: 32 hex characters (what init accepts: 32 to 64). */
export const newRunKey = (): string => randomBytes(16).toString('hex');

/** Splits one of the container's streams into the command's own bytes and init's keyed end line. Pure. */
export class RunEnd {
  /** init's line has arrived. */
  ended = false;
  /** The command's exit status (128+N for signal N); null until the end, or when the line is malformed. */
  status: number | null = null;
  private readonly marker: Buffer;
  private held: Buffer = Buffer.alloc(0);

  constructor(key: string) {
    this.marker = Buffer.from(`${PREFIX}${key} status `);
  }

  /** Feed the stream's bytes; returns the bytes that are the command's (to pass on). After the end, nothing. */
  push(chunk: Buffer): Buffer {
    if (this.ended) return Buffer.alloc(0);
    const data = this.held.length === 0 ? chunk : Buffer.concat([this.held, chunk]);
    const at = data.indexOf(this.marker);
    if (at >= 0) {
      const rest = data.subarray(at + this.marker.length);
      const nl = rest.indexOf(0x0a);
      if (nl < 0) {
        this.held = data.subarray(at);
        return data.subarray(0, at);
      }
      const text = rest.subarray(0, nl).toString('latin1');
      // Only init writes this line and it writes a number: anything else is not a status (fail closed: unknown).
      this.ended = true;
      this.status = /^\d{1,3}$/.test(text) ? Number(text) : null;
      this.held = Buffer.alloc(0);
      return data.subarray(0, at);
    }
    // Hold back a tail that could be the start of the marker; pass the rest on.
    const keep = partialMatch(data, this.marker);
    this.held = keep > 0 ? data.subarray(data.length - keep) : Buffer.alloc(0);
    return data.subarray(0, data.length - keep);
  }

  /** Bytes held back when the stream ended without init's line: the command's after all. */
  flush(): Buffer {
    const rest = this.ended ? Buffer.alloc(0) : this.held;
    this.held = Buffer.alloc(0);
    return rest;
  }
}

/** The length of the longest tail of `data` that is a proper prefix of `marker`. */
function partialMatch(data: Buffer, marker: Buffer): number {
  for (let n = Math.min(marker.length - 1, data.length); n > 0; n--) {
    if (data.subarray(data.length - n).equals(marker.subarray(0, n))) return n;
  }
  return 0;
}
