import { randomBytes } from 'node:crypto';
import { chown, lchown, mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Write a file so readers never see half of it: temp file in the same folder, then rename. */
export async function writeFileAtomic(
  path: string,
  data: string | Uint8Array | Iterable<string>,
): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(tmp, data);
  await rename(tmp, path);
}

/**
 * When running as root through sudo, hand a path back to the invoking user,
 * so later steps and workspace cleanup are not blocked by root-owned files.
 * `link: true` changes a symlink itself (lchown): a chown would follow it to whatever it points at.
 */
export async function chownToInvoker(
  path: string,
  env: NodeJS.ProcessEnv = process.env,
  options: { readonly link?: boolean } = {},
): Promise<void> {
  const uid = Number(env.SUDO_UID);
  const gid = Number(env.SUDO_GID);
  if (process.getuid?.() !== 0 || !Number.isInteger(uid) || !Number.isInteger(gid)) return;
  await (options.link ? lchown : chown)(path, uid, gid).catch(() => undefined);
}
