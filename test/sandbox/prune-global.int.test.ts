// The one test that prunes every paddock resource on the engine (not just its own session).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { after, test } from 'node:test';
import { connectEngine, prune } from '../../src/sandbox/index.js';
import { IMAGE, testSession } from './fixture.js';

// It removes every session's resources on the engine, so it runs only where the engine is CI's own.
const enabled = process.env.PADDOCK_PRUNE_GLOBAL === '1';
const skip = enabled
  ? false
  : "set PADDOCK_PRUNE_GLOBAL=1 (removes every session's resources on the engine; CI sets it)";

const foreign = { 'test.owner': `paddock-prune-test-${randomBytes(3).toString('hex')}` };
const foreignFilter = { label: [`test.owner=${foreign['test.owner']}`] };

after(async () => {
  if (!enabled) return;
  const { docker } = await connectEngine();
  for (const c of await docker.listContainers({ all: true, filters: foreignFilter }))
    await docker.getContainer(c.Id).remove({ force: true });
  for (const v of (await docker.listVolumes({ filters: foreignFilter })).Volumes)
    await docker.getVolume(v.Name).remove();
  for (const n of await docker.listNetworks({ filters: foreignFilter }))
    await docker.getNetwork(n.Id).remove();
});

async function paddockResources(): Promise<{ containers: number; volumes: number; networks: number }> {
  const { docker } = await connectEngine();
  const filters = { label: ['paddock.session'] };
  const [c, v, n] = await Promise.all([
    docker.listContainers({ all: true, filters }),
    docker.listVolumes({ filters }),
    docker.listNetworks({ filters }),
  ]);
  return { containers: c.length, volumes: v.Volumes.length, networks: n.length };
}

test('prune after a crash mid-run leaves no paddock resources and spares everything else', {
  skip,
}, async () => {
  const { docker } = await connectEngine();
  const { session } = await testSession();
  const outsider = await docker.createContainer({
    Image: IMAGE,
    Cmd: ['sleep', '600'],
    Labels: foreign,
    User: '1000',
  });
  await outsider.start();
  await docker.createVolume({ Name: `${foreign['test.owner']}-vol`, Labels: foreign });
  await docker.createNetwork({ Name: `${foreign['test.owner']}-net`, Labels: foreign, Internal: true });

  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'test/sandbox/fixtures/crash-child.ts', session],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (b: Buffer) => b.toString().includes('ready') && resolve());
    child.once('exit', (code) => reject(new Error(`child exited early (${code})`)));
  });
  await new Promise((r) => setTimeout(r, 700)); // let it get into the middle of another create
  child.kill('SIGKILL');
  await new Promise((r) => child.once('exit', r));

  const left = await paddockResources();
  assert.ok(
    left.containers >= 2 && left.networks >= 1,
    `the crash left resources behind: ${JSON.stringify(left)}`,
  );
  const started = Date.now();
  const removed = await prune();
  const ms = Date.now() - started;
  assert.ok(removed.containers >= 2, JSON.stringify(removed));
  assert.deepEqual(await paddockResources(), { containers: 0, volumes: 0, networks: 0 });
  assert.deepEqual(await prune(), { containers: 0, volumes: 0, networks: 0 }, 'safe to run twice');
  assert.ok(ms < 30000, `prune took ${ms} ms`);

  assert.equal((await outsider.inspect()).State.Running, true, 'a non-paddock container survives');
  assert.equal((await docker.listVolumes({ filters: foreignFilter })).Volumes.length, 1);
  assert.equal((await docker.listNetworks({ filters: foreignFilter })).length, 1);
});
