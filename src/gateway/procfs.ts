import { closeSync, openSync, readdirSync, readlinkSync, readSync, statSync } from 'node:fs';

/** The procfs reads attribution needs; a fake stands in for it in unit tests. */
export interface ProcFs {
  readlink(path: string): Promise<string>;
  /** The first `maxBytes` of a file (all of it when omitted). */
  readFile(path: string, maxBytes?: number): Promise<string>;
  /** The first `max` entries of a directory (all when omitted), in the order the kernel lists them. */
  readdir(path: string, max?: number): Promise<string[]>;
  /** How many directories a directory holds (cgroupfs counts them in its link count). */
  subdirs(path: string): Promise<number>;
}

/**
 * procfs answers from memory in microseconds, so these read synchronously: a round trip through
 * libuv's thread pool costs more than the read. The caller bounds how many it makes between two yields
 * to the event loop (see Attribution); a directory or a file is read only as far as asked.
 */
export const realProcFs: ProcFs = {
  readlink: async (p) => readlinkSync(p),
  readFile: async (p, maxBytes = Number.POSITIVE_INFINITY) => readCapped(p, maxBytes),
  // Names only (scandir). Not opendir: procfs lists an entry that vanishes mid-listing (a process that
  // exits, a descriptor closed) with an unknown type, node's Dir then lstat()s it and throws ENOENT, and
  // the whole listing was lost: a live connection's holder was missed ("no process holds the socket").
  // A process's descriptors are bounded by its RLIMIT_NOFILE (sandboxes: 4096), so reading all is bounded.
  readdir: async (p, max = Number.POSITIVE_INFINITY) => {
    const names = readdirSync(p);
    return names.length > max ? names.slice(0, max) : names;
  },
  subdirs: async (p) => statSync(p).nlink - 2,
};

function readCapped(path: string, maxBytes: number): string {
  const fd = openSync(path, 'r');
  try {
    const parts: Buffer[] = [];
    let total = 0;
    while (total < maxBytes) {
      const buffer = Buffer.allocUnsafe(Math.min(64 * 1024, maxBytes - total));
      const n = readSync(fd, buffer, 0, buffer.length, null);
      if (n === 0) break;
      parts.push(buffer.subarray(0, n));
      total += n;
    }
    return Buffer.concat(parts).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/** A read that returns less than this stopped because the rows ran out (see readSocketTable). */
const SHORT_READ = 4096 - 2 * 256;

/**
 * The text of `/proc/<pid>/net/tcp|udp`. The kernel returns at most one page of rows per read and walks
 * its socket hash (2^18 buckets here: about 0.7 ms in all) across those reads; a read that reaches the
 * end walks it whole, so the final read that only finds EOF would cost a full walk again. A read shorter
 * than a page minus two long rows (150 bytes for tcp, 128 for udp) stopped because the rows ran out: it is
 * the last. Reads are synchronous (a pass through the thread pool costs more than a page) and yield to
 * the event loop between pages. Rejects when the file is gone.
 */
export async function readSocketTable(path: string): Promise<string> {
  const fd = openSync(path, 'r');
  try {
    const parts: Buffer[] = [];
    for (let offset = 0; ; ) {
      const buffer = Buffer.allocUnsafe(16 * 1024);
      const n = readSync(fd, buffer, 0, buffer.length, offset);
      parts.push(buffer.subarray(0, n));
      offset += n;
      if (n < SHORT_READ) return Buffer.concat(parts).toString('latin1');
      await new Promise((resolve) => setImmediate(resolve));
    }
  } finally {
    closeSync(fd);
  }
}

/** `socket:[12345]` → 12345. */
export function socketInode(link: string): number | null {
  const m = /^socket:\[(\d+)\]$/.exec(link);
  return m ? Number(m[1]) : null;
}

/** `PPid:` from /proc/<pid>/status. */
export function parsePpid(status: string): number | null {
  const m = /^PPid:\s+(\d+)$/m.exec(status);
  return m ? Number(m[1]) : null;
}

/** The pid as the sandbox sees it: the last `NSpid:` field (falls back to `fallback`). */
export function parseNsPid(status: string, fallback: number): number {
  const m = /^NSpid:\s+([\d\s]+)$/m.exec(status);
  const last = m?.[1]?.trim().split(/\s+/).pop();
  return last ? Number(last) : fallback;
}

/** NUL-separated argv → one line. */
export function parseCmdline(raw: string): string {
  return raw.replace(/\0+$/, '').split('\0').join(' ');
}

/** `/usr/bin/curl (deleted)` → `/usr/bin/curl`. */
export function cleanExe(link: string): string {
  return link.replace(/ \(deleted\)$/, '');
}

/** Numeric entries of /proc. */
export function pidEntries(names: readonly string[]): number[] {
  return names.filter((n) => /^\d+$/.test(n)).map(Number);
}
