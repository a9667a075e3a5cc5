// No legitimate CONNECT is denied: an allowed binary's CONNECTs through the explicit proxy, one after
// another faster than 10 a second, all get their 200 (a proxy connection's binary always matters). And the
// listener's two readers of a request: a CONNECT head in the first read opens its tunnel at once
// (connect-head.ts); any other first read goes to Node's HTTP server, which answers as before.
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

// argv: parts (JSON array of strings), ms between them. Writes each part to $HTTP_PROXY, prints what came back.
const RAW = `
const net = require('net');
const [parts, gap] = [JSON.parse(process.argv[1]), Number(process.argv[2])];
const proxy = new URL(process.env.HTTP_PROXY);
const s = net.connect(Number(proxy.port), proxy.hostname, async () => {
  s.setNoDelay(true);
  for (const p of parts) { s.write(p); if (gap) await new Promise((r) => setTimeout(r, gap)); }
});
let got = '';
s.on('data', (d) => { got += d; });
s.on('error', (e) => { got += 'error ' + e.code; });
s.on('close', () => console.log(JSON.stringify(got)));
setTimeout(() => s.destroy(), 5000).unref();
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

  const raw = async (parts: string[], gap = 0): Promise<string> => {
    const r = await gw.exec(box, ['node', '-e', RAW, JSON.stringify(parts), String(gap)]);
    assert.equal(r.code, 0, r.out);
    return JSON.parse(r.out.trim().split('\n').pop() ?? '""') as string;
  };
  const head = (target: string) => `CONNECT ${target} HTTP/1.1\r\nHost: ${target}\r\n\r\n`;
  const get = 'GET / HTTP/1.1\r\nHost: proxied.test\r\nConnection: close\r\n\r\n';

  test('a CONNECT head and the request after it in one write: the tunnel carries the request', async () => {
    const out = await raw([head(`proxied.test:${gw.upstreamPort}`) + get]);
    assert.match(out, /^HTTP\/1\.1 200 Connection Established\r\n\r\nHTTP\/1\.1 200 OK/);
    assert.match(out, /hello from upstream/);
  });

  test("a CONNECT head sent a byte at a time is Node's to read, and still opens the tunnel", async () => {
    const bytes = [...head(`proxied.test:${gw.upstreamPort}`).slice(0, -2), `\r\n${get}`];
    const out = await raw(bytes, 2);
    assert.match(out, /^HTTP\/1\.1 200 Connection Established\r\n\r\nHTTP\/1\.1 200 OK/);
    assert.match(out, /hello from upstream/);
  });

  test('a CONNECT head Node refuses (a space before a colon) gets its 400 and no tunnel', async () => {
    const out = await raw([`CONNECT proxied.test:${gw.upstreamPort} HTTP/1.1\r\nHost : x\r\n\r\n${get}`]);
    assert.match(out, /^HTTP\/1\.1 400 Bad Request/);
    assert.doesNotMatch(out, /hello from upstream/);
  });

  test('a CONNECT to a host the policy does not allow is denied (403), its event says why', async () => {
    const out = await raw([head('denied.test:443')]);
    assert.match(out, /^HTTP\/1\.1 403 Forbidden/);
    const events = await gw.client.events();
    assert.ok(
      events.some((e) => e.action === 'deny' && e.host === 'denied.test' && e.layer === 'connect'),
      JSON.stringify(events.slice(-3)),
    );
  });

  test("a plain-HTTP forward request still goes to Node's server", async () => {
    const out = await raw([
      `GET http://proxied.test:${gw.upstreamPort}/ HTTP/1.1\r\nHost: proxied.test\r\nConnection: close\r\n\r\n`,
    ]);
    assert.match(out, /^HTTP\/1\.1 200 OK/);
    assert.match(out, /hello from upstream/);
  });

  test(`${COUNT} sequential CONNECTs from the allowed binary all get 200`, async () => {
    const r = await gw.exec(box, ['node', '-e', CONNECTS, `proxied.test:${gw.upstreamPort}`, String(COUNT)]);
    assert.equal(r.code, 0, r.out);
    assert.deepEqual(JSON.parse(r.out.trim().split('\n').pop() ?? '{}'), { 200: COUNT });
  });
});
