import { posix } from 'node:path';

/** What /proc says about one process, as far as injected code goes. */
export interface ProcessFacts {
  /** `/proc/<pid>/exe` (cleaned): its own mapping is judged by the binary rule, not here. */
  readonly exe: string;
  /** `/proc/<pid>/environ`: NUL-separated, as the kernel returns it (the environment it was started with). */
  readonly environ: string;
  /** `/proc/<pid>/maps`. */
  readonly maps: string;
  /** `/proc/<pid>/status`. */
  readonly status: string;
}

/** Paths nothing in a sandbox can write to, but which reach a process's file descriptors (memfd, pipes). */
const FD_PATHS = ['/proc', '/dev/fd'];

const under = (path: string, dir: string): boolean =>
  dir === '/' || path === dir || path.startsWith(`${dir}/`);

/**
 * Is code loaded from `path` code the sandbox could have written? True for paths under a writable
 * directory, memfds and deleted files, /proc/…/fd links, and anything relative (resolved against a cwd or
 * a search path the process chose).
 */
export function fromWritable(path: string, writable: readonly string[]): boolean {
  if (path.startsWith('/memfd:') || path.endsWith(' (deleted)')) return true;
  if (!path.startsWith('/')) return true;
  const normal = posix.normalize(path);
  return [...writable, ...FD_PATHS].some((dir) => under(normal, dir));
}

/** NUL-separated environ → map (the first of a repeated key wins, as getenv does). */
export function parseEnviron(raw: string): Map<string, string> {
  const env = new Map<string, string>();
  for (const entry of raw.split('\0')) {
    const eq = entry.indexOf('=');
    if (eq > 0 && !env.has(entry.slice(0, eq))) env.set(entry.slice(0, eq), entry.slice(eq + 1));
  }
  return env;
}

/** ld.so: LD_PRELOAD is split on spaces and colons, LD_AUDIT and LD_LIBRARY_PATH on colons (ld.so(8)). */
function loaderTaint(env: Map<string, string>, writable: readonly string[]): string[] {
  const out: string[] = [];
  for (const [key, split] of [
    ['LD_PRELOAD', /[ :]/],
    ['LD_AUDIT', /:/],
  ] as const) {
    for (const lib of (env.get(key) ?? '').split(split).filter((x) => x !== '')) {
      // A bare name is looked up in the library path: judge it with LD_LIBRARY_PATH below.
      if (lib.includes('/') && fromWritable(lib, writable)) out.push(`${key}=${lib}`);
    }
  }
  const libraryPath = env.get('LD_LIBRARY_PATH');
  if (libraryPath !== undefined && libraryPath !== '') {
    // An empty entry means the working directory.
    const dirs = libraryPath.split(/[:;]/);
    const bad = dirs.find((d) => d === '' || fromWritable(d, writable));
    if (bad !== undefined) out.push(`LD_LIBRARY_PATH=${libraryPath}`);
  }
  return out;
}

/** Node's and Bun's option words that load a module before the program (value as the next word or after `=`). */
const PRELOAD_FLAGS = new Set([
  '-r',
  '--require',
  '--import',
  '--loader',
  '--experimental-loader',
  '--preload',
]);

/** Split NODE_OPTIONS the way Node does: on whitespace, with double quotes grouping. */
export function splitOptions(value: string): string[] {
  const words: string[] = [];
  for (const m of value.matchAll(/"((?:\\.|[^"\\])*)"|(\S+)/g)) {
    words.push(m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : (m[2] ?? ''));
  }
  return words;
}

/**
 * A preload in NODE_OPTIONS / BUN_OPTIONS taints unless it names an absolute file outside the writable
 * paths: a relative path or a bare package name resolves against the working directory and HOME
 * (`/sandbox`), and a `data:` URL is inline code.
 */
function runtimeTaint(env: Map<string, string>, writable: readonly string[]): string[] {
  const out: string[] = [];
  for (const key of ['NODE_OPTIONS', 'BUN_OPTIONS']) {
    const words = splitOptions(env.get(key) ?? '');
    for (let i = 0; i < words.length; i++) {
      const word = words[i] ?? '';
      const eq = word.indexOf('=');
      const flag = eq > 0 ? word.slice(0, eq) : word;
      if (!PRELOAD_FLAGS.has(flag)) continue;
      const value = eq > 0 ? word.slice(eq + 1) : (words[++i] ?? '');
      const path = value.startsWith('file://') ? decodeURIComponent(value.slice('file://'.length)) : value;
      if (!path.startsWith('/') || fromWritable(path, writable)) out.push(`${key} ${flag} ${value}`);
    }
  }
  return out;
}

/** Executable mappings of files the sandbox could have written (the exe's own mapping excepted). */
function mappingTaint(maps: string, exe: string, writable: readonly string[]): string[] {
  const out = new Set<string>();
  for (const line of maps.split('\n')) {
    // address perms offset dev inode path (the path may hold spaces)
    const m = /^\S+\s+(\S{4})\s+\S+\s+\S+\s+\d+\s+(.*)$/.exec(line);
    const path = m?.[2]?.trim() ?? '';
    if (m?.[1]?.[2] !== 'x' || path === '' || path.startsWith('[')) continue;
    if (path === exe) continue;
    if (fromWritable(path, writable)) out.add(path);
  }
  return [...out].map((p) => `executable mapping of ${p}`);
}

/** `TracerPid:` from /proc/<pid>/status (0 when none). */
export function tracerPid(status: string): number {
  const m = /^TracerPid:\s+(\d+)$/m.exec(status);
  return m ? Number(m[1]) : 0;
}

/**
 * Why a process's code may not be its binary's: a loader preload or audit library, a library path, a
 * Node/Bun preload from a writable place, an executable mapping of a writable file or memfd, a tracer.
 * Empty when none. Pure.
 */
export function taintOf(facts: ProcessFacts, writable: readonly string[]): string[] {
  const env = parseEnviron(facts.environ);
  const reasons = [
    ...loaderTaint(env, writable),
    ...runtimeTaint(env, writable),
    ...mappingTaint(facts.maps, facts.exe, writable),
  ];
  const tracer = tracerPid(facts.status);
  if (tracer !== 0) reasons.push(`traced by pid ${tracer}`);
  return reasons;
}
