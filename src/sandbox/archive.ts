import { posix } from 'node:path';
import { cleanRelative, pathMatcher, patternBase } from '../common/glob.js';

/** Why a path inside an archive or a copy request is unsafe, or undefined when it is fine. Pure. */
export function unsafePath(name: string): string | undefined {
  if (name === '' || name.includes('\0')) return 'empty or NUL in name';
  if (name.startsWith('/') || /^[a-zA-Z]:[\\/]/.test(name)) return 'absolute path';
  if (name.split(/[\\/]/).includes('..')) return 'contains ..';
  return undefined;
}

/** Why a symlink at `path` (relative to the destination) pointing at `target` is unsafe, or undefined. Pure. */
export function unsafeSymlink(path: string, target: string): string | undefined {
  if (target === '' || target.includes('\0')) return 'empty symlink target';
  if (target.startsWith('/')) return `symlink to absolute path ${target}`;
  const resolved = posix.normalize(posix.join(posix.dirname(path), target));
  if (resolved === '..' || resolved.startsWith('../'))
    return `symlink points outside the destination (${target})`;
  return undefined;
}

/** Remove setuid/setgid/sticky and write-for-others; keep the exec bit. */
export function saneMode(mode: number | undefined, directory: boolean): number {
  if (directory) return 0o755;
  return (mode ?? 0) & 0o111 ? 0o755 : 0o644;
}

export interface OutputGlobs {
  /** Directories (relative to /sandbox, '' for all of it) to fetch archives of; none is inside another. */
  readonly bases: string[];
  readonly matches: (path: string) => boolean;
  /**
   * Where a matched path (relative to /sandbox) lands, relative to the destination: as actions/upload-artifact
   * places files, relative to the longest directory every pattern's literal part shares (`out/**` puts
   * `out/r.txt` at `r.txt`; a single plain file lands under its own name).
   */
  readonly place: (path: string) => string;
}

/** The longest leading run of path components that all `paths` share ('' for none). Pure. */
export function commonRoot(paths: readonly string[]): string {
  const split = paths.map((p) => (p === '' ? [] : p.split('/')));
  const first = split[0] ?? [];
  let n = 0;
  while (n < first.length && split.every((parts) => parts[n] === first[n])) n++;
  return first.slice(0, n).join('/');
}

/** Turn output globs into the archives to fetch and one matcher. A plain path also matches what is under it. */
export function outputGlobs(globs: readonly string[]): OutputGlobs {
  const tests: ((path: string) => boolean)[] = [];
  const bases: string[] = [];
  for (const glob of globs) {
    const bad = unsafePath(glob.replace(/^(\.\/)+/, ''));
    if (bad) throw new Error(`output glob ${JSON.stringify(glob)}: ${bad}`);
    bases.push(patternBase(glob).base);
    tests.push(pathMatcher(glob));
  }
  const unique = [...new Set(bases)].sort((a, b) => a.length - b.length);
  const outer = unique.filter((b, i) => !unique.slice(0, i).some((o) => o === '' || b.startsWith(`${o}/`)));
  const root = commonRoot(bases);
  const place = (p: string): string =>
    root === '' ? p : p === root ? posix.basename(p) : p.slice(root.length + 1);
  return { bases: outer, matches: (p) => tests.some((t) => t(p)), place };
}

/** Map an entry of the archive of `base` (whose first component is base's own name) to a path under /sandbox. */
export function entryPath(base: string, name: string): string {
  const rest = cleanRelative(name).split('/').slice(1).join('/');
  return base === '' ? rest : rest === '' ? base : `${base}/${rest}`;
}
