import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { httpHost, peekHost, sniFromClientHello } from './peek.js';

/** A minimal TLS 1.2 ClientHello with one server_name extension. */
function clientHello(name: string): Buffer {
  const host = Buffer.from(name);
  const sni = Buffer.concat([
    Buffer.from([0, 0]), // type server_name
    u16(host.length + 5),
    u16(host.length + 3),
    Buffer.from([0]),
    u16(host.length),
    host,
  ]);
  const body = Buffer.concat([
    Buffer.from([3, 3]),
    Buffer.alloc(32),
    Buffer.from([0]), // session id
    u16(2),
    Buffer.from([0x13, 0x01]),
    Buffer.from([1, 0]), // compression
    u16(sni.length),
    sni,
  ]);
  const hs = Buffer.concat([Buffer.from([1, 0]), u16(body.length), body]);
  return Buffer.concat([Buffer.from([0x16, 3, 1]), u16(hs.length), hs]);
}
function u16(n: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(n);
  return b;
}

describe('peekHost', () => {
  for (const [what, data, want] of [
    ['TLS SNI', clientHello('Evil.Test'), 'evil.test'],
    ['HTTP Host with port', Buffer.from('GET / HTTP/1.1\r\nHost: api.test:8080\r\n\r\n'), 'api.test'],
    ['HTTP without Host', Buffer.from('GET / HTTP/1.0\r\n\r\n'), null],
    ['SSH banner', Buffer.from('SSH-2.0-OpenSSH\r\n'), null],
    ['truncated ClientHello', clientHello('x.test').subarray(0, 20), null],
  ] as const) {
    test(`${what} → ${want}`, () => assert.equal(peekHost(data), want));
  }
  test('the parts work alone', () => {
    assert.equal(sniFromClientHello(Buffer.from('GET / HTTP/1.1\r\n')), null);
    assert.equal(httpHost(clientHello('a.test')), null);
  });
});
