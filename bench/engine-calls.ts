// One eval of N trivial runs (`echo hi`, concurrency 4) with every engine and gateway call it makes timed:
// which calls an eval run pays, how many, and how long each took (medians). ROOT=<another worktree> runs that
// tree's code instead, to set two branches side by side (interleave the two, the machine may be shared).
// Run: [ROOT=/work/main] npx tsx bench/engine-calls.ts [runs]
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { median } from './lib.js';

const root = resolve(process.env.ROOT ?? join(import.meta.dirname, '..'));
const RUNS = Number(process.argv[2] ?? 32);
const calls = new Map<string, number[]>();

/** Time the promise-returning methods `names` of `proto` under `prefix.name`. */
function timeCalls(proto: Record<string, unknown>, prefix: string, names: string[]): void {
  for (const name of names) {
    const f = proto[name] as (...a: unknown[]) => unknown;
    proto[name] = function (this: unknown, ...a: unknown[]) {
      const started = performance.now();
      const r = f.apply(this, a);
      if (!(r instanceof Promise)) return r;
      const key = `${prefix}.${name}`;
      return r.finally(() => calls.set(key, [...(calls.get(key) ?? []), performance.now() - started]));
    };
  }
}

const need = createRequire(join(root, 'package.json'));
timeCalls(need('dockerode/lib/container').prototype, 'container', [
  'start',
  'inspect',
  'kill',
  'remove',
  'attach',
  'getArchive',
  'putArchive',
  'exec',
]);
timeCalls(need('dockerode').prototype, 'engine', ['createContainer', 'listContainers']);
timeCalls(need('dockerode/lib/volume').prototype, 'volume', ['remove']);
const { GatewayClient } = await import(join(root, 'src/gateway/index.ts'));
timeCalls(GatewayClient.prototype, 'gateway', ['register', 'unregister', 'health', 'events']);
const { runEval } = await import(join(root, 'src/eval/index.ts'));

const dir = await mkdtemp(join(tmpdir(), 'paddock-calls-'));
try {
  const spec = join(dir, 'spec.yml');
  const values = Array.from({ length: RUNS }, (_, i) => i + 1).join(', ');
  await writeFile(spec, `version: 1\nmatrix: { n: [${values}] }\nrun: echo hi\nconcurrency: 4\n`);
  const started = performance.now();
  const results = await runEval({
    spec,
    resultsDir: join(dir, 'results'),
    sessionId: `calls-${randomBytes(3).toString('hex')}`,
  });
  const ms = performance.now() - started;
  console.log(`${root}: eval of ${RUNS} runs ${ms.toFixed(0)} ms, ${results.totals.passed} passed`);
  for (const [key, values] of [...calls].sort(([a], [b]) => a.localeCompare(b))) {
    const total = values.reduce((a, b) => a + b, 0);
    console.log(
      `  ${key.padEnd(26)} ${String(values.length).padStart(4)} calls   median ${median(values).toFixed(1).padStart(7)} ms   total ${total.toFixed(0).padStart(6)} ms`,
    );
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
