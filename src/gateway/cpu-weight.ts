import { readFileSync, writeFileSync } from 'node:fs';
import { errorMessage } from '../common/errors.js';

/**
 * A sandbox that goes over a budget is flooding the gateway: while it does, its cgroup's CPU weight is cut to
 * 1/DEMOTE_RATIO of what it was, so its own processes yield the CPU to the gateway and to the other
 * sandboxes (on 2 cores a flooder's processes took as much CPU as the gateway deciding for everyone). The
 * weight comes back DEMOTE_MS after its last over-budget denial, and when its registration is forgotten.
 * A mitigation only: the budgets still deny, and a weight that cannot be written changes no decision.
 */
export const DEMOTE_RATIO = 16;
/** How long after its last over-budget denial a sandbox keeps the lowered weight. */
export const DEMOTE_MS = 10_000;

/** A cgroup's CPU weight file: v1 `cpu.shares` (2 to 262144, default 1024) or v2 `cpu.weight` (1 to 10000, default 100). */
export interface CpuWeightFile {
  readonly path: string;
  readonly min: number;
}

/**
 * Where the process whose `/proc/<pid>/cgroup` is `cgroup` has its CPU weight, given the gateway's
 * `/proc/self/mountinfo`: the v1 hierarchy with the `cpu` controller when one is mounted, else the v2
 * (unified) one. Null when neither is mounted or the process is not in it. Pure.
 */
export function cpuWeightFile(cgroup: string, mountinfo: string): CpuWeightFile | null {
  const mounts = mountinfo.split('\n').map((line) => {
    const [left = '', right = ''] = line.split(' - ');
    const [, , , root = '', point = ''] = left.split(' ');
    const [type = '', , options = ''] = right.split(' ');
    return { root, point: unescapeMount(point), type, options: options.split(',') };
  });
  const lines = cgroup
    .split('\n')
    .filter(Boolean)
    .map((l) => {
      const [, controllers = '', ...path] = l.split(':');
      return { controllers: controllers.split(','), path: path.join(':') };
    });
  const v1 = mounts.find((m) => m.type === 'cgroup' && m.options.includes('cpu'));
  const v1Line = lines.find((l) => l.controllers.includes('cpu'));
  if (v1 && v1Line) return at(v1, v1Line.path, 'cpu.shares', 2);
  const v2 = mounts.find((m) => m.type === 'cgroup2');
  const v2Line = lines.find((l) => l.controllers.length === 1 && l.controllers[0] === '');
  if (v2 && v2Line) return at(v2, v2Line.path, 'cpu.weight', 1);
  return null;
}

function at(
  mount: { root: string; point: string },
  path: string,
  file: string,
  min: number,
): CpuWeightFile | null {
  // A mount of a sub-tree (root not /) shows only what lies under it.
  const root = mount.root === '/' ? '' : mount.root;
  if (root && path !== root && !path.startsWith(`${root}/`)) return null;
  const rest = path.slice(root.length).replace(/^\/+/, '');
  // The root cgroup has no weight file, and is not a sandbox's.
  if (rest === '' || rest.split('/').includes('..')) return null;
  return { path: `${mount.point}/${rest}/${file}`, min };
}

/** mountinfo escapes space, tab, newline and backslash as octal. */
function unescapeMount(text: string): string {
  return text.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(Number.parseInt(octal, 8)));
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

/** One sandbox's CPU weight, lowered while it is over budget. */
export class CpuDemotion {
  readonly #file: CpuWeightFile;
  readonly #io: CpuWeightIo;
  readonly #log: (line: string) => void;
  /** The weight to give back; null while not lowered. */
  #saved: number | null = null;
  #until = 0;
  #broken = false;

  constructor(file: CpuWeightFile, log: (line: string) => void, io: CpuWeightIo = REAL_IO) {
    this.#file = file;
    this.#log = log;
    this.#io = io;
  }

  /** The sandbox went over a budget: lower its weight now (once), keep it low DEMOTE_MS from now. */
  over(why: string): void {
    if (this.#broken) return;
    this.#until = this.#io.now() + DEMOTE_MS;
    if (this.#saved !== null) return;
    try {
      const text = this.#io.read(this.#file.path).trim();
      const saved = Number(text);
      if (!/^\d+$/.test(text) || saved < 1) throw new Error(`not a weight: ${JSON.stringify(text)}`);
      const low = Math.max(this.#file.min, Math.floor(saved / DEMOTE_RATIO));
      this.#io.write(this.#file.path, String(low));
      this.#saved = saved;
      this.#log(`cpu weight ${saved} → ${low} (${why}): ${this.#file.path}`);
      this.#io.later(() => this.#expire(), DEMOTE_MS);
    } catch (error) {
      this.#broken = true; // said once; the budgets still deny
      this.#log(`cpu weight not lowered (${why}): ${this.#file.path}: ${errorMessage(error)}`);
    }
  }

  /** Give the weight back (its registration is forgotten, or its over-budget window passed). */
  restore(): void {
    const saved = this.#saved;
    if (saved === null) return;
    this.#saved = null;
    try {
      this.#io.write(this.#file.path, String(saved));
      this.#log(`cpu weight restored to ${saved}: ${this.#file.path}`);
    } catch (error) {
      // The container is gone with its cgroup: nothing to give back.
      this.#log(`cpu weight not restored: ${this.#file.path}: ${errorMessage(error)}`);
    }
  }

  #expire(): void {
    if (this.#saved === null) return;
    const left = this.#until - this.#io.now();
    if (left > 0) this.#io.later(() => this.#expire(), left);
    else this.restore();
  }
}

/**
 * The demotion of the sandbox whose holder is `pid`, or null (logged) where its CPU weight cannot be found:
 * the sandbox then keeps its weight, and its budgets still deny.
 */
export function cpuDemotion(pid: number, name: string, log: (line: string) => void): CpuDemotion | null {
  try {
    const file = cpuWeightFile(
      readFileSync(`/proc/${pid}/cgroup`, 'utf8'),
      readFileSync('/proc/self/mountinfo', 'utf8'),
    );
    if (file) return new CpuDemotion(file, (line) => log(`sandbox ${name}: ${line}`));
    log(`sandbox ${name}: no CPU weight found for pid ${pid}: a flood will not be slowed`);
  } catch (error) {
    log(`sandbox ${name}: no CPU weight for pid ${pid}: ${errorMessage(error)}`);
  }
  return null;
}
