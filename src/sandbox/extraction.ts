import { constants, createReadStream, createWriteStream } from 'node:fs';
import { lstat, mkdir, open, rm, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Header } from 'tar-stream';
import { chownToInvoker } from '../common/files.js';
import { entryPath, type OutputGlobs, saneMode, unsafePath } from './archive.js';
import { LinkJail } from './links.js';
import type { CopyOutResult } from './types.js';

export interface ExtractionLimits {
  /** Bytes of every entry read from the archive (copied or skipped) plus the bytes of hard-link copies. */
  readonly maxBytes: number;
  /** Entries read from the archive, of any type; bounds a flood of empty files and links. */
  readonly maxEntries: number;
}

/** Linux refuses longer paths (PATH_MAX) and names (NAME_MAX) with ENAMETOOLONG: refuse them per entry. */
const PATH_MAX = 4095;
const NAME_MAX = 255;

type Rejected = CopyOutResult['rejected'][number];

/** Why a destination path is unusable: too long for the kernel, or undefined. Pure. */
export function tooLong(absolute: string): string | undefined {
  if (Buffer.byteLength(absolute) > PATH_MAX) return `path longer than ${PATH_MAX} bytes`;
  if (absolute.split('/').some((c) => Buffer.byteLength(c) > NAME_MAX))
    return `a name longer than ${NAME_MAX} bytes`;
  return undefined;
}

/**
 * One copy-out into `dest`, across the archives of all output bases. Files are written as they arrive;
 * symlinks wait until the end (so no entry is ever written through one), and are then kept only if they
 * resolve inside `dest` (see LinkJail). Hard links become copies of a file this copy wrote, and their bytes
 * count. An entry is refused with a reason; past a limit the copy stops (`stopped`).
 */
export class Extraction {
  readonly #dest: string;
  readonly #select: Pick<OutputGlobs, 'matches' | 'place'>;
  readonly #limits: ExtractionLimits;
  /** What was copied, relative to the destination. */
  readonly #files = new Set<string>();
  readonly #rejected: Rejected[] = [];
  /** Symlinks to place at the end, by destination path, the last entry for a path winning. */
  readonly #links = new Map<string, { readonly linkname: string; readonly path: string }>();
  /** Regular files this copy wrote: path in the sandbox → host path (the sources hard links may copy). */
  readonly #written = new Map<string, string>();
  /**
   * Folders under the destination (relative) this copy made or found there as folders. They stay folders until
   * the end: no symlink is placed before `finish`, and no entry replaces a folder. So entries below them need
   * not look at (or make) them again: a deep tree costs its entries, not entries × depth.
   */
  readonly #dirs = new Set<string>();
  #bytes = 0;
  #entries = 0;
  stopped = false;

  /** `select` says which sandbox paths are copied, and where under `dest` each lands. */
  constructor(dest: string, select: Pick<OutputGlobs, 'matches' | 'place'>, limits: ExtractionLimits) {
    this.#dest = dest;
    this.#select = select;
    this.#limits = limits;
  }

  /** Handle one archive entry of the archive of `base`; its body is always consumed or abandoned. */
  async entry(base: string, header: Header, body: Readable): Promise<void> {
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
    // `path` is where the entry is in the sandbox (refusals name it); `rel` where it lands under the destination.
    const path = bad ? header.name : entryPath(base, header.name);
    const reject = async (reason: string): Promise<void> => {
      this.#rejected.push({ path, reason });
      await drain();
    };
    if (this.stopped) return;
    const size = header.size ?? 0;
    if (++this.#entries > this.#limits.maxEntries)
      return this.#stop(path, `over the limit of ${this.#limits.maxEntries} entries; the copy stopped here`);
    if (!this.#charge(path, size)) return;
    if (bad) return reject(bad);
    if (header.type === 'directory' || path === '' || !this.#select.matches(path)) return drain();
    const rel = this.#select.place(path);
    if (rel === '') return drain(); // the root itself: a directory, or nothing to name
    const type = header.type ?? 'file';
    if (type !== 'file' && type !== 'symlink' && type !== 'link')
      return reject(`unsupported entry type ${type}`);
    const target = join(this.#dest, ...rel.split('/'));
    const blocked =
      tooLong(target) ?? this.#throughLink(rel) ?? (await unsafeTarget(this.#dest, rel, this.#dirs));
    if (blocked) return reject(blocked);
    await makeParents(this.#dest, rel, this.#dirs);
    if (type === 'symlink') {
      const linkname = header.linkname ?? '';
      const why = unsafeLinkname(linkname);
      if (why) return reject(why);
      this.#links.delete(rel); // re-inserted last: the order of the archive is the order of placing
      this.#links.set(rel, { linkname, path });
      this.#written.delete(path); // a hard link to this path now means the link, which is not copied
      return drain();
    }
    if (type === 'link') {
      const from = header.linkname && !unsafePath(header.linkname) ? entryPath(base, header.linkname) : '';
      const source = this.#written.get(from);
      if (!source) return reject('hard link to a file outside the copied set');
      await drain();
      if (!(await this.#copyFile(path, source, target))) return;
    } else {
      await rm(target, { force: true });
      consumed = true;
      await pipeline(body, createWriteStream(target, { flags: 'wx', mode: saneMode(header.mode, false) }));
    }
    this.#links.delete(rel);
    this.#written.set(path, target);
    this.#files.add(rel);
    await chownToInvoker(target);
  }

  /** Record `path` (in the sandbox) as refused without an entry: a whole base the copy does not read. */
  refuse(path: string, reason: string): void {
    this.#rejected.push({ path, reason });
  }

  /** Place the symlinks, keep those that resolve inside, and say what was copied. */
  async finish(): Promise<CopyOutResult> {
    const placed: string[] = [];
    for (const [rel, { linkname, path }] of this.#links) {
      const blocked = await unsafeTarget(this.#dest, rel, this.#dirs);
      if (blocked) {
        this.#rejected.push({ path, reason: blocked });
        continue;
      }
      const target = join(this.#dest, ...rel.split('/'));
      await rm(target, { force: true }); // a file an earlier entry wrote there: the later entry wins
      this.#files.delete(rel);
      await symlink(linkname, target);
      placed.push(rel);
    }
    // Every link is placed before any is judged: a link resolves through the others as they finally are.
    const jail = new LinkJail(this.#dest, this.#dirs); // a link never replaces a folder: they stay folders
    const refused = new Map<string, string>(); // destination path → why
    for (const rel of placed) {
      const why = await jail.unsafe(rel);
      if (why) refused.set(rel, why);
    }
    // A kept link passes only through kept links, so removing the refused ones changes no verdict.
    for (const rel of refused.keys()) await rm(join(this.#dest, ...rel.split('/')), { force: true });
    for (const rel of placed.filter((p) => !refused.has(p))) {
      this.#files.add(rel);
      await chownToInvoker(join(this.#dest, ...rel.split('/')), process.env, { link: true });
    }
    for (const [rel, reason] of refused)
      this.#rejected.push({ path: this.#links.get(rel)?.path ?? rel, reason });
    return { files: [...this.#files].sort(), rejected: this.#rejected, bytes: this.#bytes };
  }

  /** Count `size` bytes against the cap; false (and the copy stopped) when they would pass it. */
  #charge(rel: string, size: number): boolean {
    if (this.#bytes + size > this.#limits.maxBytes) {
      this.#stop(rel, `over the copy limit of ${this.#limits.maxBytes} bytes; the copy stopped here`);
      return false;
    }
    this.#bytes += size;
    return true;
  }

  #stop(rel: string, reason: string): void {
    this.stopped = true;
    this.#rejected.push({ path: rel, reason });
  }

  /** A symlink this copy will place at `rel` or at one of its parents. */
  #throughLink(rel: string): string | undefined {
    if (this.#links.size === 0) return undefined;
    // A folder made or seen is never a link to be, nor below one (an entry below a link is refused first).
    const parent = rel.lastIndexOf('/');
    if (parent !== -1 && this.#dirs.has(rel.slice(0, parent))) return undefined;
    for (let at = rel.indexOf('/'); at !== -1; at = rel.indexOf('/', at + 1))
      if (this.#links.has(rel.slice(0, at))) return 'path passes through a symlink';
    return undefined;
  }

  /** A hard link, as a copy of a file this copy wrote (never through a link; its bytes count). */
  async #copyFile(rel: string, source: string, target: string): Promise<boolean> {
    const handle = await open(source, constants.O_RDONLY | constants.O_NOFOLLOW);
    try {
      const stat = await handle.stat();
      if (!stat.isFile()) {
        this.#rejected.push({ path: rel, reason: 'hard link to something that is not a file' });
        return false;
      }
      if (!this.#charge(rel, stat.size)) return false;
      await rm(target, { force: true });
      await pipeline(
        createReadStream('', { fd: handle, autoClose: false, start: 0 }),
        createWriteStream(target, { flags: 'wx', mode: stat.mode & 0o755 }),
      );
      return true;
    } finally {
      await handle.close();
    }
  }
}

/** Why a symlink target is refused before anything is placed (the rest is LinkJail's). Pure. */
function unsafeLinkname(linkname: string): string | undefined {
  if (linkname === '' || linkname.includes('\0')) return 'empty symlink target';
  if (linkname.startsWith('/')) return `symlink to absolute path ${linkname}`;
  if (Buffer.byteLength(linkname) > PATH_MAX) return `symlink target longer than ${PATH_MAX} bytes`;
  return undefined;
}

/**
 * Why writing `rel` under `dest` would pass through a symlink or a file, or replace a directory or link. Parents
 * in `known` (folders this copy made or saw, which stay folders while it runs) are not looked at again.
 */
async function unsafeTarget(
  dest: string,
  rel: string,
  known: ReadonlySet<string> = new Set(),
): Promise<string | undefined> {
  const parent = rel.lastIndexOf('/');
  // A known folder's parents are known too (they were made or seen first): only the last name is left to look at.
  const start = parent !== -1 && known.has(rel.slice(0, parent)) ? rel.split('/').length : 1;
  const parts = rel.split('/');
  let prefix = start === 1 ? '' : rel.slice(0, parent);
  for (let i = start; i <= parts.length; i++) {
    prefix = i === 1 ? (parts[0] as string) : `${prefix}/${parts[i - 1]}`;
    if (i < parts.length && known.has(prefix)) continue;
    const here = join(dest, prefix);
    const stat = await lstat(here).catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return undefined;
      throw e; // the destination itself is broken: the copy fails
    });
    if (!stat) return undefined;
    const last = i === parts.length;
    if (stat.isSymbolicLink()) return last ? 'a symlink is in the way' : 'path passes through a symlink';
    if (last && stat.isDirectory()) return 'a directory is in the way';
    if (!last && !stat.isDirectory()) return 'path passes through a file';
    if (last && !stat.isFile()) return 'something other than a file is in the way';
  }
  return undefined;
}

async function makeParents(dest: string, rel: string, known: Set<string>): Promise<void> {
  const parent = rel.lastIndexOf('/');
  if (parent === -1 || known.has(rel.slice(0, parent))) return;
  const parts = rel.split('/').slice(0, -1);
  let prefix = '';
  for (let i = 1; i <= parts.length; i++) {
    prefix = i === 1 ? (parts[0] as string) : `${prefix}/${parts[i - 1]}`;
    if (known.has(prefix)) continue;
    const dir = join(dest, prefix);
    const made = await mkdir(dir, { mode: 0o755 }).then(
      () => true,
      (e: NodeJS.ErrnoException) => {
        if (e.code === 'EEXIST') return false; // a directory: unsafeTarget saw every existing parent
        throw e;
      },
    );
    if (made) await chownToInvoker(dir);
    known.add(prefix);
  }
}
