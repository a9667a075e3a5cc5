import assert from 'node:assert/strict';
import { createSocket, type Socket } from 'node:dgram';
import { after, before, describe, test } from 'node:test';
import dnsPacket from 'dns-packet';
import { Upstream } from './upstream.js';

/** A resolver on a loopback address that answers every A query with `answer`. */
function fakeResolver(type: 'udp4' | 'udp6', address: string, answer: string): Promise<Socket> {
  const socket = createSocket(type);
  socket.on('message', (msg, peer) => {
    const query = dnsPacket.decode(msg);
    const name = query.questions?.[0]?.name ?? '';
    const reply = dnsPacket.encode({
      type: 'response',
      id: query.id,
      questions: query.questions,
      answers: [{ type: 'A', name, ttl: 5, data: answer }],
    });
    socket.send(reply, peer.port, peer.address);
  });
  return new Promise((resolve) => socket.bind(0, address, () => resolve(socket)));
}

describe('Upstream: the resolver for allowed names, in the one address grammar', () => {
  let v4: Socket;
  let v6: Socket;
  before(async () => {
    v4 = await fakeResolver('udp4', '127.0.0.1', '203.0.113.4');
    v6 = await fakeResolver('udp6', '::1', '203.0.113.6');
  });
  after(() => {
    v4.close();
    v6.close();
  });

  test('an IPv4 resolver with a port', async () => {
    const upstream = new Upstream({ upstreamDns: `127.0.0.1:${v4.address().port}` });
    assert.deepEqual(await upstream.resolve('api.test'), { ip: '203.0.113.4', source: 'dns' });
  });

  test('an IPv6 resolver as [::1]:PORT (what --upstream-dns and the spec accept) works', async () => {
    const upstream = new Upstream({ upstreamDns: `[::1]:${v6.address().port}` });
    assert.deepEqual(await upstream.resolve('api.test'), { ip: '203.0.113.6', source: 'dns' });
  });

  test('a value outside the grammar is refused when the gateway is configured', () => {
    assert.throws(() => new Upstream({ upstreamDns: 'dns.test:53' }), /with an IP address/);
  });
});
