import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';

export const DEFAULT_MAX_OUTPUT = 16 * 1024 * 1024;

/** Where one output stream goes: keeps at most `max` bytes, drops the rest and says so. */
export class CappedSink {
  written = 0;
  truncated = false;
  private readonly ownsTarget: boolean;

  private constructor(
    private readonly target: Writable | undefined,
    private readonly max: number,
    ownsTarget: boolean,
  ) {
    this.ownsTarget = ownsTarget;
  }

  static async open(target: Writable | string | undefined, max: number): Promise<CappedSink> {
    if (typeof target !== 'string') return new CappedSink(target, max, false);
    await mkdir(dirname(target), { recursive: true });
    return new CappedSink(createWriteStream(target), max, true);
  }

  write(chunk: Buffer): void {
    const room = this.max - this.written;
    if (chunk.length > room) this.truncated = true;
    const kept = chunk.length > room ? chunk.subarray(0, Math.max(0, room)) : chunk;
    if (kept.length === 0) return;
    this.written += kept.length;
    this.target?.write(kept);
  }

  /** Closes a file it opened; a caller's stream stays open. */
  async close(): Promise<void> {
    if (!this.ownsTarget || !this.target) return;
    this.target.end();
    await finished(this.target).catch(() => undefined);
  }
}

/** Splits Docker's multiplexed exec stream (8-byte frame headers) into stdout and stderr. */
export class Demuxer {
  private pending: Buffer = Buffer.alloc(0);

  constructor(private readonly onFrame: (stream: 'stdout' | 'stderr', data: Buffer) => void) {}

  push(chunk: Buffer): void {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    while (this.pending.length >= 8) {
      const size = this.pending.readUInt32BE(4);
      if (this.pending.length < 8 + size) return;
      const kind = this.pending[0];
      const data = this.pending.subarray(8, 8 + size);
      this.pending = this.pending.subarray(8 + size);
      this.onFrame(kind === 2 ? 'stderr' : 'stdout', data);
    }
  }
}
