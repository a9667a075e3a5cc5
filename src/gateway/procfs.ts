import { readdir, readFile, readlink } from 'node:fs/promises';

/** The three procfs reads attribution needs; a fake stands in for it in unit tests. */
export interface ProcFs {
  readlink(path: string): Promise<string>;
  readFile(path: string): Promise<string>;
  readdir(path: string): Promise<string[]>;
}

export const realProcFs: ProcFs = {
  readlink: (p) => readlink(p),
  readFile: (p) => readFile(p, 'utf8'),
  readdir: (p) => readdir(p),
};

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
