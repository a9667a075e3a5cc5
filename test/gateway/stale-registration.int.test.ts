// A sandbox that disappears without `delete` (docker rm -f, a crash) leaves its registration behind. Docker
// hands its address to a later container (after the allocator wraps, or an engine restart; these tests
// force it with `--ip`): that container must never be judged under the old policy nor logged under the old name.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { bootstrapImage, DEFAULT_IMAGE } from '../../src/sandbox/image/bootstrap.js';
import {
  connectEngine,
  createSandbox,
  getSandbox,
  LABEL,
  networkName,
  type SandboxInfo,
} from '../../src/sandbox/index.js';
import { fenceHook } from '../../src/session/index.js';
import { type GatewaySession, openGatewaySession, policyOf, pyDns } from './fixture.js';

/** A policy whose only allowed name is `host` (DNS answers depend on the name alone). */
const only = (host: string) =>
  policyOf(`
version: 1
network_policies:
  only:
    name: only-${host}
    endpoints:
      - { host: ${host}, port: 443 }
    binaries:
      - path: /usr/bin/python3*
`);

async function removeWithoutDelete(box: SandboxInfo): Promise<void> {
  const { docker } = await connectEngine();
  await docker.getContainer(box.id).remove({ force: true });
}

describe('stale registrations (a sandbox removed without delete)', () => {
  let gw: GatewaySession;

  before(async () => {
    await bootstrapImage();
    gw = await openGatewaySession([]);
  });
  after(async () => {
    await gw?.close();
  });

  test('a new sandbox registered at a dead one’s address is judged by its own policy, under its own name', async () => {
    const old = await gw.sandbox('stale-old', only('old-only.test'));
    await removeWithoutDelete(old);
    const { docker } = await connectEngine();
    const network = docker.getNetwork(networkName(gw.session));
    const policy = only('new-only.test');
    await createSandbox(
      {
        session: gw.session,
        name: 'stale-new',
        run: 'stale-new',
        image: DEFAULT_IMAGE,
        policy,
        proxy: { url: gw.gateway.proxyUrl, noProxy: gw.gateway.noProxy },
      },
      {
        // The address comes free again: the new sandbox gets it before its registration (and fence).
        beforeUserCode: async (info) => {
          await network.disconnect({ Container: info.id, Force: true });
          await network.connect({
            Container: info.id,
            EndpointConfig: { IPAMConfig: { IPv4Address: old.ip } },
          });
          return fenceHook(gw.client, policy)({ ...info, ip: old.ip });
        },
      },
    );
    const info = await getSandbox(gw.session, 'stale-new');
    assert.equal(info.ip, old.ip, 'the test must reuse the address');
    const oldName = await gw.exec(info, pyDns('old-only.test', gw.bridgeIp, 1, false));
    const newName = await gw.exec(info, pyDns('new-only.test', gw.bridgeIp, 1, false));
    assert.match(oldName.out, /rcode 3 answers 0/, `the old sandbox's name must be NXDOMAIN: ${oldName.out}`);
    assert.match(newName.out, /rcode 0 answers 1/, newName.out);
    const mine = await gw.client.events({ sandbox: 'stale-new' });
    assert.ok(
      mine.some((e) => e.layer === 'dns' && e.action === 'deny' && e.host === 'old-only.test'),
      `the denial is logged under the new name: ${JSON.stringify(mine)}`,
    );
    assert.deepEqual(
      await gw.client.events({ sandbox: 'stale-old' }),
      [],
      'nothing is logged under the old name',
    );
    assert.deepEqual((await gw.client.health()).sandboxes, ['stale-new']);
  });

  test('a decision from a dead sandbox’s address is denied, with an event saying why', async () => {
    const dead = await gw.sandbox('stale-dead', only('dead-only.test'));
    await removeWithoutDelete(dead);
    // Any container that later holds the address, fenced or not, registered or not.
    const { docker } = await connectEngine();
    const net = networkName(gw.session);
    const stranger = await docker.createContainer({
      Image: DEFAULT_IMAGE,
      Entrypoint: ['sh', '-c'],
      Cmd: [pyDns('dead-only.test', gw.bridgeIp, 1, false, gw.gateway.ports.dns)], // unfenced: the port itself
      Labels: { [LABEL.session]: gw.session },
      HostConfig: { NetworkMode: net, AutoRemove: false },
      NetworkingConfig: { EndpointsConfig: { [net]: { IPAMConfig: { IPv4Address: dead.ip } } } },
    });
    try {
      await stranger.start();
      await stranger.wait();
      const out = (await stranger.logs({ stdout: true, stderr: true })).toString('latin1');
      assert.match(out, /rcode 5 answers 0/, `answered under the dead sandbox's policy: ${out}`);
    } finally {
      await stranger.remove({ force: true });
    }
    const events = await gw.client.events();
    const why = events.find((e) => e.layer === 'dns' && e.action === 'deny' && /stale-dead/.test(e.reason));
    assert.ok(why, `no deny event: ${JSON.stringify(events.slice(-3))}`);
    assert.equal(why.sandbox, null, 'the event must not carry the dead sandbox’s name');
    assert.match(
      why.reason,
      new RegExp(
        `^stale registration: ${dead.ip.replaceAll('.', '\\.')} was sandbox stale-dead \\(container ${dead.id.slice(0, 12)}\\), whose holder pid ${dead.pid} is gone`,
      ),
    );
    assert.ok(!(await gw.client.health()).sandboxes.includes('stale-dead'), 'the registration is reaped');
  });
});
