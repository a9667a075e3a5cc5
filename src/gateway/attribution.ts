import {
  cleanExe,
  type ProcFs,
  parseCmdline,
  parseNsPid,
  parsePpid,
  pidEntries,
  realProcFs,
  socketInode,
} from './procfs.js';

/** The process behind a connection. */
export interface Attributed {
  /** The pid inside the sandbox's pid namespace. */
  readonly pid: number;
  readonly hostPid: number;
  readonly exe: string;
  /** Ancestors' exes inside the sandbox, nearest first. */
  readonly ancestors: readonly string[];
  readonly cmdline: string;
}

const MAX_DEPTH = 32;

/**
 * Socket inode → owning process among the processes of one network namespace.
 * pid → netns is cached; the cache is refreshed only on a miss (new pids first, then all, for pid reuse).
 */
export class Attribution {
  readonly #fs: ProcFs;
  readonly #root: string;
  readonly #netnsByPid = new Map<number, string | null>();

  constructor(fs: ProcFs = realProcFs, root = '/proc') {
    this.#fs = fs;
    this.#root = root;
  }

  /** `net:[4026532185]` for a pid, or null when it is gone. */
  async netnsOf(pid: number): Promise<string | null> {
    return this.#fs.readlink(`${this.#root}/${pid}/ns/net`).catch(() => null);
  }

  /**
   * Who holds socket `inode` in netns `netns`. Null when nobody does (vanished) or when processes with
   * different exes hold it (ambiguous): an unknown binary fails closed.
   */
  async owner(netns: string, inode: number): Promise<Attributed | null> {
    const seen = new Set<number>();
    for (const mode of ['cached', 'new', 'all'] as const) {
      if (mode !== 'cached') await this.#refresh(mode === 'all');
      const candidates = this.#pidsIn(netns).filter((p) => !seen.has(p));
      for (const p of candidates) seen.add(p);
      const holders = await this.#holders(candidates, inode);
      if (holders.length > 0) return this.#identify(holders, netns);
    }
    return null;
  }

  #pidsIn(netns: string): number[] {
    const out: number[] = [];
    for (const [pid, ns] of this.#netnsByPid) if (ns === netns) out.push(pid);
    return out;
  }

  async #refresh(all: boolean): Promise<void> {
    const pids = pidEntries(await this.#fs.readdir(this.#root).catch(() => []));
    const alive = new Set(pids);
    for (const pid of this.#netnsByPid.keys()) if (!alive.has(pid)) this.#netnsByPid.delete(pid);
    const todo = all ? pids : pids.filter((p) => !this.#netnsByPid.has(p));
    await Promise.all(
      todo.map(async (pid) => {
        this.#netnsByPid.set(pid, await this.netnsOf(pid));
      }),
    );
  }

  async #holders(pids: readonly number[], inode: number): Promise<number[]> {
    const hits = await Promise.all(pids.map(async (pid) => ((await this.#holds(pid, inode)) ? pid : 0)));
    return hits.filter((p) => p > 0);
  }

  async #holds(pid: number, inode: number): Promise<boolean> {
    const dir = `${this.#root}/${pid}/fd`;
    const fds = await this.#fs.readdir(dir).catch(() => [] as string[]);
    for (const fd of fds) {
      const link = await this.#fs.readlink(`${dir}/${fd}`).catch(() => '');
      if (socketInode(link) === inode) return true;
    }
    return false;
  }

  async #identify(holders: readonly number[], netns: string): Promise<Attributed | null> {
    const found = await Promise.all(holders.map((p) => this.describe(p, netns)));
    const first = found[0];
    if (!first || found.some((f) => f === null || f.exe !== first.exe)) return null;
    return first;
  }

  /** exe, in-sandbox ancestors and cmdline of a pid; null when it vanished. */
  async describe(pid: number, netns: string): Promise<Attributed | null> {
    const exe = await this.#fs.readlink(`${this.#root}/${pid}/exe`).catch(() => null);
    if (exe === null) return null;
    const cmdline = parseCmdline(await this.#fs.readFile(`${this.#root}/${pid}/cmdline`).catch(() => ''));
    const ownStatus = await this.#fs.readFile(`${this.#root}/${pid}/status`).catch(() => '');
    const ancestors: string[] = [];
    let current = pid;
    for (let depth = 0; depth < MAX_DEPTH; depth++) {
      const status =
        current === pid
          ? ownStatus
          : await this.#fs.readFile(`${this.#root}/${current}/status`).catch(() => '');
      const parent = parsePpid(status);
      if (parent === null || parent <= 1) break;
      if ((await this.netnsOf(parent)) !== netns) break;
      const parentExe = await this.#fs.readlink(`${this.#root}/${parent}/exe`).catch(() => null);
      if (parentExe === null) break;
      ancestors.push(cleanExe(parentExe));
      current = parent;
    }
    return { pid: parseNsPid(ownStatus, pid), hostPid: pid, exe: cleanExe(exe), ancestors, cmdline };
  }
}
