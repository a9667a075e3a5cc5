import { posix } from 'node:path';
import picomatch from 'picomatch';

/** A clean relative path (no leading `./`, no trailing `/`). */
export function cleanRelative(name: string): string {
  return posix
    .normalize(name.replace(/^(\.\/)+/, ''))
    .replace(/\/+$/, '')
    .replace(/^\.$/, '');
}

/** A pattern's literal leading directory ('' for none) and whether it has glob characters at all. */
export function patternBase(pattern: string): { readonly base: string; readonly isGlob: boolean } {
  const scan = picomatch.scan(pattern);
  return { base: cleanRelative(scan.base), isGlob: scan.isGlob };
}

/**
 * One `files:` or `outputs:` pattern, read as actions/upload-artifact reads `path:`: a glob (dotfiles
 * included), or a plain path that matches itself and everything under it. Paths are relative, '/'-separated.
 */
export function pathMatcher(pattern: string): (path: string) => boolean {
  const { base, isGlob } = patternBase(pattern);
  if (isGlob) {
    const isMatch = picomatch(cleanRelative(pattern), { dot: true });
    return (p) => isMatch(p); // one argument: picomatch's second asks for a result object (truthy)
  }
  return (p) => base === '' || p === base || p.startsWith(`${base}/`);
}
