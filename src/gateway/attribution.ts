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
import { taintOf } from './taint.js';

/** How a process's identity is known: recorded at connect() (identity/), read from /proc after the fact, or found tainted. */
export type Identity = 'connect-time' | 'proc' | 'tainted';

/** The process behind a connection. */
export interface Attributed {
  /** The pid inside the sandbox's pid namespace. */
  readonly pid: number;
  /** Its host pid; 0 when recorded at connect time (the record names the process, not a pid to look at). */
  readonly hostPid: number;
  readonly exe: string;
  /** Ancestors' exes inside the sandbox, nearest first. */
  readonly ancestors: readonly string[];
  readonly cmdline: string;
  /** `tainted` when code other than its binary's may run in it or in an ancestor: it matches no per-binary rule. */
  readonly identity: Identity;
  /** Why it is tainted (empty when it is not). */
  readonly taint: readonly string[];
}

/** The result of one lookup: who holds the socket, or why nobody can be named (the binary is then unknown). */
export interface Lookup {
  readonly who: Attributed | null;
  readonly unknown: string | null;
}

export interface LookupOptions {
  /**
   * Paths the sandbox can write (its policy's): code loaded from them taints a process.
   * @default ['/sandbox', '/tmp', '/dev/shm']
   */
  readonly writable?: readonly string[];
  /**
   * The sandbox's cgroup directory: its `cgroup.procs` names the processes to look at, instead of every pid
   * of the host. Only while it has no cgroup below it (a sandbox cannot make one: cgroupfs is read-only in
   * it); otherwise, or when it cannot be read, every pid is looked at, as without it. @default none
   */
  readonly cgroup?: string;
}

export interface AttributionOptions {
  /**
   * procfs reads one lookup may make (a readlink, a directory entry, a 4 KiB page of a file). Past it the
   * binary is unknown: a sandbox holding many descriptors makes its own lookups fail closed, nobody else's.
   * @default 20000
   */
  readonly budget?: number;
  /**
   * procfs reads between two yields to the event loop, so one lookup never stalls the others.
   * @default 256
   */
  readonly slice?: number;
  /** /proc's path (tests point it at a fake). @default '/proc' */
  readonly root?: string;
}

const MAX_DEPTH = 32;
const DEFAULT_WRITABLE = ['/sandbox', '/tmp', '/dev/shm'];
/** environ is at most ARG_MAX; maps of a normal process is a few dozen KiB. Past these it is not checked: tainted. */
const MAX_ENVIRON = 256 * 1024;
const MAX_MAPS = 1024 * 1024;
const PAGE = 4096;

class OverBudget extends Error {}

/** Counts the procfs reads of one lookup and yields to the event loop every `slice` of them. */
class Work {
  spent = 0;
  #sinceYield = 0;
  constructor(
    readonly budget: number,
    readonly slice: number,
  ) {}

  async spend(n = 1): Promise<void> {
    this.spent += n;
    if (this.spent > this.budget) throw new OverBudget();
    this.#sinceYield += n;
    if (this.#sinceYield >= this.slice) {
      this.#sinceYield = 0;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
}

const unknown = (why: string): Lookup => ({ who: null, unknown: why });

/**
 * A process of the sandbox as its files are read: `dir` is `/proc/<pid>`, or `/proc/<pid>/task/<tid>` for each
 * live thread of a process whose main thread has exited (its own fd, exe and ns/net are then empty or gone,
 * while its other threads hold every descriptor: a lookup that read only `/proc/<pid>` missed them).
 */
interface Candidate {
  readonly pid: number;
  readonly dir: string;
}

/**
 * Socket inode → the processes of one network namespace that hold it, found fresh on every lookup (a
 * process forked since the last lookup is a holder too). Every holder must be the same binary; the identity
 * keeps only the ancestors they all share, and any holder's taint.
 */
export class Attribution {
  readonly #fs: ProcFs;
  readonly #root: string;
  readonly #budget: number;
  readonly #slice: number;

  constructor(fs: ProcFs = realProcFs, options: AttributionOptions = {}) {
    this.#fs = fs;
    this.#root = options.root ?? '/proc';
    this.#budget = options.budget ?? 20_000;
    this.#slice = options.slice ?? 256;
  }

  /** `net:[4026532185]` for a pid, or null when it is gone. */
  async netnsOf(pid: number): Promise<string | null> {
    return this.#fs.readlink(`${this.#root}/${pid}/ns/net`).catch(() => null);
  }

  /** Who holds socket `inode` in netns `netns`; null when unknown (see lookup for why). */
  async owner(netns: string, inode: number, options: LookupOptions = {}): Promise<Attributed | null> {
    return (await this.lookup(netns, inode, options)).who;
  }

  /**
   * Who holds socket `inode` in netns `netns`, or why that cannot be said: nobody holds it (closed, or
   * handed over and closed), holders of different binaries, a holder that vanished, or over budget. An
   * unknown binary fails closed.
   */
  async lookup(netns: string, inode: number, options: LookupOptions = {}): Promise<Lookup> {
    const work = new Work(this.#budget, this.#slice);
    const writable = options.writable ?? DEFAULT_WRITABLE;
    try {
      const holders: Candidate[] = [];
      for (const c of await this.#pidsIn(netns, work, options.cgroup)) {
        if (await this.#holds(c.dir, inode, work)) holders.push(c);
      }
      if (holders.length === 0) return unknown('no process of the sandbox holds the socket (it was closed)');
      const found: Attributed[] = [];
      for (const c of holders) {
        const who = await this.#describe(c, netns, writable, work);
        if (!who) return unknown('a process holding the socket exited before it was identified');
        found.push(who);
      }
      const exes = [...new Set(found.map((f) => f.exe))];
      if (exes.length > 1) return unknown(`the socket is held by different binaries (${exes.join(', ')})`);
      return { who: merge(found), unknown: null };
    } catch (error) {
      if (!(error instanceof OverBudget)) throw error;
      return unknown(`attribution over budget (more than ${this.#budget} procfs reads)`);
    }
  }

  /** exe, in-sandbox ancestors, cmdline and taint of a pid; null when it vanished. */
  async describe(pid: number, netns: string, options: LookupOptions = {}): Promise<Attributed | null> {
    const work = new Work(this.#budget, this.#slice);
    const c = { pid, dir: `${this.#root}/${pid}` };
    return this.#describe(c, netns, options.writable ?? DEFAULT_WRITABLE, work).catch((error) => {
      if (error instanceof OverBudget) return null;
      throw error;
    });
  }

  /**
   * Every pid whose netns is `netns`, read fresh (no cache: a cached pid could have been reused), among the
   * processes of the sandbox's cgroup when it can be listed, else among every pid of the host. A pid whose
   * ns/net cannot be read is gone, or a process whose main thread exited: its live threads in `netns` are
   * candidates then, each read through its own task folder.
   */
  async #pidsIn(netns: string, work: Work, cgroup?: string): Promise<Candidate[]> {
    const listed = cgroup ? await this.#cgroupPids(cgroup, work) : null;
    // A /proc that cannot be listed is an error, never "nobody holds it" (that denied live connections).
    const pids = listed ?? pidEntries(await this.#fs.readdir(this.#root));
    await work.spend(Math.ceil(pids.length / 16));
    const out: Candidate[] = [];
    for (const pid of pids) {
      await work.spend();
      const ns = await this.netnsOf(pid);
      if (ns === netns) out.push({ pid, dir: `${this.#root}/${pid}` });
      else if (ns === null) out.push(...(await this.#liveThreads(pid, netns, work)));
    }
    return out;
  }

  /** The threads of `pid` other than its main thread that are in `netns` (none when the process is gone). */
  async #liveThreads(pid: number, netns: string, work: Work): Promise<Candidate[]> {
    const tasks = pidEntries(await this.#fs.readdir(`${this.#root}/${pid}/task`).catch(() => [] as string[]));
    await work.spend(1 + Math.ceil(tasks.length / 16));
    const out: Candidate[] = [];
    for (const tid of tasks) {
      if (tid === pid) continue;
      await work.spend();
      const dir = `${this.#root}/${pid}/task/${tid}`;
      if ((await this.#fs.readlink(`${dir}/ns/net`).catch(() => null)) === netns) out.push({ pid, dir });
    }
    return out;
  }

  /** The pids in cgroup `dir`; null (look at every pid) when it has cgroups below it or cannot be read. */
  async #cgroupPids(dir: string, work: Work): Promise<number[] | null> {
    await work.spend();
    const below = await this.#fs.subdirs(dir).catch(() => null);
    if (below !== 0) return null;
    const text = await this.#read(`${dir}/cgroup.procs`, Number.POSITIVE_INFINITY, work);
    return text === null ? null : pidEntries(text.split('\n'));
  }

  async #holds(base: string, inode: number, work: Work): Promise<boolean> {
    const dir = `${base}/fd`;
    // One more entry than the budget allows, so a directory past it is seen to be.
    const left = work.budget - work.spent + 1;
    const fds = await this.#fs.readdir(dir, left).catch(() => [] as string[]);
    await work.spend(Math.ceil(fds.length / 16));
    for (const fd of fds) {
      await work.spend();
      const link = await this.#fs.readlink(`${dir}/${fd}`).catch(() => '');
      if (socketInode(link) === inode) return true;
    }
    return false;
  }

  async #read(path: string, max: number, work: Work): Promise<string | null> {
    const text = await this.#fs.readFile(path, max).catch(() => null);
    await work.spend(1 + Math.floor((text?.length ?? 0) / PAGE));
    return text;
  }

  /** The taint of one process (its own, not its ancestors'). */
  async #taint(base: string, exe: string, status: string, writable: readonly string[], work: Work) {
    const environ = await this.#read(`${base}/environ`, MAX_ENVIRON + 1, work);
    const maps = await this.#read(`${base}/maps`, MAX_MAPS + 1, work);
    const reasons = taintOf({ exe, environ: environ ?? '', maps: maps ?? '', status }, writable);
    if (environ === null || maps === null) reasons.push('its environment or mappings could not be read');
    if ((environ?.length ?? 0) > MAX_ENVIRON) reasons.push('its environment is too large to check');
    if ((maps?.length ?? 0) > MAX_MAPS) reasons.push('its mappings are too many to check');
    return reasons;
  }

  async #describe(
    { pid, dir: base }: Candidate,
    netns: string,
    writable: readonly string[],
    work: Work,
  ): Promise<Attributed | null> {
    await work.spend();
    const rawExe = await this.#fs.readlink(`${base}/exe`).catch(() => null);
    if (rawExe === null) return null;
    const exe = cleanExe(rawExe);
    const cmdline = parseCmdline((await this.#read(`${base}/cmdline`, 64 * 1024, work)) ?? '');
    const ownStatus = (await this.#read(`${base}/status`, 64 * 1024, work)) ?? '';
    const taint = await this.#taint(base, exe, ownStatus, writable, work);
    const ancestors: string[] = [];
    let status = ownStatus;
    for (let depth = 0; depth < MAX_DEPTH; depth++) {
      const parent = parsePpid(status);
      if (parent === null || parent <= 1) break;
      await work.spend();
      if ((await this.netnsOf(parent)) !== netns) break;
      const parentExe = await this.#fs.readlink(`${this.#root}/${parent}/exe`).catch(() => null);
      if (parentExe === null) break;
      const clean = cleanExe(parentExe);
      status = (await this.#read(`${this.#root}/${parent}/status`, 64 * 1024, work)) ?? '';
      const own = await this.#taint(`${this.#root}/${parent}`, clean, status, writable, work);
      const nsPid = parseNsPid(status, parent);
      taint.push(...own.map((r) => `ancestor ${clean}(${nsPid}): ${r}`));
      ancestors.push(clean);
    }
    return {
      pid: parseNsPid(ownStatus, pid),
      hostPid: pid,
      exe,
      ancestors,
      cmdline,
      identity: taint.length > 0 ? 'tainted' : 'proc',
      taint,
    };
  }
}

/**
 * One identity for holders of the same binary: the first holder, with only the ancestors every holder
 * has (so a rule matched through an ancestor holds for each) and the taint of all of them.
 */
function merge(found: readonly Attributed[]): Attributed {
  const [first, ...rest] = found as [Attributed, ...Attributed[]];
  if (rest.length === 0) return first;
  const ancestors = first.ancestors.filter((a) => rest.every((r) => r.ancestors.includes(a)));
  const taint = [...new Set(found.flatMap((f) => f.taint))];
  return { ...first, ancestors, taint, identity: taint.length > 0 ? 'tainted' : 'proc' };
}
