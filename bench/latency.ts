// Added latency per connection, measured in interleaved rounds: every path runs once per round, so load from
// the machine's other users falls on all of them alike, and every other round runs them in reverse order (the
// first exec of a round is the slow one here). Each figure is the median of the rounds' p50s; a difference
// between two paths is the median of their per-round differences (paired), which cancels load that drifts
// between rounds.
import { readdirSync, readFileSync } from 'node:fs';
import type { SandboxInfo } from '../src/sandbox/types.js';
import { median, quantile } from './lib.js';
import { connectOutcomes, type Outcomes, WARM_UP } from './probes.js';

export interface Path {
  readonly box: SandboxInfo;
  /** `host:port` to reach. */
  readonly target: string;
  /** `host:port` of a CONNECT proxy, or `-`: straight (the transparent path from a fenced sandbox). */
  readonly proxy: string;
}

export interface Measured {
  /** Median of the rounds' p50 (ms); NaN when no connection got its echo. */
  readonly p50: number;
  /** Median of the rounds' p95 (ms). */
  readonly p95: number;
  /** Each round's p50, NaN for a round where no connection got its echo. */
  readonly rounds: readonly number[];
  readonly ok: number;
  /** Connections that failed (denials), and the median time one took to fail. */
  readonly failed: number;
  readonly failedP50: number;
  /** The last failure's message. */
  readonly error: string | null;
  /** Median of the rounds' p50 of when connect() returned and (CONNECT) when the 200 was in (ms); NaN: none. */
  readonly connected: number;
  readonly answered: number;
}

/** The median over rounds of each round's median of `values` (ms); NaN when no round has any. */
function roundsMedian(
  runs: readonly Outcomes[],
  values: (r: Outcomes) => readonly number[] | undefined,
): number {
  const meds = runs.map((r) => values(r) ?? []).filter((x) => x.length > 0);
  return meds.length > 0 ? median(meds.map(median)) : Number.NaN;
}

export function measured(runs: readonly Outcomes[]): Measured {
  const done = runs.filter((r) => r.times.length > 0);
  const failed = runs.flatMap((r) => r.failed);
  return {
    p50: done.length > 0 ? median(done.map((r) => median(r.times))) : Number.NaN,
    p95: done.length > 0 ? median(done.map((r) => quantile(r.times, 0.95))) : Number.NaN,
    rounds: runs.map((r) => (r.times.length > 0 ? median(r.times) : Number.NaN)),
    ok: done.reduce((n, r) => n + r.times.length, 0),
    failed: failed.length,
    failedP50: median(failed),
    error:
      runs
        .map((r) => r.error)
        .filter((e) => e !== null)
        .pop() ?? null,
    connected: roundsMedian(runs, (r) => r.connected),
    answered: roundsMedian(runs, (r) => r.answered),
  };
}

/**
 * The paths `BENCH_LATENCY=1` keeps: issue 17's connect-time paths and the two they are compared with (and
 * the same connect-time paths through the BENCH_AGAINST checkout's gateway, when given).
 */
const LATENCY_ONLY = new Set([
  'direct',
  'squid',
  'ctConnect',
  'ctTransparent',
  'againstConnect',
  'againstTransparent',
]);

/** `paths`, or only those issue 17's target is judged on when `latencyOnly`. */
export function latencyPaths<K extends string>(
  paths: Readonly<Record<K, Path>>,
  latencyOnly: boolean,
): Record<K, Path> {
  const kept = Object.entries<Path>(paths).filter(([k]) => !latencyOnly || LATENCY_ONLY.has(k));
  return Object.fromEntries(kept) as Record<K, Path>;
}

/** Median over rounds of `a`'s p50 minus `b`'s in the same round (ms); NaN when no round has both. */
export function paired(a: Measured, b: Measured): number {
  const d = a.rounds.map((x, i) => x - (b.rounds[i] ?? Number.NaN)).filter((x) => !Number.isNaN(x));
  return d.length > 0 ? median(d) : Number.NaN;
}

/** CPU time (ns) the process `pid` has run, all its threads; 0 once it is gone. */
export function cpuNs(pid: number): number {
  try {
    let ns = 0;
    for (const t of readdirSync(`/proc/${pid}/task`))
      ns += Number(readFileSync(`/proc/${pid}/task/${t}/schedstat`, 'utf8').split(' ')[0]);
    return ns;
  } catch {
    return 0;
  }
}

/**
 * Processes whose CPU time is charged to the path that ran while it was spent (name → pid), and what each path
 * was charged (path → name → ns, and the connections it made, its untimed first ones included). The client's own
 * start inside the sandbox is in it too (an exec: identd is told of it).
 */
export interface CpuWatch {
  readonly pids: Readonly<Record<string, number>>;
  readonly spent: Record<string, { ns: Record<string, number>; connections: number }>;
}

export function cpuWatch(pids: Readonly<Record<string, number>>): CpuWatch {
  return { pids, spent: {} };
}

/** Per connection of each path, µs of CPU of each watched process: `squid: gateway 12 µs, identd 3 µs`. */
export function cpuLines(w: CpuWatch): string {
  return Object.entries(w.spent)
    .map(([path, { ns, connections }]) => {
      const each = Object.entries(ns).map(([name, n]) => `${name} ${(n / 1000 / connections).toFixed(0)} µs`);
      return `${path}: ${each.join(', ')}`;
    })
    .join('; ');
}

/** One round: `count` connections on each path, one path after the other (`reverse`: last first), appended to `runs`. */
export async function round<K extends string>(
  paths: Readonly<Record<K, Path>>,
  count: number,
  runs: Record<K, Outcomes[]>,
  reverse = false,
  cpu?: CpuWatch,
): Promise<void> {
  const keys = Object.keys(paths) as K[];
  for (const k of reverse ? keys.reverse() : keys) {
    const p = paths[k];
    const before = cpu ? Object.values(cpu.pids).map(cpuNs) : [];
    const out = await connectOutcomes(p.box, p.target, p.proxy, count);
    runs[k] = [...(runs[k] ?? []), out];
    if (cpu) {
      const spent = cpu.spent[k] ?? { ns: {}, connections: 0 };
      cpu.spent[k] = spent;
      spent.connections += WARM_UP + out.times.length + out.failed.length;
      Object.entries(cpu.pids).forEach(([name, pid], i) => {
        spent.ns[name] = (spent.ns[name] ?? 0) + cpuNs(pid) - (before[i] ?? 0);
      });
    }
  }
}

/** `rounds` interleaved rounds of `count` connections per path, every other round in reverse order. */
export async function interleaved<K extends string>(
  paths: Readonly<Record<K, Path>>,
  rounds: number,
  count: number,
  cpu?: CpuWatch,
): Promise<Record<K, Measured>> {
  const runs = {} as Record<K, Outcomes[]>;
  for (let i = 0; i < rounds; i++) await round(paths, count, runs, i % 2 === 1, cpu);
  return summary(runs);
}

export function summary<K extends string>(runs: Readonly<Record<K, Outcomes[]>>): Record<K, Measured> {
  return Object.fromEntries(Object.entries<Outcomes[]>(runs).map(([k, r]) => [k, measured(r)])) as Record<
    K,
    Measured
  >;
}
