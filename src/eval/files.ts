import { join } from 'node:path';
import { pathMatcher } from '../common/glob.js';
import type { CopyIn } from './drivers.js';

/** `files:` patterns (and matrix files) → host files to copy into /sandbox, sorted. A plain folder copies what is in it. */
export function filesToCopy(
  globs: readonly string[],
  specFiles: readonly string[],
  specDir: string,
): CopyIn[] {
  if (globs.length === 0) return [];
  const tests = globs.map(pathMatcher);
  return specFiles
    .filter((f) => tests.some((t) => t(f)))
    .sort()
    .map((path) => ({ hostPath: join(specDir, path), path }));
}
