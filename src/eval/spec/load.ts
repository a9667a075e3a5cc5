import { readdir, readFile } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
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

export interface ListFilesOptions {
  /** Folders (absolute) left out too: an eval's results folder inside the spec folder. @default [] */
  readonly skip?: readonly string[];
  /** @default 100_000 */
  readonly limit?: number;
}

/** Every file under dir, relative and '/'-separated, sorted (skips node_modules, .git and result folders). */
export async function listFiles(dir: string, options: ListFilesOptions = {}): Promise<string[]> {
  const limit = options.limit ?? 100_000;
  const skip = new Set((options.skip ?? []).map((p) => resolve(p)));
  const out: string[] = [];
  const walk = async (at: string): Promise<void> => {
    const entries = await readdir(at, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      if (out.length >= limit) return;
      const path = join(at, entry.name);
      if (entry.isDirectory()) {
        if (!SKIP.has(entry.name) && !skip.has(resolve(path))) await walk(path);
      } else if (entry.isFile()) out.push(relative(dir, path).split(sep).join('/'));
    }
  };
  await walk(dir);
  return out.sort();
}
