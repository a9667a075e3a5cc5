import { readFile } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type Docker from 'dockerode';
import { extract } from 'tar-stream';

/** Real uid and gid of a host process, from /proc (undefined when the engine is remote or /proc is hidden). */
export async function processIds(pid: number): Promise<{ uid: number; gid: number } | undefined> {
  if (!(pid > 0)) return undefined;
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const uid = /^Uid:\s+(\d+)/m.exec(status)?.[1];
    const gid = /^Gid:\s+(\d+)/m.exec(status)?.[1];
    return uid === undefined || gid === undefined ? undefined : { uid: Number(uid), gid: Number(gid) };
  } catch (error) {
    // Gone, or not in this /proc (a remote engine): the caller falls back to the sandbox's user.
    if (['ENOENT', 'ESRCH', 'EACCES'].includes((error as NodeJS.ErrnoException).code ?? '')) return undefined;
    throw error;
  }
}

/** Up to `count` tar headers of the archive of `path` in the container (none when it does not exist). */
export async function headersOf(container: Docker.Container, path: string, count: number): Promise<Headers> {
  const stream = (await container.getArchive({ path }).catch((error: { statusCode?: number }) => {
    if (error.statusCode === 404) return undefined;
    throw error;
  })) as unknown as Readable | undefined;
  if (!stream) return [];
  const parser = extract();
  const headers: Headers = [];
  return new Promise((resolve, reject) => {
    let done = false;
    const finish = (error?: Error): void => {
      if (done) return;
      done = true;
      if (error) reject(error);
      else resolve(headers);
      stream.destroy();
      parser.destroy();
    };
    parser.on('entry', (header, body, next) => {
      headers.push(header);
      body.resume();
      if (headers.length >= count) finish();
      else next();
    });
    parser.on('error', finish);
    parser.on('finish', () => finish());
    stream.on('error', finish);
    stream.pipe(parser);
  });
}
type Headers = { uid?: number; name: string }[];

/** Owner uid of a directory in the container, read from the first header of its archive. */
export async function ownerOf(container: Docker.Container, path: string): Promise<number | undefined> {
  return (await headersOf(container, path, 1).catch(() => []))[0]?.uid;
}

/**
 * The owner of a fresh /sandbox volume root, per image and user: the same for every sandbox of the image (a fresh
 * volume copies the image's directory). The sandboxes made at once (an eval's first ones) share one read of it;
 * it is kept once it is the user (nothing to open then), and read again by the next sandbox otherwise.
 */
const sandboxDirOwners = new Map<string, Promise<number | undefined>>();

function sandboxDirOwner(
  container: Docker.Container,
  key: string,
  uid: number,
  path: string,
): Promise<number | undefined> {
  let owner = sandboxDirOwners.get(key);
  if (!owner) {
    owner = ownerOf(container, path).catch(() => undefined);
    sandboxDirOwners.set(key, owner);
    void owner.then((o) => {
      if (o !== uid) sandboxDirOwners.delete(key);
    });
  }
  return owner;
}

/**
 * Writable volume roots that an image lacks come up root-owned (or owned by the image's user). Open them to the
 * sandbox user: an exec as their owner, which needs no capability. Runs before any user code.
 */
export async function openVolumeRoots(
  container: Docker.Container,
  paths: { path: string; sandboxDir: boolean }[],
  uid: number,
  imageId: string,
): Promise<void> {
  const key = `${imageId}|${uid}`;
  const owners = await Promise.all(
    paths.map((p) =>
      p.sandboxDir
        ? sandboxDirOwner(container, key, uid, p.path)
        : ownerOf(container, p.path).catch(() => undefined),
    ),
  );
  const wrong = paths.map((p, i) => ({ ...p, owner: owners[i] })).filter((p) => p.owner !== uid);
  // The owner may chmod its own directory without any capability; group the paths by owner.
  const byOwner = new Map<number, string[]>();
  for (const p of wrong) byOwner.set(p.owner ?? 0, [...(byOwner.get(p.owner ?? 0) ?? []), p.path]);
  await Promise.all([...byOwner].map(([owner, list]) => chmodAs(container, owner, list)));
}

async function chmodAs(container: Docker.Container, owner: number, paths: string[]): Promise<void> {
  const exec = await container.exec({
    Cmd: ['chmod', '1777', ...paths],
    User: `${owner}:${owner}`,
    AttachStdout: true,
    AttachStderr: true,
  });
  const stream = await exec.start({ hijack: true, stdin: false });
  stream.resume();
  await new Promise((resolve) => stream.once('end', resolve).once('close', resolve).once('error', resolve));
}
