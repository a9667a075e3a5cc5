import assert from 'node:assert/strict';
import { once } from 'node:events';
import { connect, createServer, type Socket } from 'node:net';
import { test } from 'node:test';
import type { GatewayContext, SandboxEntry } from '../context.js';
import { admission, compose } from './chain.js';
import { firstBytesStep } from './first-bytes.js';

test('after an allow the first bytes are read while the rest runs, and put back for the relay', async (t) => {
  const server = createServer({ pauseOnConnect: true });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as { port: number }).port;
  const accepted = once(server, 'connection') as Promise<[Socket]>;
  const c = connect(port, '127.0.0.1');
  await once(c, 'connect');
  c.write('hello');
  const [socket] = await accepted;
  t.after(() => {
    c.destroy();
    socket.destroy();
    server.close();
  });
  const ctx = { attribution: {}, rules: { inspects: () => false } } as unknown as GatewayContext;
  const a = admission(ctx, {
    layer: 'connect',
    protocol: 'tcp',
    peer: { ip: '127.0.0.1', port: 1 },
    client: socket,
    target: { host: 'allow.test', ip: null, port: 443 },
  });
  a.sandbox = { credentials: [], policy: {} } as unknown as SandboxEntry;
  let during: Buffer | null | undefined;
  // The rest of the chain (the upstream connect) runs while the bytes arrive.
  await compose(firstBytesStep, () => async (x) => {
    assert.equal(x.carrying?.inspect, false);
    during = await x.carrying?.first;
  })(a);
  assert.equal(during?.toString(), 'hello');
  // Still there for whoever reads the socket next (the splice).
  socket.resume();
  const [again] = (await once(socket, 'data')) as [Buffer];
  assert.equal(again.toString(), 'hello');
});

test('a client that is not a socket (unit-test fakes, UDP) gets no early read', async () => {
  const ctx = { attribution: {}, rules: { inspects: () => false } } as unknown as GatewayContext;
  const a = admission(ctx, {
    layer: 'connect',
    protocol: 'tcp',
    peer: { ip: '127.0.0.1', port: 1 },
    client: {},
    target: { host: 'allow.test', ip: null, port: 443 },
  });
  a.sandbox = { credentials: [], policy: {} } as unknown as SandboxEntry;
  await compose(firstBytesStep)(a);
  assert.equal(a.carrying, undefined);
});
