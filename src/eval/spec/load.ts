import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { errorMessage, PaddockError } from '../../common/errors.js';
import { parseSpec } from './parse.js';
import type { EvalSpec } from './types.js';

const SKIP = new Set(['node_modules', '.git', '.paddock', 'paddock-results']);

/** Read and parse a spec file. A missing or unreadable file is INPUT_INVALID. */
export async function loadSpec(file: string): Promise<{ spec: EvalSpec; text: string }> {
  const text = await readFile(file, 'utf8').catch((error: unknown) => {
    throw new PaddockError('INPUT_INVALID', `cannot read the eval spec ${file}: ${errorMessage(error)}`, {
      cause: error,
    });
  });
  return { spec: parseSpec(text, file), text };
}

/** Every file under dir, relative and '/'-separated, sorted (skips node_modules, .git and result folders). */
export async function listFiles(dir: string, limit = 100_000): Promise<string[]> {
  const out: string[] = [];
  const walk = async (at: string): Promise<void> => {
    const entries = await readdir(at, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      if (out.length >= limit) return;
      const path = join(at, entry.name);
      if (entry.isDirectory()) {
        if (!SKIP.has(entry.name)) await walk(path);
      } else if (entry.isFile()) out.push(relative(dir, path).split(sep).join('/'));
    }
  };
  await walk(dir);
  return out.sort();
}
