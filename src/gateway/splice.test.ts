import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type Socket, connect as tcpConnect } from 'node:net';
import { test } from 'node:test';
import { splice } from './splice.js';

/** A connected pair of loopback sockets: [the accepted one, the dialling one]. */
async function pair(): Promise<[Socket, Socket]> {
  const server = createServer({ allowHalfOpen: true });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  const accepted = once(server, 'connection') as Promise<[Socket]>;
  const dialled = tcpConnect({ host: '127.0.0.1', port, allowHalfOpen: true });
  await once(dialled, 'connect');
  const [s] = await accepted;
  server.close();
  return [s, dialled];
}

/** Everything a socket reads until its peer's FIN. */
async function readAll(s: Socket): Promise<string> {
  let got = '';
  s.on('data', (d) => {
    got += String(d);
  });
  await once(s, 'end');
  return got;
}

test('bytes flow both ways, each FIN half-closes the other side, and it resolves once both are closed', async () => {
  const [a, client] = await pair();
  const [upstreamPeer, b] = await pair();
  const done = splice(a, b);
  const toUpstream = readAll(upstreamPeer);
  const toClient = readAll(client);
  client.end('hello');
  assert.equal(await toUpstream, 'hello');
  upstreamPeer.end('world');
  assert.equal(await toClient, 'world');
  await done;
  assert.equal(a.destroyed && b.destroyed, true);
});

test('`piped`: the side already piped is not piped twice (each byte arrives once)', async () => {
  const [a, client] = await pair();
  const [upstreamPeer, b] = await pair();
  b.pipe(a, { end: true });
  const done = splice(a, b, true);
  const toClient = readAll(client);
  upstreamPeer.end('once');
  assert.equal(await toClient, 'once');
  client.end();
  await done;
});

test('a socket already closed when the splice starts: the other is closed too, and it resolves', async () => {
  const [a, client] = await pair();
  const [, b] = await pair();
  b.destroy();
  await once(b, 'close');
  const clientEnded = once(client, 'end');
  client.resume();
  await splice(a, b);
  assert.equal(a.destroyed, true);
  await clientEnded; // the client is told the connection is over
});
