import { lstat, readlink } from 'node:fs/promises';
import { join } from 'node:path';

/** The kernel follows at most this many symlinks in one path lookup (MAXSYMLINKS); so do we. */
export const MAX_LINKS = 40;

type Resolved =
  | {
      readonly ok: true;
      readonly path: readonly string[];
      readonly directory: boolean;
      readonly links: number;
    }
  | { readonly ok: false; readonly reason: string; readonly depth?: true };

const fail = (reason: string, depth?: true): Resolved =>
  depth ? { ok: false, reason, depth } : { ok: false, reason };

/**
 * Symlinks under one directory (`root`), resolved as the kernel would, on disk, one component at a time:
 * every link a path passes through is followed, and a `..` after a link climbs from where the link led.
 * A link is kept only when its whole resolution stays under `root` and ends at a file or directory that
 * exists; a link it passes through must itself be kept. So refusing one link can never make another
 * resolve outside: nothing under `root` leads out, whatever order the links were made in.
 */
export class LinkJail {
  readonly #root: string;
  readonly #memo = new Map<string, Resolved | 'visiting'>();

  constructor(root: string) {
    this.#root = root;
  }

  /** Why the symlink at `rel` (a clean path relative to root) is unsafe, or undefined when it stays inside. */
  async unsafe(rel: string): Promise<string | undefined> {
    const r = await this.#link(rel, 0);
    return r.ok ? undefined : r.reason;
  }

  async #link(rel: string, depth: number): Promise<Resolved> {
    const known = this.#memo.get(rel);
    if (known === 'visiting') return fail(`symlink loop through ${rel}`);
    if (known) return known;
    if (depth >= MAX_LINKS) return fail(`more than ${MAX_LINKS} nested symlinks`, true);
    this.#memo.set(rel, 'visiting');
    const target = await readlink(join(this.#root, rel));
    let r: Resolved;
    if (target === '' || target.includes('\0')) r = fail('empty symlink target');
    else if (target.startsWith('/')) r = fail(`symlink to absolute path ${target}`);
    else {
      const parent = rel.split('/').slice(0, -1);
      r = await this.#walk([...parent, ...target.split('/')], depth);
      if (!r.ok && !r.depth) r = fail(`symlink ${rel} -> ${target}: ${r.reason}`);
    }
    // A failure only for lack of depth is not the link's own: it may resolve when reached more directly.
    if (r.ok || !r.depth) this.#memo.set(rel, r);
    else this.#memo.delete(rel);
    return r;
  }

  async #walk(components: readonly string[], depth: number): Promise<Resolved> {
    let at: string[] = [];
    let directory = true;
    let links = 0;
    const parts = components.filter((c) => c !== '' && c !== '.');
    for (const [i, c] of parts.entries()) {
      if (!directory) return fail(`${at.join('/')} is not a directory`);
      if (c === '..') {
        if (at.length === 0) return fail('it leads outside the destination');
        at.pop();
        continue;
      }
      const here = [...at, c];
      const stat = await lstat(join(this.#root, ...here)).catch((e: NodeJS.ErrnoException) => {
        if (e.code === 'ENOENT' || e.code === 'ENOTDIR') return undefined;
        throw e; // anything else is a broken destination, not a verdict: the copy fails
      });
      if (!stat) return fail(`${here.join('/')} does not exist`);
      if (stat.isSymbolicLink()) {
        const r = await this.#link(here.join('/'), depth + 1);
        if (!r.ok) return r;
        links += r.links + 1;
        if (links > MAX_LINKS) return fail(`more than ${MAX_LINKS} symlinks in one path`, true);
        at = [...r.path];
        directory = r.directory;
      } else {
        at = here;
        directory = stat.isDirectory();
        if (!directory && !stat.isFile() && i === parts.length - 1)
          return fail(`${here.join('/')} is not a file or directory`);
      }
    }
    return { ok: true, path: at, directory, links };
  }
}
