// A fenced sandbox has no engine endpoint (network mode none): the gateway joins it to the session bridge with a
// veth pair and an address from its part of the /24. Two sandboxes get two addresses there, each is fenced and
// attributed by its own, `sandbox get` reads the address from the sandbox, and a gateway started again for the
// session does not hand out an address a sandbox of the earlier gateway still holds (the bridge's ports say).
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { after, before, test } from 'node:test';
import { addressesOnBridge, bridgeInterface } from '../../src/gateway/plumbing.js';
import { parsePolicy } from '../../src/policy/index.js';
import { bootstrapImage, DEFAULT_IMAGE } from '../../src/sandbox/image/bootstrap.js';
import { connectEngine, execInSandbox, getSandbox } from '../../src/sandbox/index.js';
import { gatewayHostsOf } from '../../src/sandbox/subnet.js';
import { closeSession, Session } from '../../src/session/index.js';
import { waitFor } from '../fault/fixture.js';

const policy = parsePolicy('version: 1\n', '<test>').policy;
let dir: string;

before(async () => {
  await bootstrapImage();
  dir = await mkdtemp(join(tmpdir(), 'paddock-plumb-'));
});
after(() => rm(dir, { recursive: true, force: true }));

async function sh(info: Parameters<typeof execInSandbox>[0], command: string) {
  let out = '';
  const r = await execInSandbox(info, {
    command,
    timeoutMs: 20_000,
    stdout: new Writable({
      write(chunk: Buffer, _encoding, done) {
        out += chunk.toString();
        done();
      },
    }),
  });
  return { code: r.exitCode, out };
}

test('sandboxes are joined by the gateway: own addresses from its range, fenced, attributed, shown by get', {
  timeout: 180_000,
}, async () => {
  const id = `t-plumb-${randomBytes(3).toString('hex')}`;
  let session = await Session.open({ id, stateDir: join(dir, id), exclusive: true });
  try {
    const gateway = await session.ready();
    const bridgeIp = new URL(gateway.proxyUrl).hostname;
    const range = new Set(gatewayHostsOf(bridgeIp));
    const [a, b] = await Promise.all(
      ['a', 'b'].map((name) => session.createSandbox({ name, image: DEFAULT_IMAGE, policy })),
    );
    assert.ok(a && b);
    assert.notEqual(a.ip, b.ip);
    for (const s of [a, b]) {
      assert.ok(range.has(s.ip), `${s.ip} is in the gateway's part of the /24`);
      const inspect = await (await connectEngine()).docker.getContainer(s.id).inspect();
      assert.equal(inspect.HostConfig.NetworkMode, 'none', 'no engine endpoint');
      assert.equal((await getSandbox(id, s.name)).ip, s.ip, 'sandbox get reads the address from the sandbox');
      const ip = await sh(s, 'ip -4 -o addr show eth0');
      assert.match(ip.out, new RegExp(` ${s.ip.replaceAll('.', '\\.')}/24 `), ip.out);
      const named = await sh(s, 'grep -w "$(hostname)" /etc/hosts');
      assert.match(named.out, new RegExp(`^${s.ip.replaceAll('.', '\\.')}\\s`), `its own name: ${named.out}`);
      // Fenced: a denied destination is refused by the gateway and recorded with this sandbox's name.
      const denied = await sh(s, 'wget -q -T 5 -O- http://denied.test/ 2>&1; echo "exit $?"');
      assert.match(denied.out, /exit [1-9]/, denied.out);
    }
    const events = await session.client.events();
    for (const name of ['a', 'b'])
      assert.ok(
        events.some((e) => e.sandbox === name && e.host === 'denied.test' && e.action === 'deny'),
        `${name} attributed by its own address: ${JSON.stringify(events.map((e) => [e.sandbox, e.host]))}`,
      );
    const bridge = await bridgeInterface(bridgeIp);
    assert.deepEqual(
      (await addressesOnBridge(bridge, bridgeIp)).sort(),
      [a.ip, b.ip].sort(),
      `ports of ${bridge}: ${(await readdir(`/sys/class/net/${bridge}/brif`)).join(', ')}`,
    );

    // The gateway goes (as after a crash) while both sandboxes still run; a new one for the session must not
    // hand out their addresses, though it starts its turn again at the first.
    process.kill(gateway.pid, 'SIGKILL');
    const gone = () => {
      try {
        process.kill(gateway.pid, 0);
        return false;
      } catch (error) {
        return (error as NodeJS.ErrnoException).code === 'ESRCH';
      }
    };
    assert.ok(await waitFor(gone, 10_000), 'the killed gateway is gone');
    session = await Session.open({ id, stateDir: join(dir, id) });
    assert.notEqual((await session.ready()).pid, gateway.pid, 'a new gateway');
    const c = await session.createSandbox({ name: 'c', image: DEFAULT_IMAGE, policy });
    assert.ok(range.has(c.ip));
    assert.ok(![a.ip, b.ip].includes(c.ip), `${c.ip} is held by a or b`);
  } finally {
    // The session is wholly this test's: the reattached handle does not own the gateway it started (a and b,
    // made by the first handle, keep it running), so the whole session is closed, gateway included.
    const report = await closeSession({ id, stateDir: join(dir, id) }, { removeState: true });
    assert.deepEqual(report.problems, []);
    assert.notEqual(report.gateway, 'running');
  }
});

test("an owned session's network goes with its gateway, while its sandboxes (no endpoint) are still there", {
  timeout: 120_000,
}, async () => {
  const id = `t-unplug-${randomBytes(3).toString('hex')}`;
  const session = await Session.open({ id, stateDir: join(dir, id), exclusive: true });
  try {
    const a = await session.createSandbox({ name: 'a', image: DEFAULT_IMAGE, policy });
    const { docker } = await connectEngine();
    const named = async () => (await docker.listNetworks()).filter((n) => n.Name === `paddock-${id}`);
    assert.equal((await named()).length, 1);
    await session.stopOwnGateway();
    assert.deepEqual(await named(), [], 'the network is gone at once');
    assert.equal(
      (await docker.getContainer(a.id).inspect()).State.Running,
      true,
      'the sandbox is still there',
    );
  } finally {
    const report = await session.close();
    assert.deepEqual(report.problems, []);
    assert.equal(report.removed?.containers, 1);
  }
});
