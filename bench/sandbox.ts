// Sandbox create→ready and prune for 32 sandboxes, beside plain `docker run --rm` of the same image.
// Run: npx tsx bench/sandbox.ts [count]
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { bootstrapImage } from '../src/sandbox/image/bootstrap.js';
import { createSandbox, ensureNetwork, prune } from '../src/sandbox/index.js';

const run = promisify(execFile);
const COUNT = Number(process.argv[2] ?? 32);
const IMAGE = 'paddock/base:latest';

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
}

async function timed<T>(f: () => Promise<T>): Promise<number> {
  const t = performance.now();
  await f();
  return performance.now() - t;
}

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

  const row = (name: string, ours: number, theirs: number): string =>
    `${name.padEnd(28)} ${ours.toFixed(0).padStart(8)} ms ${theirs.toFixed(0).padStart(10)} ms ${(ours / theirs).toFixed(2).padStart(7)}x`;
  console.log(
    `engine: docker ${(await run('docker', ['version', '-f', '{{.Server.Version}}'])).stdout.trim()}, ${COUNT} sandboxes, image ${IMAGE}`,
  );
  console.log(
    `${'metric'.padEnd(28)} ${'paddock'.padStart(11)} ${'docker run'.padStart(13)} ${'ratio'.padStart(8)}`,
  );
  console.log(row('create→ready p50', quantile(sandbox, 0.5), quantile(docker, 0.5)));
  console.log(row('create→ready p95', quantile(sandbox, 0.95), quantile(docker, 0.95)));
  console.log(row(`prune ${COUNT} (vs docker rm -f)`, pruneMs, rmMs));
  console.log(
    `concurrent create of ${COUNT} at concurrency 8: ${wall.toFixed(0)} ms wall (${(wall / COUNT).toFixed(0)} ms/sandbox)`,
  );
  console.log(
    'paddock create→ready = hardened create + start + inspect + uid/volume checks (fence hook: none);',
  );
  console.log('docker run = `docker run --rm IMAGE true` (CLI spawn, create, start, exit, remove).');
}

await main();
