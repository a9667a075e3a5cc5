import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { httpHost, peekHost, sniFromClientHello } from './peek.js';
import { misnamed } from './relay.js';

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

/** The h2c preface, an empty SETTINGS frame and a HEADERS frame with `:authority: evil.test` (a literal). */
const h2c = Buffer.concat([
  Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n'),
  Buffer.from('000000040000000000' + '00000e0105000000018286844109', 'hex'),
  Buffer.from('evil.test'),
]);

describe('misnamed (spliced connections: the first bytes must name the allowed host)', () => {
  const h = (s: string) => Buffer.from(s);
  for (const [what, data, refused] of [
    ['the allowed Host', h('GET / HTTP/1.1\r\nHost: pypi.org:443\r\n\r\n'), false],
    ['no Host (HTTP/1.0)', h('GET / HTTP/1.0\r\n\r\n'), false],
    ['another protocol', h('SSH-2.0-OpenSSH\r\n'), false],
    ['another Host', h('GET / HTTP/1.1\r\nHost: evil.test\r\n\r\n'), true],
    ['an empty line, then another Host', h('\r\nGET / HTTP/1.1\r\nHost: evil.test\r\n\r\n'), true],
    ['a second Host', h('GET / HTTP/1.1\r\nHost: pypi.org\r\nHost: evil.test\r\n\r\n'), true],
    [
      'an absolute target naming another',
      h('GET http://evil.test/ HTTP/1.1\r\nHost: pypi.org\r\n\r\n'),
      true,
    ],
    ['the allowed absolute target', h('GET http://pypi.org/x HTTP/1.1\r\nHost: pypi.org\r\n\r\n'), false],
    ['a head not finished (its Host could follow)', h('GET / HTTP/1.1\r\n'), true],
    ['a method cut short', h('GE'), true],
    ['only empty lines', h('\r\n\r\n'), true],
    ['a ClientHello naming another host', clientHello('evil.test'), true],
    [
      'a ClientHello naming another host in a record of version 2.1',
      Buffer.concat([Buffer.from([0x16, 2, 1]), clientHello('evil.test').subarray(3)]),
      true,
    ],
    ['a ClientHello naming the allowed host', clientHello('pypi.org'), false],
    // Methods and request lines the strict reading (httpNames) does not take, but servers do (nginx: any method
    // of A-Z, `_`, `-`; blanks between the words; HTTP/1.x for any x): each was spliced, its Host unread.
    ['a method with a hyphen, another Host', h('M-SEARCH / HTTP/1.1\r\nHost: evil.test\r\n\r\n'), true],
    ['HTTP/1.2, another Host', h('GET / HTTP/1.2\r\nHost: evil.test\r\n\r\n'), true],
    ['two spaces after the method, another Host', h('GET  / HTTP/1.1\r\nHost: evil.test\r\n\r\n'), true],
    ['a tab after the method, another Host', h('GET\t/ HTTP/1.1\r\nHost: evil.test\r\n\r\n'), true],
    ['a lower-case method, another Host', h('get / HTTP/1.1\r\nHost: evil.test\r\n\r\n'), true],
    // A method outside the usual list, its head in two writes (the Host in the second): read whole, or refused.
    ['PROPFIND, its head not finished', h('PROPFIND / HTTP/1.1\r\n'), true],
    ['PROPFIND cut short', h('PROPF'), true],
    ['a lower-case method cut short', h('ge'), true],
    ['a word that begins no method (a client waiting for its echo)', h('x'), false],
    ['another text protocol (a whole line, no HTTP version)', h('EHLO client.test\r\n'), false],
    ['cleartext HTTP/2 with prior knowledge (h2c: its host in HPACK)', h2c, true],
    ['the h2c preface cut after its first line', h('PRI * HTTP/2.0\r\n'), true],
  ] as const)
    test(`${what}: ${refused ? 'refused' : 'passes'}`, () =>
      assert.equal(misnamed(data, 'pypi.org', null) !== null, refused));

  test('h2c on a connection allowed by address only passes (no name to front)', () =>
    assert.equal(misnamed(h2c, null, '192.0.2.10'), null));
});
