import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import {
  connectEngine,
  createSandbox,
  ensureNetwork,
  initBinary,
  type SandboxInfo,
} from '../../src/sandbox/index.js';
import { IMAGE, sh, testSession } from './fixture.js';

describe('sandbox hardening defaults, proven from inside', () => {
  let session: string;
  let cleanup: () => Promise<void>;
  let box: SandboxInfo;

  before(async () => {
    ({ session, cleanup } = await testSession());
    process.env.GITHUB_TOKEN = 'ghs_host_secret_must_not_leak';
    process.env.ACTIONS_RUNTIME_TOKEN = 'also_secret';
    box = await createSandbox({
      session,
      name: 'hard',
      run: 'r1',
      image: IMAGE,
      env: { GIVEN: 'yes' },
      proxy: { url: 'http://172.16.0.1:3128' },
    });
  });
  after(async () => {
    delete process.env.GITHUB_TOKEN;
    delete process.env.ACTIONS_RUNTIME_TOKEN;
    await cleanup();
  });

  test('writing under /usr fails: the root filesystem is read-only', async () => {
    const r = await sh(box, 'touch /usr/x');
    assert.notEqual(r.code, 0);
    assert.match(r.err, /Read-only file system/);
  });

  test('/sandbox is writable, is HOME and the working directory; /tmp is writable', async () => {
    const r = await sh(box, 'touch /sandbox/f /tmp/f && echo "$HOME $(pwd)"');
    assert.equal(r.code, 0, r.err);
    assert.equal(r.out.trim(), '/sandbox /sandbox');
  });

  test('/dev/shm is not writable (read-only unless the policy lists it)', async () => {
    const r = await sh(box, 'echo x > /dev/shm/f');
    assert.notEqual(r.code, 0);
    assert.match(r.err, /Read-only file system/);
  });

  test('runs as a non-root user', async () => {
    assert.equal((await sh(box, 'id -u')).out.trim(), '1000');
  });

  test('has no effective, permitted or bounding capabilities', async () => {
    const r = await sh(box, 'grep -E "^Cap(Eff|Prm|Bnd)" /proc/self/status');
    assert.deepEqual(
      r.out
        .trim()
        .split('\n')
        .map((l) => l.split(/\s+/)[1]),
      ['0000000000000000', '0000000000000000', '0000000000000000'],
    );
  });

  test('no-new-privileges is set', async () => {
    assert.match((await sh(box, 'grep NoNewPrivs /proc/self/status')).out, /NoNewPrivs:\s+1/);
  });

  test('the host environment does not leak (GITHUB_TOKEN set on the host is absent inside)', async () => {
    const r = await sh(box, 'env');
    assert.doesNotMatch(r.out, /GITHUB_TOKEN|ACTIONS_|ghs_host_secret/);
    assert.match(r.out, /^GIVEN=yes$/m);
    assert.match(r.out, /^HTTPS_PROXY=http:\/\/172\.16\.0\.1:3128$/m);
    assert.match(r.out, /^no_proxy=/m);
  });

  test('no docker socket anywhere in the usual places', async () => {
    const r = await sh(
      box,
      'ls /var/run/docker.sock /run/docker.sock 2>&1; grep -c docker.sock /proc/mounts',
    );
    assert.match(r.out, /No such file/);
    assert.equal(r.out.trim().split('\n').at(-1), '0');
  });

  test('IPv6 is off: sysctl set and no IPv6 address', async () => {
    const r = await sh(
      box,
      'cat /proc/sys/net/ipv6/conf/all/disable_ipv6; ip -6 addr | grep -c inet6 || true',
    );
    assert.deepEqual(r.out.trim().split('\n'), ['1', '0']);
  });

  test('a fork bomb hits the pids limit; the sandbox and the host survive', async () => {
    const r = await sh(box, 'bomb() { bomb | bomb & }; bomb; sleep 2; echo done', { timeoutMs: 4000 });
    assert.ok(r.timedOut || r.code !== null);
    const pids = await sh(
      box,
      'cd /sys/fs/cgroup/pids 2>/dev/null || cd /sys/fs/cgroup; cat pids.max pids.events',
    );
    const [max, events] = [pids.out.split('\n')[0], /max (\d+)/.exec(pids.out)?.[1]];
    assert.equal(max, '256', JSON.stringify(pids));
    assert.ok(Number(events) > 0, `the limit was hit: ${pids.out}`);
    assert.equal((await sh(box, 'echo alive')).out.trim(), 'alive');
    assert.equal(spawnSync('true').status, 0);
  });

  test('memory (1 GiB + 1 GiB for /sandbox), CPU, pids and disk limits are applied', async () => {
    const { docker } = await connectEngine();
    const host = (await docker.getContainer(box.id).inspect()).HostConfig;
    assert.deepEqual(
      [host.Memory, host.MemorySwap, host.NanoCpus, host.PidsLimit],
      [2 * 1024 ** 3, 2 * 1024 ** 3, 1e9, 256],
    );
    const df = await sh(box, 'df -k /sandbox | tail -1');
    assert.match(df.out, /^tmpfs\s+1048576\s/);
  });

  test('container carries the paddock labels and no bind mount but paddock-init, read-only', async () => {
    const { docker } = await connectEngine();
    const info = await docker.getContainer(box.id).inspect();
    assert.equal(info.Config.Labels['paddock.session'], session);
    assert.equal(info.Config.Labels['paddock.sandbox'], 'hard');
    assert.equal(info.Config.Labels['paddock.run'], 'r1');
    const binds = info.Mounts.filter((m) => m.Type === 'bind');
    assert.deepEqual(
      binds.map((m) => [m.Source, m.Destination, m.RW]),
      [[initBinary(), '/.paddock/init', false]],
    );
  });

  test('the session network is internal, without inter-container traffic, and labelled', async () => {
    const net = await ensureNetwork(session);
    const { docker } = await connectEngine();
    const info = await docker.getNetwork(net.id).inspect();
    assert.equal(info.Internal, true);
    assert.equal(info.EnableIPv6, false);
    assert.equal(info.Options?.['com.docker.network.bridge.enable_icc'], 'false');
    assert.equal(info.Labels?.['paddock.session'], session);
    assert.equal(box.bridgeIp, net.bridgeIp);
    assert.ok(box.ip.startsWith(net.bridgeIp.replace(/\.1$/, '.')));
    assert.ok(box.pid > 0 && box.resolvConfPath.endsWith('resolv.conf'));
  });
});
