import { readdir, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import picomatch from 'picomatch';
import { PaddockError } from '../../common/errors.js';

/** How deep below the pattern's literal base folders are searched. */
const MAX_DEPTH = 8;

const isResultsDir = (dir: string): Promise<boolean> =>
  stat(join(dir, 'results.json')).then(
    (s) => s.isFile(),
    () => false,
  );

/**
 * The results directories a glob names (`shards/*`, `paddock-results-*`), relative to `cwd`, sorted: folders
 * that match the pattern and hold a results.json. Results folders are not searched inside (runs/ can be large).
 * None found is INPUT_INVALID.
 */
export async function findResultsDirs(pattern: string, cwd: string = process.cwd()): Promise<string[]> {
  const clean = pattern.trim().replace(/\/+$/, '');
  const isMatch = picomatch(clean, { dot: false });
  const base = picomatch.scan(clean).base || '.';
  // An absolute pattern matches absolute paths; a relative one, paths relative to cwd.
  const absolute = isAbsolute(clean);
  const found: string[] = [];
  const walk = async (dir: string, depth: number): Promise<void> => {
    const rel = absolute ? dir : relative(cwd, dir).split(sep).join('/') || '.';
    if (isMatch(rel) && (await isResultsDir(dir))) {
      found.push(rel);
      return;
    }
    if (depth >= MAX_DEPTH) return;
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const e of entries)
      if (e.isDirectory() && e.name !== 'node_modules' && e.name !== '.git')
        await walk(join(dir, e.name), depth + 1);
  };
  await walk(absolute ? base : resolve(cwd, base), 0);
  if (found.length === 0)
    throw new PaddockError(
      'INPUT_INVALID',
      `no results directory (a folder holding results.json) matches ${JSON.stringify(pattern)}`,
    );
  return found.sort();
}
