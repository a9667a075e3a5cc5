// A/B of one eval size: the eval with each named setup, and `xargs -P<c> docker run --rm --network <internal>`,
// interleaved per repetition; medians of the eval's wall time and its once-per-eval phases.
// Setups: `bundle` (dist/gateway.js), `source` (the gateway through tsx); `-cold` after either forgets the base
// image's remembered fingerprint first (a first eval, or one after the host changed).
// Run: npx tsx bench/eval-ab.ts [runs] [repeats] [setup,setup…]
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { runEval } from '../src/eval/index.js';
import { realDrivers } from '../src/eval/session.js';
import { bootstrapImage, DEFAULT_IMAGE } from '../src/sandbox/image/bootstrap.js';
import { cacheFile } from '../src/sandbox/image/fingerprint-cache.js';
import { median } from './lib.js';
import { timedDrivers } from './phases.js';

const exec = promisify(execFile);
const RUNS = Number(process.argv[2] ?? 32);
const REPEATS = Number(process.argv[3] ?? 3);
const SETUPS = (process.argv[4] ?? 'source,bundle').split(',');
const CONCURRENCY = 4;

async function setup(name: string): Promise<void> {
  const [gateway, cold] = name.split('-');
  if (gateway === 'source') delete process.env.PADDOCK_GATEWAY_BUNDLE;
  else if (gateway === 'bundle') process.env.PADDOCK_GATEWAY_BUNDLE = resolve('dist/gateway.js');
  else throw new Error(`unknown setup ${name}`);
  if (cold === 'cold') await rm(cacheFile(DEFAULT_IMAGE), { force: true });
  else if (cold !== undefined) throw new Error(`unknown setup ${name}`);
}

async function main(): Promise<void> {
  await bootstrapImage();
  const dir = await mkdtemp(join(tmpdir(), 'paddock-bench-'));
  const net = `paddock-bench-${randomBytes(3).toString('hex')}`;
  await exec('docker', ['network', 'create', '--internal', '--label', `paddock.session=${net}`, net]);
  const spec = join(dir, 'bench.yml');
  const values = Array.from({ length: RUNS }, (_, i) => i + 1).join(', ');
  await writeFile(
    spec,
    `version: 1\nmatrix: { n: [${values}] }\nrun: echo hi\nconcurrency: ${CONCURRENCY}\n`,
  );
  const rows = new Map<string, number[]>();
  const add = (k: string, v: number) => rows.set(k, [...(rows.get(k) ?? []), v]);
  try {
    for (let r = 0; r < REPEATS; r++) {
      for (const name of SETUPS) {
        await setup(name);
        const phases = new Map<string, number[]>();
        const t0 = performance.now();
        const results = await runEval({
          spec,
          resultsDir: join(dir, `results-${randomBytes(3).toString('hex')}`),
          sessionId: `bench-${randomBytes(3).toString('hex')}`,
          drivers: timedDrivers(realDrivers, phases),
        });
        add(`${name} eval`, performance.now() - t0);
        if (results.totals.passed !== RUNS) console.log(`  ${name}: ${results.totals.passed}/${RUNS} passed`);
        for (const p of ['image check (once)', 'session open (once)'])
          add(`${name} ${p}`, phases.get(p)?.[0] ?? Number.NaN);
      }
      const t0 = performance.now();
      await exec('sh', [
        '-c',
        `seq ${RUNS} | xargs -P${CONCURRENCY} -I{} docker run --rm --network ${net} ${DEFAULT_IMAGE} sh -c 'echo hi' >/dev/null`,
      ]);
      add('docker run (internal)', performance.now() - t0);
      console.log(`rep ${r + 1} done (load ${(await exec('cat', ['/proc/loadavg'])).stdout.trim()})`);
    }
    for (const [k, v] of rows)
      console.log(
        `${k.padEnd(36)} median ${median(v).toFixed(0).padStart(6)} ms   [${v.map((x) => x.toFixed(0)).join(', ')}]`,
      );
  } finally {
    await exec('docker', ['network', 'rm', net]).catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
