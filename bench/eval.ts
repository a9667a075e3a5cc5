// An eval of N trivial runs (`echo hi`) beside `xargs -P<same> docker run --rm` of the same command on the
// same image, in one process; then 8 → 64 runs to show how the cost grows. Two baselines: `--network none`
// (no network at all) and an internal network like the sandboxes' (attaching one costs the engine ~100 ms).
// Run: npx tsx bench/eval.ts [concurrency]
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { defaultConcurrency, runEval } from '../src/eval/index.js';
import { bootstrapImage, DEFAULT_IMAGE } from '../src/sandbox/image/bootstrap.js';
import { printTable, ratio } from './lib.js';

const exec = promisify(execFile);
const CONCURRENCY = Number(process.argv[2] ?? defaultConcurrency());
const COMMAND = 'echo hi';

async function evalOf(runs: number, dir: string): Promise<{ ms: number; passed: number; session: number }> {
  const spec = join(dir, `bench-${runs}.yml`);
  const values = Array.from({ length: runs }, (_, i) => i + 1).join(', ');
  await writeFile(
    spec,
    `version: 1\nmatrix: { n: [${values}] }\nrun: ${COMMAND}\nconcurrency: ${CONCURRENCY}\n`,
  );
  const started = performance.now();
  const results = await runEval({
    spec,
    resultsDir: join(dir, `results-${runs}`),
    sessionId: `bench-${randomBytes(3).toString('hex')}`,
  });
  const ms = performance.now() - started;
  // Session overhead: everything outside the runs themselves (gateway start, network, final prune).
  const first = Math.min(...results.runs.map((r) => Date.parse(r.startedAt ?? '')));
  const last = Math.max(...results.runs.map((r) => Date.parse(r.finishedAt ?? '')));
  return { ms, passed: results.totals.passed, session: ms - (last - first) };
}

async function xargsOf(runs: number, network = 'none'): Promise<number> {
  const script = `seq ${runs} | xargs -P${CONCURRENCY} -I{} docker run --rm --network ${network} ${DEFAULT_IMAGE} sh -c '${COMMAND}' >/dev/null`;
  const started = performance.now();
  await exec('sh', ['-c', script], { maxBuffer: 1 << 24 });
  return performance.now() - started;
}

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function main(): Promise<void> {
  await bootstrapImage();
  const dir = await mkdtemp(join(tmpdir(), 'paddock-bench-'));
  const net = `paddock-bench-${randomBytes(3).toString('hex')}`;
  await exec('docker', ['network', 'create', '--internal', '--label', `paddock.session=${net}`, net]);
  try {
    await exec('docker', ['run', '--rm', '--network', 'none', DEFAULT_IMAGE, 'true']); // warm both sides
    await evalOf(2, dir);
    console.log(`concurrency ${CONCURRENCY}, command '${COMMAND}', image ${DEFAULT_IMAGE}\n`);
    const ev = await evalOf(32, dir);
    const xa = await xargsOf(32);
    const xn = await xargsOf(32, net);
    printTable([
      {
        metric: `eval of 32 trivial runs, concurrency ${CONCURRENCY} (${ev.passed}/32 passed; ${s(ev.session)} session setup/teardown)`,
        paddock: s(ev.ms),
        baseline: `${s(xa)} xargs -P${CONCURRENCY} docker run --rm`,
        ratio: ratio(ev.ms, xa),
        target: '≤ 1.0× baseline',
        met: ev.ms <= xa,
      },
      {
        metric: 'the same, baseline containers on an internal network (as sandboxes are)',
        paddock: s(ev.ms),
        baseline: `${s(xn)} xargs -P${CONCURRENCY} docker run --rm --network internal`,
        ratio: ratio(ev.ms, xn),
        target: '≤ 1.0× baseline',
        met: ev.ms <= xn,
      },
    ]);
    console.log('');
    console.log('runs   paddock eval   per run   docker run (none)   ratio   docker run (internal)   ratio');
    for (const n of [8, 16, 32, 64]) {
      const e = await evalOf(n, dir);
      const x = await xargsOf(n);
      const y = await xargsOf(n, net);
      console.log(
        `${String(n).padStart(4)}   ${s(e.ms).padStart(12)}   ${(e.ms / n).toFixed(0).padStart(4)} ms   ${s(x).padStart(17)}   ${(e.ms / x).toFixed(2)}×   ${s(y).padStart(21)}   ${(e.ms / y).toFixed(2)}×`,
      );
    }
  } finally {
    await exec('docker', ['network', 'rm', net]).catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
