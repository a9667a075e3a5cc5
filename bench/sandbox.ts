// Sandbox create→ready and prune for 32 sandboxes, beside plain `docker run --rm` of the same image.
// Run: npx tsx bench/sandbox.ts [count]
import { randomBytes } from 'node:crypto';
import { bootstrapImage } from '../src/sandbox/image/bootstrap.js';
import { createSandbox, ensureNetwork, prune } from '../src/sandbox/index.js';
import { ms, printTable, quantile, ratio, run, timed } from './lib.js';

const COUNT = Number(process.argv[2] ?? 32);
const IMAGE = 'paddock/base:latest';

async function main(): Promise<void> {
  await bootstrapImage();
  const session = `bench-${randomBytes(3).toString('hex')}`;
  await ensureNetwork(session); // one per session, made once; not part of each create
  await createSandbox({ session, name: 'warm', image: IMAGE }); // warm caches on both sides
  await run('docker', ['run', '--rm', IMAGE, 'true']);

  // Interleaved, so both sides see the same machine load.
  const sandbox: number[] = [];
  const docker: number[] = [];
  for (let i = 0; i < COUNT; i++) {
    sandbox.push(await timed(() => createSandbox({ session, name: `s${i}`, image: IMAGE })));
    docker.push(await timed(() => run('docker', ['run', '--rm', IMAGE, 'true'])));
  }
  const pruneMs = await timed(() => prune({ session }));

  const ids: string[] = [];
  for (let i = 0; i < COUNT; i++)
    ids.push((await run('docker', ['run', '-d', IMAGE, 'sleep', '600'])).stdout.trim());
  const rmMs = await timed(() => run('docker', ['rm', '-f', ...ids]));

  const concurrentSession = `${session}-c`;
  await ensureNetwork(concurrentSession);
  const wall = await timed(async () => {
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < COUNT)
        await createSandbox({ session: concurrentSession, name: `c${next++}`, image: IMAGE });
    };
    await Promise.all(Array.from({ length: 8 }, worker));
  });
  await prune({ session: concurrentSession });

  const p50 = quantile(sandbox, 0.5);
  const vs = (ours: number, theirs: number) => ({ paddock: ms(ours), ratio: ratio(ours, theirs) });
  printTable([
    {
      metric: `sandbox create → ready, p50 of ${COUNT}`,
      ...vs(p50, quantile(docker, 0.5)),
      baseline: `${ms(quantile(docker, 0.5))} docker run --rm`,
      target: '≤ 400 ms',
      met: p50 <= 400,
    },
    {
      metric: `sandbox create → ready, p95 of ${COUNT}`,
      ...vs(quantile(sandbox, 0.95), quantile(docker, 0.95)),
      baseline: `${ms(quantile(docker, 0.95))} docker run --rm`,
      target: '–',
      met: null,
    },
    {
      metric: `prune of ${COUNT} sandboxes`,
      ...vs(pruneMs, rmMs),
      baseline: `${ms(rmMs)} docker rm -f`,
      target: '≤ 3 s',
      met: pruneMs <= 3000,
    },
    {
      metric: `concurrent create of ${COUNT} at concurrency 8 (wall)`,
      paddock: ms(wall),
      baseline: '–',
      ratio: '–',
      target: '–',
      met: null,
    },
  ]);
  console.log(
    '\npaddock create→ready = hardened create + start + inspect + uid/volume checks (no gateway: see bench/gateway.ts for fenced);',
  );
  console.log('docker run = `docker run --rm IMAGE true` (CLI spawn, create, start, exit, remove).');
}

await main();
