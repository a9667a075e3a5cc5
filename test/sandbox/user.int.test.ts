import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Policy } from '../../src/policy/types.js';
import { createSandbox } from '../../src/sandbox/index.js';
import { IMAGE, sh, testSession } from './fixture.js';

let session: string;
let cleanup: () => Promise<void>;
before(async () => ({ session, cleanup } = await testSession()));
after(() => cleanup());

const policy: Policy = {
  version: 1,
  source: 'inline',
  filesystem_policy: {
    include_workdir: true,
    // Landlock: what is not listed is inaccessible, so the image's system paths are named.
    read_only: ['/usr', '/bin', '/lib', '/lib64', '/etc'],
    read_write: ['/sandbox', '/tmp', '/dev/null', '/var/cache/app'],
  },
  landlock: { compatibility: 'best_effort' },
  process: { run_as_user: 1234 },
  network_policies: [],
};

test('process.run_as_user from the policy is used, and /sandbox and read_write paths are writable for it', async () => {
  const box = await createSandbox({ session, name: 'u1234', image: IMAGE, policy });
  const r = await sh(
    box,
    'id -u; id -g; touch /sandbox/a /var/cache/app/b /tmp/c && echo ok; touch /var/cache/x 2>&1',
  );
  assert.deepEqual(r.out.trim().split('\n').slice(0, 3), ['1234', '1234', 'ok']);
  assert.match(r.out, /Read-only file system/);
  assert.equal(box.user, '1234:1234');
});

test('/dev/shm becomes writable when read_write lists it', async () => {
  const shm: Policy = {
    ...policy,
    filesystem_policy: { ...policy.filesystem_policy, read_write: ['/dev/shm'] },
  };
  const box = await createSandbox({ session, name: 'shm', image: IMAGE, policy: shm });
  const r = await sh(box, 'echo x > /dev/shm/f && cat /dev/shm/f');
  assert.equal(r.out, 'x\n', r.err);
});

test('limits can be overridden', async () => {
  const box = await createSandbox({
    session,
    name: 'small',
    image: IMAGE,
    limits: { pids: 32, memoryBytes: 64 * 1024 ** 2, diskBytes: 16 * 1024 ** 2 },
  });
  const r = await sh(
    box,
    'cat /sys/fs/cgroup/pids/pids.max /sys/fs/cgroup/memory/memory.limit_in_bytes 2>/dev/null || cat /sys/fs/cgroup/pids.max /sys/fs/cgroup/memory.max',
  );
  assert.deepEqual(r.out.trim().split('\n'), ['32', String(80 * 1024 ** 2)], 'memory + disk');
});
