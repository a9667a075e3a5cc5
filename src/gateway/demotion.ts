import { readFileSync, writeFileSync } from 'node:fs';
import { errorMessage } from '../common/errors.js';
import { parseMountinfo } from './mountinfo.js';

/**
 * A sandbox that goes over a budget is flooding the gateway. While it does, its cgroup gets 1/DEMOTE_RATIO of
 * its CPU weight and at most DEMOTED_CPUS of CPU time (the CFS quota), so its processes leave the CPU to the
 * gateway and to the other sandboxes. The weight alone is not enough where all containers share one parent
 * cgroup (Docker's cgroupfs driver on cgroup v1): a flooder that is always runnable keeps that parent busy, and
 * another sandbox waking up then waits behind every other task of the host. The quota makes the flooder idle
 * most of each period. Both come back DEMOTE_MS after its last over-budget denial, and when its registration
 * is forgotten. A mitigation only: the budgets still deny, and files that cannot be written change no decision.
 */
export const DEMOTE_RATIO = 16;
/** CPUs a sandbox over budget may use (its quota per CFS period). */
export const DEMOTED_CPUS = 0.1;
/** How long after its last over-budget denial a sandbox stays demoted. */
export const DEMOTE_MS = 10_000;

/** A sandbox's cgroup directory with the `cpu` controller, and which cgroup version names its files. */
export interface CpuCgroup {
  readonly dir: string;
  readonly version: 1 | 2;
}

/**
 * The cgroup of the process whose `/proc/<pid>/cgroup` is `cgroup`, given the gateway's
 * `/proc/self/mountinfo`: in the v1 hierarchy with the `cpu` controller when one is mounted, else in the v2
 * (unified) one. Null when neither is mounted, the process is not in it, or it is the root cgroup. Pure.
 */
export function cpuCgroup(cgroup: string, mountinfo: string): CpuCgroup | null {
  const mounts = parseMountinfo(mountinfo);
  const lines = cgroup
    .split('\n')
    .filter(Boolean)
    .map((l) => {
      const [, controllers = '', ...path] = l.split(':');
      return { controllers: controllers.split(','), path: path.join(':') };
    });
  const v1 = mounts.find((m) => m.type === 'cgroup' && m.options.includes('cpu'));
  const v1Line = lines.find((l) => l.controllers.includes('cpu'));
  if (v1 && v1Line) return at(v1, v1Line.path, 1);
  const v2 = mounts.find((m) => m.type === 'cgroup2');
  const v2Line = lines.find((l) => l.controllers.length === 1 && l.controllers[0] === '');
  if (v2 && v2Line) return at(v2, v2Line.path, 2);
  return null;
}

function at(mount: { root: string; point: string }, path: string, version: 1 | 2): CpuCgroup | null {
  // A mount of a sub-tree (root not /) shows only what lies under it.
  const root = mount.root === '/' ? '' : mount.root;
  if (root && path !== root && !path.startsWith(`${root}/`)) return null;
  const rest = path.slice(root.length).replace(/^\/+/, '');
  // The root cgroup has no weight or quota of its own, and is not a sandbox's.
  if (rest === '' || rest.split('/').includes('..')) return null;
  return { dir: `${mount.point}/${rest}`, version };
}

const integer = (text: string, what: string): number => {
  if (!/^-?\d+$/.test(text)) throw new Error(`${what}: not a number: ${JSON.stringify(text)}`);
  return Number(text);
};

/**
 * What to write to demote a cgroup, given how to read its files: [file, lowered value] pairs, in writing
 * order. Pure apart from `read`. Throws on a value it cannot read.
 */
export function demotedValues(cg: CpuCgroup, read: (file: string) => string): [string, string][] {
  const lowWeight = (w: number, min: number) => String(Math.max(min, Math.floor(w / DEMOTE_RATIO)));
  if (cg.version === 1) {
    const period = integer(read('cpu.cfs_period_us'), 'cpu.cfs_period_us');
    const quota = integer(read('cpu.cfs_quota_us'), 'cpu.cfs_quota_us'); // -1: none
    const cap = Math.max(1000, Math.floor(period * DEMOTED_CPUS));
    return [
      ['cpu.shares', lowWeight(integer(read('cpu.shares'), 'cpu.shares'), 2)],
      ['cpu.cfs_quota_us', String(quota < 0 ? cap : Math.min(quota, cap))],
    ];
  }
  const [quota = '', period = ''] = read('cpu.max').split(' ');
  const p = integer(period, 'cpu.max period');
  const cap = Math.max(1000, Math.floor(p * DEMOTED_CPUS));
  const q = quota === 'max' ? cap : Math.min(integer(quota, 'cpu.max quota'), cap);
  return [
    ['cpu.weight', lowWeight(integer(read('cpu.weight'), 'cpu.weight'), 1)],
    ['cpu.max', `${q} ${p}`],
  ];
}

/** What CpuDemotion reaches outside with; unit tests pass fakes. */
export interface CpuWeightIo {
  read(path: string): string;
  write(path: string, value: string): void;
  /** Run `f` after `ms` (not keeping the process alive). */
  later(f: () => void, ms: number): void;
  now(): number;
}

const REAL_IO: CpuWeightIo = {
  read: (p) => readFileSync(p, 'utf8'),
  write: (p, v) => writeFileSync(p, v),
  later: (f, ms) => setTimeout(f, ms).unref(),
  now: () => Date.now(),
};

/** One sandbox's CPU share, cut while it is over budget. */
export class CpuDemotion {
  /** The sandbox's cgroup (attribution lists the sandbox's processes from it). */
  readonly cgroup: CpuCgroup;
  readonly #io: CpuWeightIo;
  readonly #log: (line: string) => void;
  /** [file, value] pairs to write back, in order; null while not demoted. */
  #saved: [string, string][] | null = null;
  #until = 0;
  #broken = false;

  constructor(cg: CpuCgroup, log: (line: string) => void, io: CpuWeightIo = REAL_IO) {
    this.cgroup = cg;
    this.#log = log;
    this.#io = io;
  }

  /** The sandbox went over a budget: demote it now (once), keep it demoted DEMOTE_MS from now. */
  over(why: string): void {
    if (this.#broken) return;
    this.#until = this.#io.now() + DEMOTE_MS;
    if (this.#saved !== null) return;
    const path = (file: string) => `${this.cgroup.dir}/${file}`;
    const saved: [string, string][] = [];
    try {
      const read = (file: string) => this.#io.read(path(file)).trim();
      for (const [file, value] of demotedValues(this.cgroup, read)) {
        const before = read(file);
        this.#io.write(path(file), value);
        saved.unshift([file, before]);
      }
      this.#saved = saved;
      this.#log(`demoted (${why}): ${this.#describe(saved, true)}`);
      this.#io.later(() => this.#expire(), DEMOTE_MS);
    } catch (error) {
      this.#broken = true; // said once; the budgets still deny
      this.#log(`not demoted (${why}): ${this.cgroup.dir}: ${errorMessage(error)}`);
      this.#write(saved);
    }
  }

  /** Give back what it had (its registration is forgotten, or its over-budget window passed). */
  restore(): void {
    const saved = this.#saved;
    if (saved === null) return;
    this.#saved = null;
    this.#write(saved);
    this.#log(`CPU share restored: ${this.#describe(saved, false)}`);
  }

  #write(values: [string, string][]): void {
    for (const [file, value] of values) {
      try {
        this.#io.write(`${this.cgroup.dir}/${file}`, value);
      } catch (error) {
        // The container is gone with its cgroup: nothing to give back.
        this.#log(`not restored: ${this.cgroup.dir}/${file}: ${errorMessage(error)}`);
      }
    }
  }

  #describe(saved: [string, string][], now: boolean): string {
    const text = saved.map(([f, v]) => `${f} ${v}`).join(', ');
    return now ? `${this.cgroup.dir} (was ${text})` : `${this.cgroup.dir} ${text}`;
  }

  #expire(): void {
    if (this.#saved === null) return;
    const left = this.#until - this.#io.now();
    if (left > 0) this.#io.later(() => this.#expire(), left);
    else this.restore();
  }
}

/**
 * The demotion of the sandbox whose holder is `pid`, or null (logged) where its cgroup cannot be found:
 * the sandbox then keeps its CPU share, and its budgets still deny.
 */
export function cpuDemotion(pid: number, name: string, log: (line: string) => void): CpuDemotion | null {
  try {
    const cg = cpuCgroup(
      readFileSync(`/proc/${pid}/cgroup`, 'utf8'),
      readFileSync('/proc/self/mountinfo', 'utf8'),
    );
    if (cg) return new CpuDemotion(cg, (line) => log(`sandbox ${name}: ${line}`));
    log(`sandbox ${name}: no cpu cgroup found for pid ${pid}: a flood will not be slowed`);
  } catch (error) {
    log(`sandbox ${name}: no cpu cgroup for pid ${pid}: ${errorMessage(error)}`);
  }
  return null;
}
