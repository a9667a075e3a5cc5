// One eval of N trivial runs (`echo hi`, concurrency 4) with every driver step timestamped from the eval's start:
// when the session is ready, when the first sandbox is created, when the last run ends, what the end costs.
// ROOT=<another worktree> runs that tree's code and its dist/gateway.js (`npm run build` there first).
// Run: [ROOT=/work/main] npx tsx bench/eval-timeline.ts [runs]
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Drivers, RunSandbox } from '../src/eval/drivers.js';
import type * as EvalIndex from '../src/eval/index.js';
import type * as EvalSession from '../src/eval/session.js';

const root = resolve(process.env.ROOT ?? join(import.meta.dirname, '..'));
const { runEval } = (await import(join(root, 'src/eval/index.ts'))) as typeof EvalIndex;
const { realDrivers } = (await import(join(root, 'src/eval/session.ts'))) as typeof EvalSession;
const RUNS = Number(process.argv[2] ?? 32);
process.env.PADDOCK_GATEWAY_BUNDLE = join(root, 'dist/gateway.js');
const marks: [string, number, number][] = [];
let t0 = 0;
async function mark<T>(name: string, f: () => Promise<T>): Promise<T> {
  const start = performance.now() - t0;
  try {
    return await f();
  } finally {
    marks.push([name, start, performance.now() - t0]);
  }
}
const sandbox = (s: RunSandbox): RunSandbox => ({
  ...s,
  name: s.name,
  run: (r) => mark(`run ${s.name}`, () => s.run(r)),
  delete: () => mark(`delete ${s.name}`, () => s.delete()),
});
const drivers: Drivers = {
  ...realDrivers,
  loadPolicy: (ref, where) => mark('policy', () => realDrivers.loadPolicy(ref, where)),
  prepareImage: (ref, signal) => mark('image', () => realDrivers.prepareImage(ref, signal)),
  async openSession(options) {
    const session = await mark('session open', () => realDrivers.openSession(options));
    return {
      ...session,
      id: session.id,
      eventsPath: session.eventsPath,
      enforcement: session.enforcement,
      ...(session.ready
        ? { ready: () => mark('gateway ready', () => session.ready?.() ?? Promise.resolve()) }
        : {}),
      createSandbox: async (request) =>
        sandbox(await mark(`create ${request.name}`, () => session.createSandbox(request))),
      // The gateway's CPU is read before it stops: at quiesce (an early stop) where there is one, else at close.
      ...('quiesce' in session
        ? {
            quiesce: async () => {
              gatewayCpu = await cpuOf(join(options.stateDir, 'gateway.pid'));
              return mark('gateway stop', () => session.quiesce());
            },
          }
        : {}),
      close: async () => {
        gatewayCpu ||= await cpuOf(join(options.stateDir, 'gateway.pid'));
        return mark('session close', () => session.close());
      },
    };
  },
};
let gatewayCpu = '';
/** CPU the whole machine spent (ms: user, nice, system, irq, softirq of every core), from /proc/stat. */
async function machineCpu(): Promise<number> {
  const f = (await readFile('/proc/stat', 'utf8')).split('\n')[0]?.trim().split(/\s+/) ?? [];
  return [1, 2, 3, 6, 7].reduce((sum, i) => sum + Number(f[i]) * 10, 0);
}
/** utime+stime and its waited-for children's (ms), from /proc/PID/stat. */
async function cpuOf(pidFile: string): Promise<string> {
  const pid = (await readFile(pidFile, 'utf8').catch(() => '')).trim();
  if (!pid) return 'gateway (not running)';
  const f = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]?.split(' ') ?? [];
  const tick = (i: number) => Number(f[i - 2]) * 10;
  return `gateway ${tick(14) + tick(15)} ms, its processes ${tick(16) + tick(17)} ms`;
}
const dir = await mkdtemp(join(tmpdir(), 'paddock-timeline-'));
try {
  const spec = join(dir, 'spec.yml');
  const values = Array.from({ length: RUNS }, (_, i) => i + 1).join(', ');
  await writeFile(spec, `version: 1\nmatrix: { n: [${values}] }\nrun: echo hi\nconcurrency: 4\n`);
  t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const machine0 = await machineCpu();
  const results = await runEval({
    spec,
    resultsDir: join(dir, 'results'),
    sessionId: `tl-${randomBytes(3).toString('hex')}`,
    drivers,
  });
  const total = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const machine = (await machineCpu()) - machine0;
  console.log(
    `CPU: this process ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms, ${gatewayCpu}; the machine ${machine} ms (engine, kernel and anything else running)`,
  );
  const first = (p: string) => marks.filter(([n]) => n.startsWith(p)).sort((a, b) => a[1] - b[1]);
  const ms = (x: number | undefined) => `${(x ?? Number.NaN).toFixed(0)} ms`;
  console.log(`${root}: eval of ${RUNS}: ${ms(total)}, ${results.totals.passed} passed`);
  if (process.env.SHOW) console.log(JSON.stringify(results.runs?.[0] ?? results, null, 1).slice(0, 3000));
  for (const p of ['policy', 'image', 'session open', 'gateway ready', 'gateway stop', 'session close'])
    for (const [n, a, b] of first(p)) console.log(`  ${n.padEnd(16)} ${ms(a)} → ${ms(b)}`);
  const creates = first('create ');
  const runs = first('run ');
  const deletes = first('delete ');
  console.log(`  first create     ${ms(creates[0]?.[1])} → ${ms(creates[0]?.[2])}`);
  console.log(
    `  first 4 runs end ${runs
      .map((r) => r[2])
      .sort((a, b) => a - b)
      .slice(0, 4)
      .map(ms)
      .join(', ')}`,
  );
  console.log(`  last run ends    ${ms(Math.max(...runs.map((r) => r[2])))}`);
  console.log(`  last delete      ends ${ms(Math.max(...deletes.map((r) => r[2])))}`);
  const med = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  console.log(
    `  median create ${ms(med(creates.map((c) => c[2] - c[1])))}, run ${ms(med(runs.map((c) => c[2] - c[1])))}, delete ${ms(med(deletes.map((c) => c[2] - c[1])))}`,
  );
} finally {
  await rm(dir, { recursive: true, force: true });
}
