// post after main was killed mid-run (SIGKILL: no cleanup of its own) on the real engine.
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { gatewayStatus } from '../../src/gateway/index.js';
import { connectEngine } from '../../src/sandbox/engine.js';
import { bootstrapImage } from '../../src/sandbox/image/bootstrap.js';
import { prune } from '../../src/sandbox/prune.js';
import { node24 } from './node24.js';
import { parseFileCommand, runStep } from './runner.js';

const node = node24();

async function containers(session: string, status?: 'running'): Promise<number> {
  const { docker } = await connectEngine();
  const filters = { label: [`paddock.session=${session}`], ...(status ? { status: [status] } : {}) };
  return (await docker.listContainers({ all: true, filters })).length;
}

async function leftovers(session: string): Promise<number> {
  const { docker } = await connectEngine();
  const filters = { label: [`paddock.session=${session}`] };
  const [n, v] = await Promise.all([docker.listNetworks({ filters }), docker.listVolumes({ filters })]);
  return (await containers(session)) + n.length + (v.Volumes ?? []).length;
}

describe('post after main crashed mid-run', { skip: node === null ? 'Node 24 unavailable' : false }, () => {
  const workspace = mkdtempSync(join(tmpdir(), 'paddock-crash-'));
  let session = '';
  after(async () => {
    if (session) await prune({ session }).catch(() => undefined);
    rmSync(workspace, { recursive: true, force: true });
  });

  test('leaves zero paddock resources and no gateway, and exits 0 within its bound', async () => {
    await bootstrapImage();
    writeFileSync(
      join(workspace, 'paddock.yml'),
      'version: 1\nimage: paddock/base:latest\npolicy: default\nmatrix:\n  n: [1, 2, 3]\nrun: sleep 120\ntimeout: 5m\n',
    );
    let child: ChildProcess | undefined;
    let statePath = '';
    const running = runStep(node as string, 'main', {
      cwd: workspace,
      timeoutMs: 120_000,
      onSpawn: (c, files) => {
        child = c;
        statePath = files.state;
      },
    });
    // Wait until the runs are under way: the session saved and its sandboxes running (an eval makes their
    // containers while its gateway starts, and starts them once it is ready).
    const deadline = Date.now() + 60_000;
    let saved: Record<string, string> = {};
    for (;;) {
      saved = statePath ? parseFileCommand(readFileSync(statePath, 'utf8')) : {};
      session = saved['paddock-session'] ? JSON.parse(saved['paddock-session']).sessionId : '';
      if (session && (await containers(session, 'running')) >= 3) break;
      assert.ok(Date.now() < deadline, 'the runs never started');
      await new Promise((r) => setTimeout(r, 250));
    }
    child?.kill('SIGKILL');
    const crashed = await running;
    assert.equal(crashed.signal, 'SIGKILL');
    const stateDir = JSON.parse(saved['paddock-session'] as string).stateDir;
    const status = await gatewayStatus(stateDir);
    assert.equal(status.running, true, 'the crash left the gateway running');
    assert.ok((await leftovers(session)) >= 4);

    const post = await runStep(node as string, 'post', {
      cwd: workspace,
      state: saved,
      env: { PADDOCK_POST_TIMEOUT_MS: '60000' },
      timeoutMs: 90_000,
    });
    assert.equal(post.code, 0, post.stdout + post.stderr);
    assert.ok(post.ms < 65_000, `post took ${post.ms} ms`);
    // The 3 sandboxes, and any scratch container that was copying an image's /sandbox in when main died.
    const removed = /gateway stopped; removed (\d+) containers, 1 network,/.exec(post.stdout);
    assert.ok(removed && Number(removed[1]) >= 3, post.stdout);
    assert.equal(await leftovers(session), 0);
    assert.equal((await gatewayStatus(stateDir)).running, false);
  });
});
