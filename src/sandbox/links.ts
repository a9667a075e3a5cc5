import { lstat, readlink } from 'node:fs/promises';
import { join } from 'node:path';
import { type PathKind, resolvePath, type SandboxFs } from '../policy/index.js';

/**
 * One host folder as a filesystem whose root is `/`, for resolvePath (which never asks above its root). Paths in
 * `folders` (relative to the root) are known to be folders and are not looked at.
 */
function folderFs(root: string, folders: ReadonlySet<string>): SandboxFs {
  return {
    async lookup(path): Promise<PathKind> {
      if (folders.has(path.slice(1))) return { kind: 'other' };
      const at = join(root, path);
      const stat = await lstat(at).catch((e: NodeJS.ErrnoException) => {
        if (e.code === 'ENOENT' || e.code === 'ENOTDIR') return undefined;
        throw e; // anything else is a broken folder, not a verdict: the copy fails
      });
      if (!stat) return { kind: 'missing' };
      return stat.isSymbolicLink() ? { kind: 'link', target: await readlink(at) } : { kind: 'other' };
    },
    list: async () => null, // globs are not resolved here
  };
}

/**
 * Symlinks under one folder (`root`), resolved as the kernel would, on disk, one component at a time
 * (resolvePath in jail mode): every link a path passes through is followed, and a `..` after a link climbs
 * from where the link led. A link is kept only when its whole resolution stays under `root`, follows at
 * most 40 links and ends at something that exists. A link that another passes through is resolved as part
 * of it, so refusing one link can never make a kept one resolve outside, whatever order they were made in.
 */
export class LinkJail {
  readonly #fs: SandboxFs;
  readonly #folders: ReadonlySet<string>;

  /** `folders`: paths under `root` (relative) known to be folders while the jail is used (a copy's own). */
  constructor(root: string, folders: ReadonlySet<string> = new Set()) {
    this.#fs = folderFs(root, folders);
    this.#folders = folders;
  }

  /** Why the symlink at `rel` (a clean path relative to root) is unsafe, or undefined when it stays inside. */
  async unsafe(rel: string): Promise<string | undefined> {
    const parent = rel.slice(0, Math.max(0, rel.lastIndexOf('/')));
    const plain = this.#folders.has(parent) ? { plain: parent } : {};
    const r = await resolvePath(this.#fs, `/${rel}`, { jail: true, ...plain });
    return r.ok ? undefined : `symlink ${rel}: ${r.reason}`;
  }
}
