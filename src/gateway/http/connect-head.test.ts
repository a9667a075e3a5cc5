import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { connectHead, MAX_HEAD } from './connect-head.js';

/** What Node's HTTP server makes of `bytes`: the CONNECT it saw (target, bytes after the head), or its answer. */
type NodeSaw = { readonly target: string; readonly after: number } | { readonly answer: string };

let server: Server;
let port = 0;

before(async () => {
  server = createServer(() => undefined);
  server.on('connect', (req, socket, head) => {
    socket.end(`seen ${head.length} ${req.url}`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

after(() => server.close());

function nodeSaw(bytes: Buffer): Promise<NodeSaw> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const s = connect(port, '127.0.0.1', () => s.end(bytes));
    s.on('data', (d: Buffer) => chunks.push(d));
    s.on('error', () => undefined);
    s.on('close', () => {
      const text = Buffer.concat(chunks).toString('latin1');
      const m = /^seen (\d+) (.*)$/s.exec(text);
      resolve(m ? { target: m[2] ?? '', after: Number(m[1]) } : { answer: text.split('\r\n')[0] ?? '' });
    });
  });
}

/** Every head connectHead recognises, Node's parser reads the same way. */
async function agrees(bytes: Buffer): Promise<boolean> {
  const mine = connectHead(bytes);
  if (!mine) return false;
  const node = await nodeSaw(bytes);
  assert.deepEqual(
    node,
    { target: mine.target, after: bytes.length - mine.length },
    `Node reads ${JSON.stringify(bytes.toString('latin1'))} otherwise`,
  );
  return true;
}

const b = (text: string) => Buffer.from(text, 'latin1');

describe('connectHead', () => {
  test("recognises what real clients send (curl, Node's agents, Python, Go), with tunnel bytes after it", async () => {
    const heads = [
      'CONNECT api.test:443 HTTP/1.1\r\nHost: api.test:443\r\nUser-Agent: curl/8.14.1\r\nProxy-Connection: Keep-Alive\r\n\r\n',
      'CONNECT api.test:443 HTTP/1.1\r\nHost: api.test:443\r\nConnection: close\r\n\r\n',
      'CONNECT api.test:443 HTTP/1.0\r\n\r\n',
      'CONNECT 192.0.2.7:8443 HTTP/1.1\r\nHost: 192.0.2.7:8443\r\nUser-Agent: Go-http-client/1.1\r\n\r\n',
      'CONNECT [2001:db8::1]:443 HTTP/1.1\r\nhost: [2001:db8::1]:443\r\nproxy-authorization: Basic eDp5\r\n\r\n',
    ];
    for (const head of heads) {
      assert.equal(await agrees(b(head)), true, head);
      assert.equal(await agrees(b(`${head}\x16\x03\x01\x00\x05hello`)), true);
      assert.equal(connectHead(b(head))?.length, head.length);
    }
  });

  test('leaves everything else to Node (and Node answers it as before)', async () => {
    const others = [
      'GET http://api.test/ HTTP/1.1\r\nHost: api.test\r\n\r\n',
      'connect api.test:443 HTTP/1.1\r\n\r\n',
      'CONNECT api.test:443 HTTP/1.1\r\nHost: api.test', // not complete in the first read
      'CONNECT api.test:443 HTTP/1.1\nHost: api.test\n\n', // bare LF
      'CONNECT api.test:443 HTTP/1.1\r\nX : y\r\n\r\n', // space before the colon
      'CONNECT api.test:443 HTTP/1.1\r\n folded\r\n\r\n', // obsolete line folding
      'CONNECT api.test:443 HTTP/1.1\r\nX: a\x00b\r\n\r\n',
      'CONNECT api.test:443 HTTP/1.1\r\nX: caf\xe9\r\n\r\n', // obs-text: Node takes it, this does not vouch
      'CONNECT  api.test:443 HTTP/1.1\r\n\r\n', // two spaces
      'CONNECT api.test:443 HTTP/2.0\r\n\r\n',
      'CONNECT api.test:443\r\n\r\n',
      'CONNECT\r\n\r\n',
      'CONNEC',
      '',
      '\x16\x03\x01\x00\x05hello',
    ];
    for (const text of others) assert.equal(connectHead(b(text)), null, JSON.stringify(text));
    // Node still refuses what it refused: a bare LF head, a space before a colon, a NUL.
    for (const text of [others[3], others[4], others[6]])
      assert.deepEqual(await nodeSaw(b(text ?? '')), { answer: 'HTTP/1.1 400 Bad Request' });
  });

  test('a head past MAX_HEAD is left to Node', () => {
    const pad = 'X-Pad: '.padEnd(MAX_HEAD, 'a');
    assert.equal(connectHead(b(`CONNECT api.test:443 HTTP/1.1\r\n${pad}\r\n\r\n`)), null);
    const fits = `CONNECT api.test:443 HTTP/1.1\r\n${'X-Pad: '.padEnd(MAX_HEAD - 40, 'a')}\r\n\r\n`;
    assert.notEqual(connectHead(b(fits)), null);
  });

  test('mutated heads: whenever one is recognised, Node reads it the same way', async () => {
    // A fixed seed: the same 400 cases every run, each a valid head with one to three bytes replaced,
    // inserted or removed (CR, LF, space, colon, tab, NUL, DEL, a high byte or a letter).
    let seed = 17;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const base = b('CONNECT api.test:443 HTTP/1.1\r\nHost: api.test:443\r\nX-A: b c\r\n\r\nTLS');
    const bytes = [0x0d, 0x0a, 0x20, 0x3a, 0x09, 0x00, 0x7f, 0xe9, 0x41, 0x2f];
    let recognised = 0;
    for (let i = 0; i < 400; i++) {
      const out = [...base];
      for (let k = 0, n = 1 + rand(3); k < n; k++) {
        const at = rand(out.length);
        const what = rand(3);
        const byte = bytes[rand(bytes.length)] ?? 0x41;
        if (what === 0) out[at] = byte;
        else if (what === 1) out.splice(at, 0, byte);
        else out.splice(at, 1);
      }
      if (await agrees(Buffer.from(out))) recognised++;
    }
    // Some mutations keep a valid head (in a header value, in the tunnel bytes): the comparison was made.
    assert.ok(recognised > 20, `only ${recognised} of 400 mutated heads recognised`);
  });
});
