// No legitimate CONNECT is denied: an allowed binary's CONNECTs through the explicit proxy, one after
// another faster than 10 a second, all get their 200 (a proxy connection's binary always matters).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { bootstrapImage } from '../../src/sandbox/image/bootstrap.js';
import type { SandboxInfo } from '../../src/sandbox/types.js';
import { type GatewaySession, openGatewaySession, policyOf } from './fixture.js';

const COUNT = 100;

const POLICY = (port: number) => `
version: 1
network_policies:
  node_api:
    name: node-api
    endpoints: [{ host: proxied.test, port: ${port} }]
    binaries: [{ path: /usr/bin/node }, { path: /usr/local/bin/node }]
`;

// argv: target host:port, count. Sequential CONNECTs through $HTTP_PROXY; prints the status lines' counts.
const CONNECTS = `
const net = require('net');
const [target, count] = process.argv.slice(1);
const proxy = new URL(process.env.HTTP_PROXY);
const once = () => new Promise((resolve) => {
  const s = net.connect(Number(proxy.port), proxy.hostname, () => s.write('CONNECT ' + target + ' HTTP/1.1\\r\\nHost: ' + target + '\\r\\n\\r\\n'));
  let head = '';
  s.on('data', (d) => { head += d; if (head.includes('\\r\\n')) { s.destroy(); resolve(head.split(' ')[1]); } });
  s.on('error', (e) => resolve(e.code));
});
(async () => {
  const seen = {};
  for (let i = 0; i < Number(count); i++) { const c = await once(); seen[c] = (seen[c] ?? 0) + 1; }
  console.log(JSON.stringify(seen));
})();
`;

describe('explicit proxy admission', () => {
  let gw: GatewaySession;
  let box: SandboxInfo;
  before(async () => {
    await bootstrapImage();
    gw = await openGatewaySession(['proxied.test']);
    box = await gw.sandbox('proxied', policyOf(POLICY(gw.upstreamPort)));
  });
  after(async () => {
    await gw?.close();
  });

  test(`${COUNT} sequential CONNECTs from the allowed binary all get 200`, async () => {
    const r = await gw.exec(box, ['node', '-e', CONNECTS, `proxied.test:${gw.upstreamPort}`, String(COUNT)]);
    assert.equal(r.code, 0, r.out);
    assert.deepEqual(JSON.parse(r.out.trim().split('\n').pop() ?? '{}'), { 200: COUNT });
  });
});
