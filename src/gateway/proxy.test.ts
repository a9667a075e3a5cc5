import assert from 'node:assert/strict';
import { once } from 'node:events';
import { type AddressInfo, connect, createServer, type Server, type Socket } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { type Admission, type AdmissionChains, admissionChains } from './admission/index.js';
import { Budget } from './budget.js';
import type { GatewayContext } from './context.js';
import { proxyServer } from './proxy.js';
import { SyntheticPool } from './synthetic.js';

/**
 * Connect, write `bytes`, and resolve with what came back and how long until the gateway closed it (given up
 * after 3 s: a connection the gateway never closes fails the test, not its timeout).
 */
function send(port: number, bytes: string): Promise<{ answer: string; ms: number }> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const chunks: Buffer[] = [];
    const s = connect(port, '127.0.0.1', () => {
      if (bytes) s.write(bytes);
    });
    const deadline = setTimeout(() => s.destroy(), 3000);
    s.on('data', (d: Buffer) => chunks.push(d));
    s.on('error', () => undefined);
    s.on('close', () => {
      clearTimeout(deadline);
      resolve({ answer: Buffer.concat(chunks).toString('latin1'), ms: performance.now() - t0 });
    });
  });
}

// No request here gets as far as admission: a bare context is enough (a use of it would throw).
const ctx = { log: () => undefined, sandboxes: new Map() } as unknown as GatewayContext;

describe('proxyServer: clients that do not finish their first request', () => {
  let server: Server;
  let port = 0;
  before(async () => {
    server = proxyServer(ctx, undefined, { firstBytes: 400, head: 300, checkEvery: 50 });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  after(() => server.close());

  test('a connection that sends nothing is closed after the first-bytes wait', async () => {
    const { answer, ms } = await send(port, '');
    assert.equal(answer, '');
    assert.ok(ms >= 350 && ms < 3000, `closed after ${ms} ms`);
  });

  test("a head begun and never finished gets Node's 408 (its header timeout runs without a listen)", async () => {
    const { answer, ms } = await send(port, 'GET http://a.test/ HTTP/1.1\r\nHost: a.test\r\n');
    assert.match(answer, /^HTTP\/1\.1 408 Request Timeout/);
    assert.ok(ms < 3000, `closed after ${ms} ms`);
  });

  test('so does a CONNECT head that is not whole in the first read', async () => {
    const { answer } = await send(port, 'CONNECT a.test:443 HTTP/1.1\r\nHost: a.test:443\r\n');
    assert.match(answer, /^HTTP\/1\.1 408 Request Timeout/);
  });

  test('a head Node refuses gets its 400 (not a timeout)', async () => {
    const { answer } = await send(port, 'CONNECT a.test:443 HTTP/1.1\r\nHost : a.test\r\n\r\n');
    assert.match(answer, /^HTTP\/1\.1 400 Bad Request/);
  });
});

describe('proxyServer: a CONNECT whose decision cannot be recorded after its 200 went out', () => {
  let upstreamBytes = 0;
  let upstreamServer: Server;
  let server: Server;
  let port = 0;
  before(async () => {
    upstreamServer = createServer((s) =>
      s.on('data', (d: Buffer) => {
        upstreamBytes += d.length;
      }),
    );
    await new Promise<void>((resolve) => upstreamServer.listen(0, '127.0.0.1', resolve));
    const upstreamPort = (upstreamServer.address() as AddressInfo).port;
    // The chain as recordStep leaves it when the event write fails after beforeRecord: let through (the 200
    // goes out), then a denial with its upstream closed.
    const chains = {
      proxy: () => async (a: Admission) => {
        const up = connect(upstreamPort, '127.0.0.1');
        await once(up, 'connect');
        a.decision = { action: 'allow', policy: 'p', reason: 'allowed' };
        a.upstream = up;
        a.beforeRecord?.();
        up.destroy();
        a.upstream = null;
        a.decision = { action: 'deny', policy: null, reason: 'cannot record the decision: disk full' };
      },
    } as unknown as AdmissionChains;
    server = proxyServer(ctx, chains);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  after(() => {
    server.close();
    upstreamServer.close();
  });

  test('the client has the 200, then the tunnel closes and nothing it sent reaches the upstream', async () => {
    const chunks: Buffer[] = [];
    const s = connect(port, '127.0.0.1', () =>
      s.write('CONNECT a.test:443 HTTP/1.1\r\nHost: a.test:443\r\n\r\n'),
    );
    s.on('data', (d: Buffer) => {
      chunks.push(d);
      s.write('after the 200'); // what a client sends once it has its 200
    });
    s.on('error', () => undefined);
    const deadline = setTimeout(() => s.destroy(new Error('the gateway never closed the tunnel')), 3000);
    const t0 = performance.now();
    await once(s, 'close');
    clearTimeout(deadline);
    assert.ok(performance.now() - t0 < 2900, 'the gateway closed the tunnel');
    assert.equal(Buffer.concat(chunks).toString('latin1'), 'HTTP/1.1 200 Connection Established\r\n\r\n');
    assert.equal(upstreamBytes, 0);
  });
});

describe("proxyServer: connections that send nothing hold a slot of their sandbox's connection budget", () => {
  // A registered sandbox at 127.0.0.1 with 2 connection slots, and the real chains. Before (7 Dec 2026) a slot
  // was taken only at admission, after the connection's first bytes (up to 30 s) or Node's whole head (60 s): a
  // sandbox held any number of silent proxy connections, and the gateway's descriptors with them, past its 512.
  const events: { reason: string }[] = [];
  const sandbox = {
    name: 'box',
    run: null,
    ip: '127.0.0.1',
    pid: 1,
    netns: '',
    started: null,
    container: null,
    policy: { version: 1, network_policies: [] },
    pool: new SyntheticPool(),
    budget: new Budget({ connections: 2 }),
  };
  const boxCtx = {
    session: 's',
    bridgeIp: '127.0.0.1',
    audit: false,
    events: { append: async (e: { reason: string }) => void events.push(e) },
    sandboxes: new Map([['box', sandbox]]),
    gone: new Map(),
    log: () => undefined,
  } as unknown as GatewayContext;
  let server: Server;
  let port = 0;
  before(async () => {
    server = proxyServer(boxCtx, admissionChains(), { firstBytes: 5000, head: 5000, checkEvery: 1000 });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  after(() => server.close());

  test('past the budget a silent connection is reset at once, recorded; a close gives its slot back', async () => {
    const open = (): Promise<Socket> =>
      new Promise((resolve) => {
        const s = connect(port, '127.0.0.1', () => resolve(s));
        s.on('error', () => undefined);
      });
    const held = [await open(), await open()];
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(sandbox.budget.used('connections'), 2, 'each silent connection holds a slot');
    // Not waited for its connect: the gateway may reset it before the client's side has seen it open.
    const t0 = performance.now();
    const third = connect(port, '127.0.0.1');
    third.on('error', () => undefined);
    const deadline = setTimeout(() => third.destroy(), 3000);
    await new Promise((r) => third.once('close', r)); // once() would reject on the reset's error
    clearTimeout(deadline);
    assert.ok(performance.now() - t0 < 2000, 'the third connection was closed by the gateway at once');
    assert.deepEqual(
      events.map((e) => e.reason),
      ['over budget: 2 open connections'],
    );
    for (const s of held) s.destroy();
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(sandbox.budget.used('connections'), 0);
  });
});
