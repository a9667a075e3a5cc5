import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { isPaddockError } from '../../src/common/errors.js';
import {
  connectEngine,
  createSandbox,
  deleteSandbox,
  getSandbox,
  listSandboxes,
  restartSandbox,
  type SandboxInfo,
} from '../../src/sandbox/index.js';
import { IMAGE, sh, testSession } from './fixture.js';

describe('named sandboxes sharing volumes', () => {
  let session: string;
  let cleanup: () => Promise<void>;
  const boxes = new Map<string, SandboxInfo>();
  const fenced: string[] = [];
  const hooks = {
    beforeUserCode: async (info: SandboxInfo) => void fenced.push(`${info.name}@${info.id.slice(0, 12)}`),
  };

  before(async () => {
    ({ session, cleanup } = await testSession());
    const lanes: [string, boolean][] = [
      ['planner', false],
      ['executor', true],
      ['critic', true],
    ];
    const made = await Promise.all(
      lanes.map(([name, readOnly]) =>
        createSandbox(
          { session, name, image: IMAGE, volumes: [{ name: 'plan', path: '/plan', readOnly }] },
          hooks,
        ),
      ),
    );
    for (const box of made) boxes.set(box.name, box);
  });
  after(() => cleanup());

  test('the fence hook ran once per sandbox, before it was handed out', () => {
    assert.equal(fenced.length, 3);
  });

  test('the planner writes the shared volume; executor and critic read it but cannot write', async () => {
    const planner = boxes.get('planner') as SandboxInfo;
    assert.equal((await sh(planner, 'echo step-1 > /plan/plan.txt')).code, 0);
    for (const name of ['executor', 'critic']) {
      const box = boxes.get(name) as SandboxInfo;
      assert.equal((await sh(box, 'cat /plan/plan.txt')).out, 'step-1\n');
      const w = await sh(box, 'echo x > /plan/other.txt');
      assert.notEqual(w.code, 0);
      assert.match(w.err, /Read-only file system/);
    }
  });

  test('restarting one sandbox keeps the other two running and the shared data intact', async () => {
    const executor = boxes.get('executor') as SandboxInfo;
    await sh(executor, 'echo mine > /sandbox/keep.txt && sleep 1000 > /dev/null 2>&1 &');
    const others = ['planner', 'critic'].map((n) => boxes.get(n) as SandboxInfo);
    const before = await Promise.all(others.map((b) => getSandbox(session, b.name)));
    const fresh = await restartSandbox(session, 'executor', hooks);
    assert.notEqual(fresh.id, executor.id);
    assert.equal(fresh.name, 'executor');
    assert.equal(fenced.length, 4, 'the fence hook ran again');
    assert.equal((await sh(fresh, 'cat /plan/plan.txt /sandbox/keep.txt')).out, 'step-1\nmine\n');
    assert.equal(
      (await sh(fresh, 'ps -o args | grep -c "^sleep 1000" || true')).out.trim(),
      '0',
      'processes are fresh',
    );
    assert.notEqual((await sh(fresh, 'echo x > /plan/x')).code, 0, 'still read-only');
    const afterwards = await Promise.all(others.map((b) => getSandbox(session, b.name)));
    for (const [i, state] of afterwards.entries()) {
      assert.equal(state.state, 'running');
      assert.equal(state.id, before[i]?.id);
      assert.equal(state.pid, before[i]?.pid, 'same holder process, untouched');
    }
    boxes.set('executor', fresh);
  });

  test('listSandboxes finds the session by labels, with state', async () => {
    const list = await listSandboxes(session);
    assert.deepEqual(
      list.map((s) => [s.name, s.state]),
      [
        ['critic', 'running'],
        ['executor', 'running'],
        ['planner', 'running'],
      ],
    );
  });

  test('a second sandbox with the same name is refused', async () => {
    await assert.rejects(createSandbox({ session, name: 'critic', image: IMAGE }), (e) =>
      isPaddockError(e, 'SANDBOX_EXISTS'),
    );
  });

  test('a failing fence hook removes the container and throws FENCE_FAILED', async () => {
    const { docker } = await connectEngine();
    let seen: SandboxInfo | undefined;
    await assert.rejects(
      createSandbox(
        { session, name: 'unfenced', image: IMAGE },
        {
          beforeUserCode: async (info) => {
            seen = info;
            throw new Error('iptables exploded');
          },
        },
      ),
      (e) => isPaddockError(e, 'FENCE_FAILED') && (e as Error).cause instanceof Error,
    );
    assert.ok(seen);
    await assert.rejects(docker.getContainer(seen.id).inspect(), /no such container/i);
  });

  // Exec before the fence is in is refused by the session layer, which owns readiness (on disk, across
  // processes): test/session/ready.int.test.ts. The sandbox layer's exec is the session's tool, not a guard.

  test('deleteSandbox removes one sandbox and its own volume, not the shared one', async () => {
    const { docker } = await connectEngine();
    await deleteSandbox(session, 'critic');
    await assert.rejects(getSandbox(session, 'critic'), (e) => isPaddockError(e, 'SANDBOX_NOT_FOUND'));
    const volumes = (
      await docker.listVolumes({ filters: { label: [`paddock.session=${session}`] } })
    ).Volumes.map((v) => v.Name);
    assert.ok(!volumes.some((v) => v.includes('-critic.')));
    assert.ok(volumes.some((v) => v.endsWith('.shared.plan')));
  });
});
