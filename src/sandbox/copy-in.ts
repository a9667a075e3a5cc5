import { constants } from 'node:fs';
import { lstat, open, readdir, readlink } from 'node:fs/promises';
import { join, posix } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { pack } from 'tar-stream';
import { PaddockError } from '../common/errors.js';
import { cleanRelative } from '../common/glob.js';
import { saneMode, unsafePath, unsafeSymlink } from './archive.js';
import { SANDBOX_DIR } from './create-options.js';
import { connectEngine } from './engine.js';
import { LinkJail } from './links.js';
import { processIds } from './ownership.js';
import type { CopySource, SandboxInfo } from './types.js';

export const DEFAULT_COPY_IN_MAX = 1024 ** 3;

interface Item {
  readonly name: string;
  readonly type: 'file' | 'directory' | 'symlink';
  readonly hostPath: string;
  readonly size: number;
  readonly mode: number;
  readonly linkname?: string;
}

function rejected(message: string): never {
  throw new PaddockError('COPY_REJECTED', message);
}

/**
 * Everything under one source, as archive items named relative to /sandbox. Host symlinks are never
 * followed; they are copied as links, and only when they resolve inside the copied tree (through the other
 * links in it, see LinkJail), so in the sandbox too they lead only to what was copied with them.
 */
async function walk(
  hostPath: string,
  name: string,
  root: string,
  out: Item[],
  jail?: LinkJail,
): Promise<void> {
  const stat = await lstat(hostPath).catch(() => rejected(`copy source ${hostPath} does not exist`));
  if (stat.isSymbolicLink()) {
    const linkname = await readlink(hostPath);
    // The source itself: nothing was copied beside it, so only a link that stays where it is can be kept.
    const why = jail ? await jail.unsafe(posix.relative(root, name)) : unsafeSymlink('.', linkname);
    if (why) rejected(`${hostPath}: ${why}`);
    out.push({ name, type: 'symlink', hostPath, size: 0, mode: 0o777, linkname });
  } else if (stat.isDirectory()) {
    out.push({ name, type: 'directory', hostPath, size: 0, mode: stat.mode });
    const inside = jail ?? new LinkJail(hostPath);
    for (const child of (await readdir(hostPath)).sort())
      await walk(join(hostPath, child), `${name}/${child}`, root, out, inside);
  } else if (stat.isFile()) {
    out.push({ name, type: 'file', hostPath, size: stat.size, mode: stat.mode });
  } else {
    rejected(`${hostPath}: only files, directories and symlinks can be copied`);
  }
}

/** A host file's bytes, opened without following a link (one swapped in after the walk is refused). */
async function fileBody(item: Item): Promise<NodeJS.ReadableStream> {
  const handle = await open(item.hostPath, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  const stat = await handle.stat();
  if (!stat.isFile() || stat.size !== item.size) {
    await handle.close();
    rejected(`${item.hostPath} changed while it was being copied`);
  }
  return handle.createReadStream();
}

/** Directory items for the parents of `name`, so Docker does not make them root-owned. */
function parents(name: string): Item[] {
  const parts = name.split('/').slice(0, -1);
  return parts.map((_, i) => ({
    name: parts.slice(0, i + 1).join('/'),
    type: 'directory',
    hostPath: '',
    size: 0,
    mode: 0o755,
  }));
}

async function ownerIds(sandbox: SandboxInfo): Promise<{ uid: number; gid: number }> {
  const fromProc = await processIds(sandbox.pid);
  if (fromProc) return fromProc;
  const [u, g] = sandbox.user.split(':').map(Number);
  return {
    uid: Number.isInteger(u) ? (u as number) : 1000,
    gid: Number.isInteger(g) ? (g as number) : Number.isInteger(u) ? (u as number) : 1000,
  };
}

/** Put host files and directories into /sandbox, owned by the sandbox user, with sane modes. */
export async function copyIn(
  sandbox: SandboxInfo,
  sources: readonly CopySource[],
  options: { maxBytes?: number; signal?: AbortSignal } = {},
): Promise<{ files: number; bytes: number }> {
  const items: Item[] = [];
  for (const source of sources) {
    const why = unsafePath(source.path);
    if (why) rejected(`copy destination ${JSON.stringify(source.path)}: ${why}`);
    const name = cleanRelative(source.path);
    if (name === '') rejected('copy destination must name a path under /sandbox');
    items.push(...parents(name));
    await walk(source.hostPath, name, name, items);
  }
  const max = options.maxBytes ?? DEFAULT_COPY_IN_MAX;
  const bytes = items.reduce((sum, i) => sum + i.size, 0);
  if (bytes > max) rejected(`copy-in of ${bytes} bytes is over the limit of ${max}`);
  const { uid, gid } = await ownerIds(sandbox);
  const tar = pack();
  const feeding = (async () => {
    const seen = new Set<string>();
    for (const item of items) {
      if (seen.has(item.name)) continue;
      seen.add(item.name);
      const header = {
        name: item.name,
        uid,
        gid,
        mode: saneMode(item.mode, item.type === 'directory'),
        mtime: new Date(),
      };
      if (item.type === 'file') {
        const entry = tar.entry({ ...header, type: 'file', size: item.size });
        await pipeline(await fileBody(item), entry);
      } else if (item.type === 'symlink') {
        tar.entry({ ...header, type: 'symlink', linkname: item.linkname });
      } else {
        tar.entry({ ...header, type: 'directory' });
      }
    }
    tar.finalize();
  })();
  feeding.catch((error: unknown) => tar.destroy(error as Error));
  const { docker } = await connectEngine();
  await Promise.all([
    docker
      .getContainer(sandbox.id)
      .putArchive(tar as unknown as Readable, { path: SANDBOX_DIR, abortSignal: options.signal }),
    feeding,
  ]);
  return { files: items.filter((i) => i.type === 'file').length, bytes };
}
