import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import {
  type ClientHttp2Session,
  type ClientHttp2Stream,
  createSecureServer,
  type Http2SecureServer,
  connect as h2Connect,
} from 'node:http2';
import { createServer as createHttpsServer, type Server } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { connect as tlsConnect } from 'node:tls';
import { promisify } from 'node:util';
import { eventsWhen } from '../../../test/gateway/events.js';
import { type EgressEvent, readEventLog } from '../../common/event.js';
import {
  covers,
  decide,
  decideRequest,
  inspects,
  isPrivateAddress,
  nameAllowed,
  parsePolicy,
  staticChanges,
} from '../../policy/index.js';
import { Budget } from '../budget.js';
import { type RunningGateway, runGateway } from '../server.js';
import { SyntheticPool } from '../synthetic.js';
import { SessionCa } from '../tls/ca.js';

// HTTP/2 on terminated TLS, with real sockets, real TLS, real curl and node's http2 client, no engine: a
// proxy-only gateway on loopback, a "sandbox" at 127.0.0.1, an h2 upstream (gRPC-style, with trailers) and an
// HTTP/1.1-only upstream, both on loopback with certificates from a test CA.

const run = promisify(execFile);
const GATEWAY_IP = `127.${1 + Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${2 + Math.floor(Math.random() * 250)}`;
const SECRET = 'sk-ant-api03-H2-SECRET-0123456789abcdef';
const PLACEHOLDER = 'sk-ant-paddock-h2-placeholder-000000000000';

describe('HTTP/2 on inspected connections: each stream decided by the request rules', {
  timeout: 60_000,
}, () => {
  let gateway: RunningGateway;
  let h2: Http2SecureServer;
  let h1: Server;
  let h2Port = 0;
  let h1Port = 0;
  const seen: string[] = [];

  before(async () => {
    const dir = await mkdtemp(join(tmpdir(), 'paddock-h2-'));
    const ca = await SessionCa.create('test-upstream');
    await writeFile(join(dir, 'test-ca.pem'), ca.certPem);
    const sni = (name: string, cb: (e: Error | null, c?: unknown) => void) =>
      ca.contextFor(name).then((c) => cb(null, c), cb);
    h2 = createSecureServer({ SNICallback: sni as never, allowHTTP1: true }, (req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => {
        body += d.toString('latin1');
      });
      req.on('end', () => {
        seen.push(`h${req.httpVersion} ${req.method} ${req.url} ${String(req.headers['x-api-key'])}`);
        if (req.headers['content-type'] === 'application/grpc') {
          // A gRPC answer: a length-prefixed message, then the status in trailers.
          res.writeHead(200, { 'content-type': 'application/grpc' });
          res.addTrailers({ 'grpc-status': '0', 'grpc-message': 'ok' });
          res.end(Buffer.concat([Buffer.from([0, 0, 0, 0, body.length]), Buffer.from(body, 'latin1')]));
          return;
        }
        res.end(`h${req.httpVersion} ${req.method} ${req.url}`);
      });
    });
    h2Port = await new Promise<number>((r) =>
      h2.listen(0, '127.0.0.1', () => r((h2.address() as AddressInfo).port)),
    );
    h1 = createHttpsServer({ SNICallback: sni as never }, (req, res) => {
      seen.push(`h${req.httpVersion} ${req.method} ${req.url} ${String(req.headers.host)}`);
      res.end(`h${req.httpVersion} ${req.method} ${req.url}`);
    });
    h1Port = await new Promise<number>((r) =>
      h1.listen(0, '127.0.0.1', () => r((h1.address() as AddressInfo).port)),
    );
    const policy = parsePolicy(
      `version: 1
network_policies:
  api:
    endpoints:
      - host: grpc.example.test
        port: ${h2Port}
        protocol: rest
        enforcement: enforce
        rules:
          - allow: { method: POST, path: /pkg.Items/Get }
          - allow: { method: GET, path: /v1/** }
      - { host: old.example.test, port: ${h1Port}, protocol: rest, enforcement: enforce, access: read-only }
      - { host: other.example.test, port: ${h2Port} }
    binaries: [{ path: /usr/bin/curl }, { path: ${process.execPath} }]
`,
      'p.yaml',
    ).policy;
    gateway = await runGateway({
      session: 'h2',
      stateDir: dir,
      bridgeIp: GATEWAY_IP,
      proxyOnly: true,
      hosts: Object.fromEntries(['grpc', 'old', 'other'].map((h) => [`${h}.example.test`, '127.0.0.1'])),
      upstreamCa: [join(dir, 'test-ca.pem')],
      rules: { decide, covers, nameAllowed, isPrivateAddress, staticChanges, decideRequest, inspects },
      log: () => undefined,
    });
    gateway.context.sandboxes.set('box', {
      name: 'box',
      run: 'r1',
      ip: '127.0.0.1',
      pid: process.pid,
      netns: '',
      started: null,
      policy,
      pool: new SyntheticPool(),
      budget: new Budget(),
      credentials: [
        { name: 'ANTHROPIC_API_KEY', placeholder: PLACEHOLDER, secret: SECRET, hosts: ['grpc.example.test'] },
      ],
    });
  });

  after(async () => {
    await gateway.close();
    h2.close();
    h1.close();
  });

  const events = (): Promise<EgressEvent[]> => readEventLog(gateway.eventsPath);

  /** curl --http2 through the gateway's proxy: each body, then ` [status h<version>]`. */
  async function curl(args: string[]): Promise<string> {
    const proxy = `http://${GATEWAY_IP}:${gateway.ports.proxy}`;
    const own = ['-sS', '-m', '10', '--http2', '-w', ' [%{http_code} h%{http_version}]\n'];
    const argv = [...own, ...args.flatMap((x) => (x === '--next' ? [x, ...own] : [x]))];
    const env = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      https_proxy: proxy,
      CURL_CA_BUNDLE: gateway.trust.ca,
    };
    return run('curl', argv, { env }).then(
      (r) => r.stdout,
      (e: { stdout?: string; stderr?: string }) => `${e.stdout ?? ''}${e.stderr ?? ''}`,
    );
  }

  /** An HTTP/2 session to `host:port` through a CONNECT tunnel, trusting the session CA. */
  async function session(
    host: string,
    port: number,
    onSocket?: (raw: Socket) => void,
  ): Promise<ClientHttp2Session> {
    const socket = await new Promise<Socket>((resolve, reject) => {
      const req = httpRequest({
        host: GATEWAY_IP,
        port: gateway.ports.proxy,
        method: 'CONNECT',
        path: `${host}:${port}`,
      });
      req.on('connect', (_res, s) => resolve(s));
      req.on('error', reject);
      req.end();
    });
    onSocket?.(socket);
    const tls = tlsConnect({
      socket,
      servername: host,
      ca: gateway.context.tls?.ca.certPem ?? '',
      ALPNProtocols: ['h2'],
    });
    return h2Connect(`https://${host}:${port}`, { createConnection: () => tls });
  }

  /** One stream: status, body, trailers. */
  function call(
    s: ClientHttp2Session,
    headers: Record<string, string>,
    body = '',
  ): Promise<{ status: number; body: string; trailers: Record<string, unknown> }> {
    return new Promise((resolve, reject) => {
      const stream: ClientHttp2Stream = s.request(headers);
      let status = 0;
      let text = '';
      let trailers: Record<string, unknown> = {};
      stream.on('response', (h) => {
        status = Number(h[':status']);
      });
      stream.on('trailers', (t) => {
        trailers = { ...t };
      });
      stream.on('data', (d: Buffer) => {
        text += d.toString('latin1');
      });
      stream.on('end', () => resolve({ status, body: text, trailers }));
      stream.on('error', reject);
      // GET and HEAD streams are ended by the client already.
      if (stream.writable) stream.end(body);
    });
  }

  test('curl --http2: GET allowed and POST denied on one connection, one http event per stream', async () => {
    const before = (await events()).length;
    const url = `https://grpc.example.test:${h2Port}`;
    const out = await curl([`${url}/v1/items`, '--next', '-X', 'POST', '-d', 'x=1', `${url}/v1/items`]);
    const lines = out.trim().split('\n');
    assert.equal(lines[0], 'h2.0 GET /v1/items [200 h2]', out);
    assert.match(
      lines[1] ?? '',
      /"error":"policy_denied".*POST \/v1\/items not permitted by policy 'api'.* \[403 h2\]$/,
    );
    const httpAfter = (all: EgressEvent[]) => all.slice(before).filter((e) => e.layer === 'http');
    const mine = httpAfter(await eventsWhen(gateway.eventsPath, (all) => httpAfter(all).length >= 2));
    assert.deepEqual(
      mine.map((e) => `${e.action} ${e.method} ${e.host}${e.path} ${e.status}`),
      [`allow GET grpc.example.test/v1/items 200`, `deny POST grpc.example.test/v1/items 403`],
    );
    assert.ok(
      !seen.some((l) => l.startsWith('h2.0 POST /v1/items')),
      'the denied stream reached the upstream',
    );
  });

  test('gRPC-style streams on one session: an allowed method gets its message and trailers, a denied one 403, concurrently', async () => {
    const s = await session('grpc.example.test', h2Port);
    try {
      const grpc = (method: string) => ({
        ':method': 'POST',
        ':path': `/pkg.Items/${method}`,
        'content-type': 'application/grpc',
        te: 'trailers',
        'x-api-key': PLACEHOLDER,
      });
      const [got, del, again] = await Promise.all([
        call(s, grpc('Get'), 'hello'),
        call(s, grpc('Delete'), 'bye'),
        call(s, grpc('Get'), 'again'),
      ]);
      assert.equal(got.status, 200);
      assert.equal(got.body.slice(5), 'hello');
      assert.equal(got.trailers['grpc-status'], '0');
      assert.equal(again.body.slice(5), 'again');
      assert.equal(del.status, 403);
      assert.match(del.body, /POST \/pkg\.Items\/Delete not permitted by policy 'api'/);
      // The credential was substituted in the HTTP/2 headers; the denied stream reached nobody.
      assert.deepEqual(seen.filter((l) => l.includes('/pkg.Items/')).sort(), [
        `h2.0 POST /pkg.Items/Get ${SECRET}`,
        `h2.0 POST /pkg.Items/Get ${SECRET}`,
      ]);
    } finally {
      s.close();
    }
  });

  test('the placeholder in an HTTP/2 header to another host is denied on its stream', async () => {
    const s = await session('other.example.test', h2Port);
    try {
      const r = await call(s, { ':path': '/collect', 'x-api-key': PLACEHOLDER });
      assert.equal(r.status, 403);
      assert.match(r.body, /placeholder of credential ANTHROPIC_API_KEY sent to other\.example\.test/);
    } finally {
      s.close();
    }
    assert.ok(!seen.some((l) => l.includes('/collect')));
  });

  test(':authority naming another host is refused on its stream (fronting inside HTTP/2)', async () => {
    const s = await session('grpc.example.test', h2Port);
    try {
      const r = await call(s, { ':path': '/v1/x', ':authority': 'evil.test' });
      assert.equal(r.status, 403);
      assert.match(r.body, /Host evil\.test does not name grpc\.example\.test/);
      const ok = await call(s, { ':path': '/v1/y' });
      assert.equal(ok.status, 200, 'the connection keeps serving');
    } finally {
      s.close();
    }
  });

  test('an HTTP/1.1-only upstream: the client speaks h2 to the gateway, the gateway HTTP/1.1 upstream', async () => {
    const url = `https://old.example.test:${h1Port}`;
    const out = await curl([`${url}/r`, '--next', '-X', 'DELETE', `${url}/r`]);
    const lines = out.trim().split('\n');
    assert.equal(lines[0], 'h1.1 GET /r [200 h2]', out);
    assert.match(lines[1] ?? '', /\[403 h2\]$/);
    assert.ok(seen.includes(`h1.1 GET /r old.example.test:${h1Port}`), seen.join('\n'));
  });

  test('a client that resets its connection after its answer is not a denial: no event, no deny', async () => {
    const budget = gateway.context.sandboxes.get('box')?.budget;
    const open = budget?.used('connections') ?? -1;
    const before = (await events()).length;
    let socket: Socket | undefined;
    const s = await session('grpc.example.test', h2Port, (raw) => {
      socket = raw;
    });
    const r = await call(s, { ':path': '/v1/items' });
    assert.equal(r.status, 200);
    // A TCP RST under the TLS session (what a killed client, or curl closing with unread data, sends).
    socket?.resetAndDestroy();
    // Done when the gateway has given the connection back; then one more request, so its event follows any
    // the reset produced.
    await eventsWhen(gateway.eventsPath, () => budget?.used('connections') === open);
    assert.equal(budget?.used('connections'), open, 'the gateway closed the reset connection');
    assert.equal(
      (await curl([`https://grpc.example.test:${h2Port}/v1/alive`])).trim(),
      'h2.0 GET /v1/alive [200 h2]',
    );
    const isAlive = (e: EgressEvent) => e.path === '/v1/alive';
    const mine = (await eventsWhen(gateway.eventsPath, (all) => all.slice(before).some(isAlive))).slice(
      before,
    );
    assert.deepEqual(
      mine.filter((e) => e.action === 'deny').map((e) => e.reason),
      [],
      'a reset is the client leaving, not malformed HTTP/2',
    );
    assert.deepEqual(
      mine.filter((e) => e.layer === 'http').map((e) => e.path),
      ['/v1/items', '/v1/alive'],
    );
  });

  test('malformed HTTP/2 after the handshake: a denial with an event, the daemon lives', async () => {
    const before = (await events()).length;
    const socket = await new Promise<Socket>((resolve, reject) => {
      const req = httpRequest({
        host: GATEWAY_IP,
        port: gateway.ports.proxy,
        method: 'CONNECT',
        path: `grpc.example.test:${h2Port}`,
      });
      req.on('connect', (_res, s) => resolve(s));
      req.on('error', reject);
      req.end();
    });
    const tls = tlsConnect({
      socket,
      servername: 'grpc.example.test',
      ca: gateway.context.tls?.ca.certPem ?? '',
      ALPNProtocols: ['h2'],
    });
    await new Promise((r) => tls.once('secureConnect', r));
    tls.resume();
    tls.write(Buffer.alloc(64, 0xff));
    // The gateway closes the connection (the tunnel under it ends).
    await new Promise((r) => {
      for (const e of ['end', 'close', 'error']) tls.once(e, r);
      socket.once('close', r);
    });
    const malformed = (e: EgressEvent) => /malformed HTTP\/2/.test(e.reason);
    const all = await eventsWhen(gateway.eventsPath, (es) => es.slice(before).some(malformed));
    const refused = all.slice(before).find(malformed);
    assert.equal(refused?.action, 'deny');
    const out = await curl([`https://grpc.example.test:${h2Port}/v1/alive`]);
    assert.equal(out.trim(), 'h2.0 GET /v1/alive [200 h2]');
  });
});
