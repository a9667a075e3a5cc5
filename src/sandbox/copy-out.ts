import { createWriteStream } from 'node:fs';
import { copyFile, lstat, mkdir, rm, symlink } from 'node:fs/promises';
import { join, posix, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { extract, type Header } from 'tar-stream';
import { chownToInvoker } from '../common/files.js';
import { entryPath, outputGlobs, saneMode, unsafePath, unsafeSymlink } from './archive.js';
import { SANDBOX_DIR } from './create-options.js';
import { connectEngine } from './engine.js';
import type { CopyOutResult, SandboxInfo } from './types.js';

export const DEFAULT_COPY_MAX = 1024 ** 3;

interface Extraction {
  files: string[];
  rejected: { path: string; reason: string }[];
  bytes: number;
  stopped: boolean;
}

/** Why writing `rel` under `dest` would pass through a symlink or replace a directory, or undefined. */
async function unsafeTarget(dest: string, rel: string): Promise<string | undefined> {
  const parts = rel.split('/');
  for (let i = 1; i <= parts.length; i++) {
    const here = join(dest, ...parts.slice(0, i));
    const stat = await lstat(here).catch(() => undefined);
    if (!stat) return undefined;
    if (stat.isSymbolicLink())
      return i < parts.length ? 'path passes through a symlink' : 'a symlink is in the way';
    if (i === parts.length && stat.isDirectory()) return 'a directory is in the way';
  }
  return undefined;
}

async function makeParents(dest: string, rel: string): Promise<void> {
  const parts = rel.split('/').slice(0, -1);
  for (let i = 1; i <= parts.length; i++) {
    const dir = join(dest, ...parts.slice(0, i));
    const made = await mkdir(dir, { mode: 0o755 }).then(
      () => true,
      () => false,
    );
    if (made) await chownToInvoker(dir);
  }
}

/**
 * Extract one tar stream (from the archive of `base`) into `dest`, keeping only entries that `matches`.
 * Unsafe entries are rejected with a reason and never written. An entry past `maxBytes` stops the copy: the
 * archive is destroyed, not read to its end. Exported for tests with crafted archives.
 */
export async function extractInto(
  tar: Readable,
  base: string,
  dest: string,
  matches: (path: string) => boolean,
  maxBytes: number,
  state: Extraction,
): Promise<void> {
  await mkdir(dest, { recursive: true });
  const parser = extract();
  const written = new Map<string, string>();
  parser.on('entry', (header, body, next) => {
    handle(header, body as unknown as Readable)
      .then(() => (parser.destroyed ? undefined : next()))
      .catch((error: Error) => next(error));
  });
  async function handle(header: Header, body: Readable): Promise<void> {
    let consumed = false;
    const drain = async (): Promise<void> => {
      if (consumed) return;
      consumed = true;
      await new Promise((r) => {
        body.once('end', r).once('close', r).once('error', r);
        body.resume();
      });
    };
    const bad = unsafePath(header.name);
    const rel = bad ? header.name : entryPath(base, header.name);
    const reject = async (reason: string): Promise<void> => {
      state.rejected.push({ path: rel, reason });
      await drain();
    };
    if (bad) return reject(bad);
    if (state.stopped || header.type === 'directory' || rel === '' || !matches(rel)) return drain();
    if (!['file', 'symlink', 'link'].includes(header.type ?? 'file'))
      return reject(`unsupported entry type ${header.type}`);
    const size = header.size ?? 0;
    if (state.bytes + size > maxBytes) {
      // Reading on would take as long as the sandbox likes (a sparse 1 TiB file): end the archive here.
      state.stopped = true;
      body.on('error', () => undefined); // it errors as the archive goes away
      state.rejected.push({
        path: rel,
        reason: `over the copy limit of ${maxBytes} bytes; the copy stopped here`,
      });
      tar.destroy();
      parser.destroy();
      return;
    }
    const blocked = await unsafeTarget(dest, rel);
    if (blocked) return reject(blocked);
    const target = join(dest, ...rel.split('/'));
    await makeParents(dest, rel);
    if (header.type === 'symlink') {
      const why = unsafeSymlink(rel, header.linkname ?? '');
      if (why) return reject(why);
      await rm(target, { force: true });
      await symlink(header.linkname as string, target);
    } else if (header.type === 'link') {
      const from =
        header.linkname && !unsafePath(header.linkname)
          ? written.get(entryPath(base, header.linkname))
          : undefined;
      if (!from) return reject('hard link to a file outside the copied set');
      await copyFile(from, target);
    } else {
      await rm(target, { force: true });
      consumed = true;
      await pipeline(body, createWriteStream(target, { flags: 'wx', mode: saneMode(header.mode, false) }));
      state.bytes += size;
    }
    await drain().catch(() => undefined);
    written.set(rel, target);
    state.files.push(rel);
    await chownToInvoker(target);
  }
  try {
    await pipeline(tar, parser);
  } catch (error) {
    if (!state.stopped) throw error; // stopped on purpose: the archive was cut off at the cap
  }
}

/** Copy files matching `globs` (relative to /sandbox) into `destDir`, refusing anything unsafe. */
export async function copyOut(
  sandbox: SandboxInfo,
  globs: string[],
  destDir: string,
  options: { maxBytes?: number } = {},
): Promise<CopyOutResult> {
  const { docker } = await connectEngine();
  const container = docker.getContainer(sandbox.id);
  const { bases, matches } = outputGlobs(globs);
  const dest = resolve(destDir);
  await mkdir(dest, { recursive: true });
  const state: Extraction = { files: [], rejected: [], bytes: 0, stopped: false };
  for (const base of bases) {
    if (state.stopped) break;
    let tar: Readable;
    try {
      tar = (await container.getArchive({ path: posix.join(SANDBOX_DIR, base) })) as unknown as Readable;
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode === 404) continue; // nothing there: no outputs
      throw error;
    }
    await extractInto(tar, base, dest, matches, options.maxBytes ?? DEFAULT_COPY_MAX, state);
  }
  return { files: state.files.sort(), rejected: state.rejected, bytes: state.bytes };
}
