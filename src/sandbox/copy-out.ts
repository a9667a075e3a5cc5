import { mkdir } from 'node:fs/promises';
import { posix, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { extract, type Header } from 'tar-stream';
import { outputGlobs } from './archive.js';
import { SANDBOX_DIR } from './create-options.js';
import { connectEngine } from './engine.js';
import { Extraction, type ExtractionLimits } from './extraction.js';
import type { CopyOutResult, SandboxInfo } from './types.js';

export const DEFAULT_COPY_MAX = 1024 ** 3;
export const DEFAULT_COPY_MAX_ENTRIES = 100_000;

/**
 * Feed one tar stream (the archive of `base`, a path under /sandbox) to `into`. Past a limit the archive is
 * destroyed, not read to its end. Exported for tests with crafted archives.
 */
export async function extractInto(tar: Readable, base: string, into: Extraction): Promise<void> {
  const parser = extract();
  parser.on('entry', (header: Header, body, next) => {
    into
      .entry(base, header, body as unknown as Readable)
      .then(() => {
        if (!into.stopped) return next();
        // Reading on would take as long as the sandbox likes (a sparse 1 TiB file): end the archive here.
        body.on('error', () => undefined); // it errors as the archive goes away
        tar.destroy();
        parser.destroy();
      })
      .catch((error: Error) => next(error));
  });
  try {
    await pipeline(tar, parser);
  } catch (error) {
    if (!into.stopped) throw error; // stopped on purpose: the archive was cut off at a limit
  }
}

/**
 * Copy files matching `globs` (relative to /sandbox) into `destDir`, refusing anything unsafe: nothing under
 * `destDir` resolves outside it, and every byte read or written counts against `maxBytes`.
 */
export async function copyOut(
  sandbox: SandboxInfo,
  globs: string[],
  destDir: string,
  options: Partial<ExtractionLimits> = {},
): Promise<CopyOutResult> {
  const { docker } = await connectEngine();
  const container = docker.getContainer(sandbox.id);
  const { bases, matches } = outputGlobs(globs);
  const dest = resolve(destDir);
  await mkdir(dest, { recursive: true });
  const into = new Extraction(dest, matches, {
    maxBytes: options.maxBytes ?? DEFAULT_COPY_MAX,
    maxEntries: options.maxEntries ?? DEFAULT_COPY_MAX_ENTRIES,
  });
  for (const base of bases) {
    if (into.stopped) break;
    let tar: Readable;
    try {
      tar = (await container.getArchive({ path: posix.join(SANDBOX_DIR, base) })) as unknown as Readable;
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode === 404) continue; // nothing there: no outputs
      throw error;
    }
    await extractInto(tar, base, into);
  }
  return into.finish();
}
