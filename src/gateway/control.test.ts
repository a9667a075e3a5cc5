import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { GatewayContext } from './context.js';
import { controlServer } from './control.js';
import type { GatewayPorts } from './fence.js';

/** Write raw bytes to the control socket; resolve with what came back once the gateway answers or closes. */
function raw(path: string, bytes: string): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const s = connect(path, () => s.write(bytes));
    const deadline = setTimeout(() => s.destroy(), 3000);
    s.on('data', (d: Buffer) => {
      chunks.push(d);
      if (Buffer.concat(chunks).includes('\r\n\r\n')) s.end();
    });
    s.on('error', () => undefined);
    s.on('close', () => {
      clearTimeout(deadline);
      resolve(Buffer.concat(chunks).toString('latin1'));
    });
  });
}

// No request here registers anything: a bare context is enough.
const ctx = { log: () => undefined, sandboxes: new Map(), session: 's' } as unknown as GatewayContext;

describe('controlServer: malformed requests', () => {
  let server: Server;
  let dir = '';
  let path = '';
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'paddock-control-'));
    path = join(dir, 'control.sock');
    server = controlServer({ ctx, ports: {} as GatewayPorts, proxyOnly: true });
    await new Promise<void>((resolve) => server.listen(path, resolve));
  });
  after(async () => {
    server.close();
    await rm(dir, { recursive: true, force: true });
  });

  // Node's HTTP parser takes these request targets; `new URL` throws on them. Thrown in the request listener
  // (outside the route's promise), that was an uncaught exception: the daemon (root) died on one request line.
  for (const target of ['http://[', 'http://a:99999/', 'http://%zz/']) {
    test(`request target ${target}: 400, and the server goes on`, async () => {
      const answer = await raw(path, `GET ${target} HTTP/1.1\r\nHost: x\r\n\r\n`);
      assert.match(answer, /^HTTP\/1\.1 400 /);
      const health = await raw(path, 'GET /health HTTP/1.1\r\nHost: x\r\n\r\n');
      assert.match(health, /^HTTP\/1\.1 200 /);
    });
  }

  test('a path segment that is not percent-encoding: 400, not an internal error', async () => {
    const answer = await raw(path, 'GET /sandboxes/%E0%A4/policy HTTP/1.1\r\nHost: x\r\n\r\n');
    assert.match(answer, /^HTTP\/1\.1 400 /);
  });
});
