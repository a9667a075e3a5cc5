import { mkdir } from 'node:fs/promises';
import { posix, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import type Docker from 'dockerode';
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

/** Go's `os.ModeDir` and `os.ModeSymlink`, as Docker's path stat reports a mode. */
const MODE_DIR = 2 ** 31;
const MODE_SYMLINK = 2 ** 27;

/**
 * Why the archive of `base` must not be fetched: one of its folders (`out` of `out/logs`) is not a folder in the
 * sandbox, or undefined (fine, or nothing there). Docker reads an archive itself, outside Landlock, and resolves
 * every symlink of the path's folders inside the container: `out -> /var/lib/db` would have copied
 * `/var/lib/db/logs`, which the policy hides from the agent. Each folder is looked at in turn, without following
 * it (Docker's stat does not follow the last name), so a link anywhere above the base is found.
 */
async function linkedFolder(
  container: Docker.Container,
  base: string,
): Promise<{ path: string; reason: string } | undefined> {
  const parts = base === '' ? [] : base.split('/');
  for (let i = 1; i < parts.length; i++) {
    const path = parts.slice(0, i).join('/');
    let header: string | string[] | undefined;
    try {
      const res = (await container.infoArchive({ path: posix.join(SANDBOX_DIR, path) })) as {
        headers: Record<string, string | string[] | undefined>;
        resume?: () => void;
      };
      res.resume?.();
      header = res.headers['x-docker-container-path-stat'];
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode === 404) return undefined; // nothing there: no outputs
      throw error;
    }
    const stat = JSON.parse(Buffer.from(String(header ?? ''), 'base64').toString('utf8') || '{}') as {
      mode?: number;
      linkTarget?: string;
    };
    const mode = stat.mode ?? 0;
    if (Math.floor(mode / MODE_SYMLINK) % 2 === 1 || (stat.linkTarget ?? '') !== '')
      return {
        path,
        reason: `a symlink in place of a folder of output path ${base}; nothing under it is copied`,
      };
    if (Math.floor(mode / MODE_DIR) % 2 !== 1)
      return { path, reason: `not a folder, in output path ${base}; nothing under it is copied` };
  }
  return undefined;
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
    // Checked and then read: in an eval no agent process is left by then (init killed them at the command's end).
    const linked = await linkedFolder(container, base);
    if (linked) {
      into.refuse(linked.path, linked.reason);
      continue;
    }
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
