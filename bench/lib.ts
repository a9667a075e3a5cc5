// Shared by the benchmarks: statistics, the machine, the bundled gateway daemon, in-sandbox commands, the table.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdir, open, readFile, symlink, writeFile } from 'node:fs/promises';
import { cpus, freemem, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { promisify } from 'node:util';
import { bundle } from '../scripts/bundle.mjs';
import { readHandshake } from '../src/gateway/handshake.js';
import { daemonArgs, daemonCommand, type GatewayOptions } from '../src/gateway/start.js';
import type { GatewayHandle } from '../src/gateway/state.js';
import { execInSandbox } from '../src/sandbox/index.js';
import type { SandboxInfo } from '../src/sandbox/types.js';

export const run = promisify(execFile);
export const MB = 1024 * 1024;

/** The q-quantile (nearest rank) of `values`; NaN when empty. */
export function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;
}

export const median = (values: readonly number[]): number => quantile(values, 0.5);

export async function timed(f: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await f();
  return performance.now() - t;
}

/** nproc, memory, kernel, Docker and Node versions, as one line. */
export async function machine(): Promise<string> {
  const docker = await run('docker', ['version', '-f', '{{.Server.Version}} (API {{.Server.APIVersion}})'])
    .then((r) => r.stdout.trim())
    .catch(() => 'unknown');
  const kernel = (await readFile('/proc/sys/kernel/osrelease', 'utf8')).trim();
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  return [
    `nproc ${cpus().length} (${cpu})`,
    `memory ${(totalmem() / 2 ** 30).toFixed(1)} GiB (${(freemem() / 2 ** 30).toFixed(1)} free)`,
    `kernel ${kernel} (TCP hash ${(await readFile('/proc/sys/net/ipv4/tcp_ehash_entries', 'utf8').catch(() => '?')).trim()} buckets)`,
    `Docker ${docker}`,
    `Node ${process.version}`,
  ].join(', ');
}

/**
 * Bundle the gateway daemon with scripts/bundle.mjs, the one esbuild configuration dist/ is made with, into `dir`.
 * `root`: the checkout to bundle (another one for BENCH_AGAINST), its own dist/native with it.
 */
export async function bundleGateway(dir: string, root: string = resolve('.')): Promise<string> {
  await bundle({
    root,
    outdir: dir,
    version: 'bench',
    entryPoints: { gateway: 'src/gateway/daemon.ts' },
  });
  // The daemon finds its native helpers (paddock-identd) in dist/native beside the bundle, as it would in dist/.
  await mkdir(join(dir, 'dist'), { recursive: true });
  await symlink(join(root, 'dist/native'), join(dir, 'dist', 'native'));
  return join(dir, 'gateway.js');
}

export interface Daemon {
  readonly handle: GatewayHandle;
  readonly child: ChildProcess;
  /** From spawn to the readiness line. */
  readonly readyMs: number;
  stop(): Promise<void>;
}

/** Spawn the bundled daemon (as root, like `paddock gateway start`) and wait for its readiness line. */
export async function spawnDaemon(bundle: string, options: GatewayOptions): Promise<Daemon> {
  await mkdir(options.stateDir, { recursive: true });
  const log = await open(join(options.stateDir, 'gateway.log'), 'a');
  const t0 = performance.now();
  // PADDOCK_BENCH_DAEMON_FLAGS: extra node flags for the daemon, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`.
  const flags = (process.env.PADDOCK_BENCH_DAEMON_FLAGS ?? '').split(' ').filter(Boolean);
  // The daemon as `paddock` runs it (its node flags, then the bundle), from the one place that says so.
  const [node = process.execPath, ...rest] = daemonCommand(undefined, { PADDOCK_GATEWAY_BUNDLE: bundle });
  const child = spawn(node, [...flags, ...rest, ...daemonArgs(options)], {
    stdio: ['ignore', 'pipe', log.fd],
  });
  await log.close();
  const json = await new Promise<string>((resolve, reject) => {
    if (child.stdout) readHandshake(child.stdout).then(resolve, reject);
    child.once('exit', (code) => reject(new Error(`gateway exited ${code} before it was ready`)));
  });
  const readyMs = performance.now() - t0;
  return {
    handle: JSON.parse(json) as GatewayHandle,
    child,
    readyMs,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

const CHILD_EHASH = '/proc/sys/net/ipv4/tcp_child_ehash_entries';

/**
 * Run `f` with `net.ipv4.tcp_child_ehash_entries` = buckets (Linux ≥ 6.1): network namespaces created
 * meanwhile get a private TCP hash of that size instead of sharing the host's, so reading their
 * /proc/<pid>/net/tcp walks `buckets` buckets instead of the host's (2^18 here). Restored at once.
 */
export async function withChildEhash<T>(buckets: number, f: () => Promise<T>): Promise<T> {
  const before = await readFile(CHILD_EHASH, 'utf8').catch(() => null);
  if (before === null) return f();
  await writeFile(CHILD_EHASH, String(buckets));
  try {
    return await f();
  } finally {
    await writeFile(CHILD_EHASH, before.trim());
  }
}

/** Resident memory of a pid in MB (VmRSS, or VmHWM for the peak). */
export async function rssMb(pid: number, field: 'VmRSS' | 'VmHWM' = 'VmRSS'): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
  return kb / 1024;
}

/** Run `command` (a string: sh -c; an array: argv) in a sandbox; stdout and stderr together. Throws on failure. */
export async function sh(
  info: SandboxInfo,
  command: string | readonly string[],
  timeoutMs = 120_000,
): Promise<string> {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk, _enc, cb) {
      chunks.push(chunk as Buffer);
      cb();
    },
  });
  const r = await execInSandbox(info, { command, stdout: sink, stderr: sink, timeoutMs });
  const out = Buffer.concat(chunks).toString();
  if (r.exitCode !== 0)
    throw new Error(
      `in ${info.name}: \`${typeof command === 'string' ? command : command[0]}\` exited ${r.exitCode}: ${out.slice(-2000)}`,
    );
  return out;
}

export interface Row {
  readonly metric: string;
  readonly paddock: string;
  readonly baseline: string;
  readonly ratio: string;
  readonly target: string;
  /** null: informational, no target. */
  readonly met: boolean | null;
}

/** Print rows as a Markdown table (pasted into BENCHMARKS.md as is). */
export function printTable(rows: readonly Row[]): void {
  console.log('| metric | Paddock | baseline | ratio | target | met? |');
  console.log('|---|---:|---:|---:|---|---|');
  for (const r of rows) {
    const met = r.met === null ? '–' : r.met ? 'yes' : '**no**';
    console.log(`| ${r.metric} | ${r.paddock} | ${r.baseline} | ${r.ratio} | ${r.target} | ${met} |`);
  }
}

export const ms = (v: number, digits = 0) => `${v.toFixed(digits)} ms`;
export const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
