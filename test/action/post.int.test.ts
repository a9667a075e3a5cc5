// post, bundled and run under Node 24, cleans up after a main that crashed mid-run. Needs Docker.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { connectEngine } from '../../src/sandbox/engine.js';
import { bootstrapImage, DEFAULT_IMAGE } from '../../src/sandbox/image/bootstrap.js';
import { labelFilter } from '../../src/sandbox/names.js';
import { prune } from '../../src/sandbox/prune.js';
import { node24 } from './node24.js';
import { runStep } from './runner.js';

const node = node24();

async function leftovers(session: string): Promise<number> {
  const { docker } = await connectEngine();
  const filters = labelFilter(session);
  const [c, n, v] = await Promise.all([
    docker.listContainers({ all: true, filters }),
    docker.listNetworks({ filters }),
    docker.listVolumes({ filters }),
  ]);
  return c.length + n.length + (v.Volumes ?? []).length;
}

/** What a main killed mid-run leaves: a network, a volume, a running sandbox, a gateway process. */
async function crashedSession(session: string): Promise<{ gatewayPid: number }> {
  await bootstrapImage();
  const { docker } = await connectEngine();
  const labels = { 'paddock.session': session, 'paddock.sandbox': 'eval-a', 'paddock.run': 'a' };
  await docker.createNetwork({ Name: `paddock-${session}`, Internal: true, Labels: labels });
  await docker.createVolume({ Name: `paddock-${session}-eval-a.sandbox`, Labels: labels });
  const container = await docker.createContainer({
    name: `paddock-${session}-eval-a`,
    Image: DEFAULT_IMAGE,
    Cmd: ['sleep', '600'],
    Labels: labels,
    HostConfig: { NetworkMode: `paddock-${session}`, Binds: [`paddock-${session}-eval-a.sandbox:/sandbox`] },
  });
  await container.start();
  const gateway = spawn('sleep', ['600'], { detached: true, stdio: 'ignore' });
  gateway.unref();
  return { gatewayPid: gateway.pid as number };
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('post after a crashed main', { skip: node === null ? 'Node 24 unavailable' : false }, () => {
  const session = `t-${randomBytes(4).toString('hex')}`;
  after(() => prune({ session }));

  test('leaves zero resources of the session, stops the gateway, and exits 0 within its bound', async () => {
    const { gatewayPid } = await crashedSession(session);
    assert.equal(await leftovers(session), 3);
    // As the gateway module leaves it: the pid file in the session's state folder.
    const stateDir = mkdtempSync(join(tmpdir(), 'paddock-state-'));
    writeFileSync(join(stateDir, 'gateway.pid'), `${gatewayPid}\n`);
    const state = { sessionId: session, gatewayPid: null, stateDir, resultsDir: join(stateDir, 'results') };
    const step = await runStep(node as string, 'post', {
      cwd: stateDir,
      state: { 'paddock-session': JSON.stringify(state) },
      env: { PADDOCK_POST_TIMEOUT_MS: '30000' },
    });
    assert.equal(step.code, 0, step.stdout + step.stderr);
    assert.ok(step.ms < 35_000, `post took ${step.ms} ms`);
    assert.equal(await leftovers(session), 0);
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(alive(gatewayPid), false, 'the gateway process is gone');
    assert.ok(!step.commands.some((c) => c.command === 'error'), 'cleanup never fails the job');
  });

  test('a second post finds nothing and still exits 0', async () => {
    const stateDir = mkdtempSync(join(tmpdir(), 'paddock-state-'));
    const state = { sessionId: session, gatewayPid: null, stateDir, resultsDir: stateDir };
    const step = await runStep(node as string, 'post', {
      cwd: stateDir,
      state: { 'paddock-session': JSON.stringify(state) },
    });
    assert.equal(step.code, 0);
    assert.match(step.stdout, /removed 0 containers, 0 networks, 0 volumes/);
  });
});
