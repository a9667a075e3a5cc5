// An eval of N trivial runs (`echo hi`) beside `xargs -P<same> docker run --rm` of the same command on the
// same image, in one process; then 8 → 64 runs to show how the cost grows. Baseline: containers on an internal
// network like the sandboxes' (attaching one costs the engine ~100 ms); `--network none` is printed too.
// The machine may be shared: every size is measured `repeats` times, eval and baselines interleaved, and the
// medians are reported. A per-phase breakdown (from timed drivers) says where an eval run's time goes.
// The gateway is the bundle users run (dist/gateway.js; `npm run build` first), or with BENCH_GATEWAY=source the
// TypeScript source through tsx (slower to start).
// Each eval's results folder is outside the spec's folder (as the default `paddock-results` is skipped): the
// eval lists the spec folder's files, and earlier evals' results there would make every later eval slower.
// ROOT=<another worktree> runs that tree's code (and its dist/gateway.js) under this same bench, so two
// branches can be measured back to back with one script.
// BENCH_EVAL=cli times the command users run, `node dist/cli.js eval run SPEC` (the bundle, its start and its
// reports included), as the baseline is the `docker` command; by default runEval is called in this process (the
// sources through tsx), which is what the per-phase breakdown needs.
// Run: [ROOT=/work/main] [BENCH_EVAL=cli] npx tsx bench/eval.ts [concurrency] [repeats]
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type * as EvalIndex from '../src/eval/index.js';
import type { Results } from '../src/eval/results.js';
import type * as EvalSession from '../src/eval/session.js';
import type * as Bootstrap from '../src/sandbox/image/bootstrap.js';
import { median, printTable, ratio } from './lib.js';
import { timedDrivers } from './phases.js';

const root = resolve(process.env.ROOT ?? join(import.meta.dirname, '..'));
const { defaultConcurrency, runEval } = (await import(join(root, 'src/eval/index.ts'))) as typeof EvalIndex;
const { realDrivers } = (await import(join(root, 'src/eval/session.ts'))) as typeof EvalSession;
const { bootstrapImage, DEFAULT_IMAGE } = (await import(
  join(root, 'src/sandbox/image/bootstrap.ts')
)) as typeof Bootstrap;

const exec = promisify(execFile);
const CONCURRENCY = Number(process.argv[2] ?? defaultConcurrency());
const REPEATS = Number(process.argv[3] ?? 3);
const COMMAND = 'echo hi';
const SIZES = [8, 16, 32, 64];
const CLI = process.env.BENCH_EVAL === 'cli';
const GATEWAY = process.env.BENCH_GATEWAY === 'source' ? 'source' : join(root, 'dist/gateway.js');
if (GATEWAY !== 'source') process.env.PADDOCK_GATEWAY_BUNDLE = GATEWAY;

async function evalOf(
  runs: number,
  dir: string,
  phases?: Map<string, number[]>,
): Promise<{ ms: number; passed: number }> {
  const spec = join(dir, 'spec', `bench-${runs}.yml`);
  const values = Array.from({ length: runs }, (_, i) => i + 1).join(', ');
  await writeFile(
    spec,
    `version: 1\nmatrix: { n: [${values}] }\nrun: ${COMMAND}\nconcurrency: ${CONCURRENCY}\n`,
  );
  const resultsDir = join(dir, `results-${runs}-${randomBytes(2).toString('hex')}`);
  const started = performance.now();
  const results = CLI
    ? await cliEval(spec, resultsDir)
    : await runEval({
        spec,
        resultsDir,
        sessionId: `bench-${randomBytes(3).toString('hex')}`,
        ...(phases ? { drivers: timedDrivers(realDrivers, phases) } : {}),
      });
  for (const r of results.runs.filter((x) => x.status !== 'passed'))
    console.log(`  (${runs} runs: ${r.id} ${r.status}: ${r.reason ?? `exit ${r.exitCode}`})`);
  return { ms: performance.now() - started, passed: results.totals.passed };
}

/** `paddock eval run SPEC -r DIR` from ROOT's bundle; its results.json (the exit code says only pass or fail). */
async function cliEval(spec: string, resultsDir: string): Promise<Results> {
  await exec(process.execPath, [join(root, 'dist/cli.js'), 'eval', 'run', spec, '-r', resultsDir], {
    maxBuffer: 1 << 24,
  }).catch((error: { code?: number }) => {
    if (typeof error.code !== 'number') throw error; // a run that failed still wrote its results
  });
  return JSON.parse(await readFile(join(resultsDir, 'results.json'), 'utf8')) as Results;
}

async function xargsOf(runs: number, network = 'none'): Promise<number> {
  const script = `seq ${runs} | xargs -P${CONCURRENCY} -I{} docker run --rm --network ${network} ${DEFAULT_IMAGE} sh -c '${COMMAND}' >/dev/null`;
  const started = performance.now();
  await exec('sh', ['-c', script], { maxBuffer: 1 << 24 });
  return performance.now() - started;
}

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Least-squares line through (runs, ms): the per-run slope, the fixed cost, and how straight it is (R²). */
function fit(points: readonly [number, number][]): { slope: number; fixed: number; r2: number } {
  const n = points.length;
  const mx = points.reduce((a, [x]) => a + x, 0) / n;
  const my = points.reduce((a, [, y]) => a + y, 0) / n;
  const sxy = points.reduce((a, [x, y]) => a + (x - mx) * (y - my), 0);
  const sxx = points.reduce((a, [x]) => a + (x - mx) ** 2, 0);
  const slope = sxy / sxx;
  const fixed = my - slope * mx;
  const ssr = points.reduce((a, [x, y]) => a + (y - (fixed + slope * x)) ** 2, 0);
  const sst = points.reduce((a, [, y]) => a + (y - my) ** 2, 0);
  return { slope, fixed, r2: 1 - ssr / sst };
}

async function main(): Promise<void> {
  await bootstrapImage();
  const dir = await mkdtemp(join(tmpdir(), 'paddock-bench-'));
  await mkdir(join(dir, 'spec'));
  const net = `paddock-bench-${randomBytes(3).toString('hex')}`;
  await exec('docker', ['network', 'create', '--internal', '--label', `paddock.session=${net}`, net]);
  const times = new Map<string, number[]>();
  const add = (key: string, v: number) => times.set(key, [...(times.get(key) ?? []), v]);
  const phases = new Map<string, number[]>();
  let passed = true;
  try {
    await exec('docker', ['run', '--rm', '--network', 'none', DEFAULT_IMAGE, 'true']); // warm both sides
    await evalOf(2, dir);
    console.log(
      `${root}: ${CLI ? '`paddock eval run` (dist/cli.js)' : 'runEval in this process'}, concurrency ${CONCURRENCY}, command '${COMMAND}', image ${DEFAULT_IMAGE}, gateway ${GATEWAY}, median of ${REPEATS} interleaved\n`,
    );
    for (let r = 0; r < REPEATS; r++) {
      for (const n of SIZES) {
        const e = await evalOf(n, dir, n === 32 ? phases : undefined);
        passed &&= e.passed === n;
        add(`eval ${n}`, e.ms);
        add(`internal ${n}`, await xargsOf(n, net));
        add(`none ${n}`, await xargsOf(n));
      }
    }
    const m = (key: string) => median(times.get(key) ?? []);
    printTable([
      {
        metric: `eval of 32 trivial runs, concurrency ${CONCURRENCY} (all passed: ${passed})`,
        paddock: s(m('eval 32')),
        baseline: `${s(m('internal 32'))} xargs -P${CONCURRENCY} docker run --rm --network internal`,
        ratio: ratio(m('eval 32'), m('internal 32')),
        target: '≤ 1.0× baseline',
        met: m('eval 32') <= m('internal 32'),
      },
      {
        metric: 'the same, baseline containers without a network',
        paddock: s(m('eval 32')),
        baseline: `${s(m('none 32'))} xargs -P${CONCURRENCY} docker run --rm --network none`,
        ratio: ratio(m('eval 32'), m('none 32')),
        target: 'for information',
        met: true,
      },
    ]);
    console.log(
      '\nruns   paddock eval   per run   docker run (internal)   ratio   docker run (none)   ratio',
    );
    for (const n of SIZES) {
      const [e, y, x] = [m(`eval ${n}`), m(`internal ${n}`), m(`none ${n}`)];
      console.log(
        `${String(n).padStart(4)}   ${s(e).padStart(12)}   ${(e / n).toFixed(0).padStart(4)} ms   ${s(y).padStart(21)}   ${(e / y).toFixed(2)}×   ${s(x).padStart(17)}   ${(e / x).toFixed(2)}×`,
      );
    }
    const line = fit(SIZES.map((n) => [n, m(`eval ${n}`)]));
    const base = fit(SIZES.map((n) => [n, m(`internal ${n}`)]));
    console.log(
      `\nslope: eval ${line.slope.toFixed(0)} ms/run + ${s(line.fixed)} fixed (R² ${line.r2.toFixed(3)}); ` +
        `docker run (internal) ${base.slope.toFixed(0)} ms/run + ${s(base.fixed)} (R² ${base.r2.toFixed(3)})`,
    );
    if (CLI) return; // the per-phase breakdown needs runEval in this process
    console.log(`\nwhere an eval run's time goes (32 runs, concurrency ${CONCURRENCY}; median per run):`);
    for (const [phase, values] of phases) {
      console.log(
        `  ${phase.padEnd(28)} ${median(values).toFixed(0).padStart(6)} ms   (${values.length} samples)`,
      );
    }
  } finally {
    await exec('docker', ['network', 'rm', net]).catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
