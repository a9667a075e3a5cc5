import { FENCE_LOG } from './fence.js';
import { realProcFs } from './procfs.js';

/** One entry of a fence record (`/proc/<pid>/net/ipt_hashlimit/<name>`): who sent where. */
export interface FenceRecord {
  readonly srcPort: number;
  readonly ip: string;
  readonly port: number;
  /** Seconds until the kernel forgets it (larger = seen more recently). */
  readonly expiresIn: number;
}

const LINE = /^(\d+) [\d.]+:(\d+)->(\d+\.\d+\.\d+\.\d+):(\d+) /;

/** Parse a hashlimit table: `9 0.0.0.0:40001->192.0.2.5:9999 <credits…>` per line; others skipped. */
export function parseFenceRecord(text: string): FenceRecord[] {
  const out: FenceRecord[] = [];
  for (const line of text.split('\n')) {
    const m = LINE.exec(line);
    if (!m) continue;
    out.push({ expiresIn: Number(m[1]), srcPort: Number(m[2]), ip: m[3] as string, port: Number(m[4]) });
  }
  return out;
}

/** A record larger than this is not read (a flood of destinations): the destination is then not known. */
export const MAX_RECORD_BYTES = 256 * 1024;

/**
 * The fence record `what` of the sandbox whose holder is `pid`, as the kernel keeps it in that netns.
 * Rejects when it cannot be read or is larger than MAX_RECORD_BYTES.
 */
export async function readFenceRecord(pid: number, what: keyof typeof FENCE_LOG): Promise<FenceRecord[]> {
  const path = `/proc/${pid}/net/ipt_hashlimit/${FENCE_LOG[what].name}`;
  const text = await realProcFs.readFile(path, MAX_RECORD_BYTES + 1);
  if (text.length > MAX_RECORD_BYTES) throw new Error(`${path} is over ${MAX_RECORD_BYTES} bytes`);
  return parseFenceRecord(text);
}
