import { mkdir } from 'node:fs/promises';
import { posix, resolve } from 'node:path';
import type { Readable } from 'node:stream';
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
  // Node's stream pipeline does not settle when tar-stream's (streamx) parser is destroyed mid-entry, so
  // the archive's end is watched here: the parser finishing, or either side failing or closing early.
  const done = new Promise<void>((resolve, reject) => {
    const fail = (error: Error): void => {
      tar.destroy();
      parser.destroy();
      if (into.stopped) resolve();
      else reject(error);
    };
    tar.once('error', fail);
    parser.once('error', fail);
    parser.once('finish', () => resolve());
    parser.once('close', () => fail(new Error('the archive stream closed before its end')));
  });
  parser.on('entry', (header: Header, body, next) => {
    into
      .entry(base, header, body as unknown as Readable)
      .then(() => {
        if (!into.stopped) return next();
        // Reading on would take as long as the sandbox likes (a sparse 1 TiB file): end the archive here.
        // The parser waits for this entry's callback before it goes, so the stop is handed to it as an error.
        body.on('error', () => undefined); // it errors as the archive goes away
        tar.destroy();
        next(new Error('the copy stopped at a limit'));
      })
      .catch((error: Error) => next(error));
  });
  tar.pipe(parser as unknown as NodeJS.WritableStream);
  await done;
}

/**
 * Copy files matching `globs` (relative to /sandbox) into `destDir`, laid out as actions/upload-artifact lays
 * them out (relative to the patterns' common literal directory), refusing anything unsafe: nothing under
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
  const selection = outputGlobs(globs);
  const dest = resolve(destDir);
  await mkdir(dest, { recursive: true });
  const into = new Extraction(dest, selection, {
    maxBytes: options.maxBytes ?? DEFAULT_COPY_MAX,
    maxEntries: options.maxEntries ?? DEFAULT_COPY_MAX_ENTRIES,
  });
  for (const base of selection.bases) {
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
