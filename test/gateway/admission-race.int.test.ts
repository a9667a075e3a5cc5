// No legitimate connection is denied: many transparent connections from an allowed binary, one after
// another and many at once, all get through and none is logged as "client socket not found".
// PADDOCK_STORM sets the count (CI: 2,000 each; bench/admission.ts runs 100,000).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { bootstrapImage } from '../../src/sandbox/image/bootstrap.js';
import type { SandboxInfo } from '../../src/sandbox/types.js';
import { type GatewaySession, openGatewaySession, policyOf } from './fixture.js';
import { parseStorm, STORM } from './storm.js';

const COUNT = Number(process.env.PADDOCK_STORM ?? 2000);

const POLICY = (port: number) => `
version: 1
network_policies:
  node_api:
    name: node-api
    endpoints:
      - { host: storm.test, port: ${port} }
      - { host: other.test, port: ${port} }
    binaries:
      - path: /usr/bin/node
      - path: /usr/local/bin/node
      - path: /usr/bin/python3*
`;

describe(`transparent admission under load (${COUNT} connections each way)`, () => {
  let gw: GatewaySession;
  let box: SandboxInfo;
  before(async () => {
    await bootstrapImage();
    gw = await openGatewaySession(['storm.test', 'other.test']);
    box = await gw.sandbox('storm', policyOf(POLICY(gw.upstreamPort)));
  });
  after(async () => {
    await gw?.close();
  });

  // The kernel reuses a source port for another destination while the first connection's conntrack entry
  // lingers; with one transparent port both map to the same reply tuple and NAT rewrote the source port.
  test('one source port, two destinations one after the other: both allowed', async () => {
    const r = await gw.exec(
      box,
      `python3 - <<'EOF'
import socket
for host in ['storm.test', 'other.test']:
    s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind(('', 40123))
    s.connect((host, ${gw.upstreamPort})); s.sendall(b'GET / HTTP/1.0\\r\\n\\r\\n')
    print(host, s.recv(12)); s.close()
EOF`,
    );
    assert.equal(r.code, 0, r.out);
    const events = await gw.client.events({ sandbox: box.name });
    assert.deepEqual(
      events.map((e) => [e.action, e.host]),
      [
        ['allow', 'storm.test'],
        ['allow', 'other.test'],
      ],
    );
  });

  for (const [label, width] of [
    ['sequential', 1],
    ['concurrent (64 at once)', 64],
  ] as const) {
    test(`${label}: every connection is allowed, none denied as socket not found`, async () => {
      const before = (await gw.client.events({ sandbox: box.name })).length;
      const r = await gw.exec(
        box,
        ['node', '-e', STORM, 'storm.test', String(gw.upstreamPort), String(COUNT), String(width)],
        600_000,
      );
      assert.equal(r.code, 0, r.out);
      const result = parseStorm(r.out);
      const events = (await gw.client.events({ sandbox: box.name })).slice(before);
      const denied = events.filter((e) => e.action === 'deny');
      const reasons: Record<string, number> = {};
      for (const e of denied) reasons[e.reason] = (reasons[e.reason] ?? 0) + 1;
      assert.deepEqual(reasons, {});
      assert.deepEqual(result.errors, {});
      assert.equal(result.ok, COUNT);
      assert.equal(events.filter((e) => e.action === 'allow').length, COUNT);
    });
  }
});
