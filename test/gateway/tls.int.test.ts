import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { createSecureServer, type Http2SecureServer } from 'node:http2';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { EgressEvent } from '../../src/common/event.js';
import { SessionCa } from '../../src/gateway/tls/ca.js';
import type { SandboxInfo } from '../../src/sandbox/types.js';
import { type GatewaySession, openGatewaySession, policyOf } from './fixture.js';
import { gitImage } from './git-image.js';
import { type GitServer, gitServer } from './git-server.js';

// Real clients in a fenced sandbox (curl, git, node fetch, python urllib) against TLS servers on loopback whose
// certificates come from a test CA passed as --upstream-ca; the sandbox trusts only the session CA (mounted).

const POLICY = (git: number, api: number, grpc: number) => `
version: 1
network_policies:
  github_git:
    name: read-only git over https (OpenShell's rules)
    endpoints:
      - host: github.com
        port: ${git}
        protocol: rest
        enforcement: enforce
        rules:
          - allow: { method: GET, path: "**" }
          - allow: { method: HEAD, path: "**" }
          - allow: { method: OPTIONS, path: "**" }
          - allow: { method: POST, path: "/**/git-upload-pack" }
    binaries:
      - { path: /usr/bin/git }
      - { path: /usr/lib/git-core/git-remote-https }
  api:
    endpoints:
      - { host: api.example.test, port: ${api}, protocol: rest, enforcement: enforce, access: read-only }
      - { host: plain.example.test, port: ${api} }
      - host: grpc.example.test
        port: ${grpc}
        protocol: rest
        enforcement: enforce
        rules:
          - allow: { method: POST, path: /pkg.Items/Get }
          - allow: { method: GET, path: /v1/** }
    binaries:
      - { path: /usr/bin/curl }
      - { path: /usr/bin/node }
      - { path: /usr/bin/python3 }
`;

describe('TLS termination and request rules (fenced sandbox, real clients)', () => {
  let gw: GatewaySession;
  let box: SandboxInfo;
  let git: GitServer;
  let api: Server;
  let apiPort = 0;
  let grpc: Http2SecureServer;
  let grpcPort = 0;
  const hits: string[] = [];
  const events = async (pred: (e: EgressEvent) => boolean) =>
    (await gw.client.events({ sandbox: box.name })).filter(pred);

  before(async () => {
    const image = await gitImage();
    const testCa = await SessionCa.create('test-upstreams');
    const dir = await mkdtemp(join(tmpdir(), 'paddock-tls-int-'));
    await writeFile(join(dir, 'test-ca.pem'), testCa.certPem);
    git = await gitServer(testCa);
    api = createServer(
      { SNICallback: (n, cb) => testCa.contextFor(n).then((c) => cb(null, c), cb) },
      (req, res) => {
        hits.push(`${req.method} ${req.url}`);
        res.end(`api ${req.method} ${req.url}\n`);
      },
    );
    apiPort = await new Promise<number>((r) =>
      api.listen(0, '127.0.0.1', () => r((api.address() as AddressInfo).port)),
    );
    gw = await openGatewaySession(
      ['github.com', 'api.example.test', 'plain.example.test', 'grpc.example.test'],
      {
        upstreamCa: [join(dir, 'test-ca.pem')],
      },
    );
    // An HTTP/2 upstream (HTTP/1.1 too): gRPC-style POSTs get a message and the status in trailers.
    grpc = createSecureServer(
      { SNICallback: (n, cb) => testCa.contextFor(n).then((c) => cb(null, c), cb), allowHTTP1: true },
      (req, res) => {
        hits.push(`h${req.httpVersion} ${req.method} ${req.url}`);
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          if (req.headers['content-type'] !== 'application/grpc')
            return res.end(`grpc ${req.method} ${req.url}\n`);
          res.writeHead(200, { 'content-type': 'application/grpc' });
          res.addTrailers({ 'grpc-status': '0' });
          res.end(Buffer.concat(chunks));
        });
      },
    );
    grpcPort = await new Promise<number>((r) =>
      grpc.listen(0, '127.0.0.1', () => r((grpc.address() as AddressInfo).port)),
    );
    box = await gw.sandbox('tls', policyOf(POLICY(git.port, apiPort, grpcPort)), image);
  });
  after(async () => {
    await gw?.close();
    await git?.close();
    api?.close();
    grpc?.close();
  });

  test('the sandbox trusts the session CA through a read-only bundle; no CA key is in it', async () => {
    const r = await gw.exec(box, [
      'sh',
      '-c',
      'echo "$SSL_CERT_FILE $NODE_EXTRA_CA_CERTS $GIT_SSL_CAINFO"; grep -c "BEGIN CERTIFICATE" /etc/ssl/certs/ca-certificates.crt; echo "keys: $(grep -l "PRIVATE KEY" /etc/paddock/* /etc/ssl/certs/* 2>/dev/null)"; (echo x > /etc/paddock/ca.pem) 2>/dev/null && echo writable || echo read-only',
    ]);
    const [vars, count, keys, writable] = r.out.split('\n');
    assert.equal(vars, '/etc/paddock/ca-bundle.pem /etc/paddock/ca.pem /etc/paddock/ca-bundle.pem');
    assert.ok(Number(count) >= 2, `bundle holds the host's CAs plus ours (${count})`);
    assert.equal(keys, 'keys: ');
    assert.equal(writable, 'read-only');
  });

  test('curl: GET allowed, POST denied with 403 JSON naming the rule, on the transparent path', async () => {
    const url = `https://api.example.test:${apiPort}/v1/items`;
    const r = await gw.exec(box, [
      'sh',
      '-c',
      `curl -sS --noproxy '*' -w ' [%{http_code}]\\n' ${url} && curl -sS --noproxy '*' -w ' [%{http_code}]\\n' -X POST -d x=1 ${url}`,
    ]);
    assert.match(r.out, /^api GET \/v1\/items\n \[200\]\n/);
    assert.match(r.out, /"error":"policy_denied".*POST \/v1\/items not permitted by policy 'api'.*\[403\]/);
    assert.ok(!hits.includes('POST /v1/items'), 'the POST never reached the server');
    const http = await events((e) => e.layer === 'http' && e.path === '/v1/items');
    assert.deepEqual(
      http.map((e) => [e.action, e.method, e.status, e.binary]),
      [
        ['allow', 'GET', 200, '/usr/bin/curl'],
        ['deny', 'POST', 403, '/usr/bin/curl'],
      ],
    );
  });

  test('curl through the explicit proxy (CONNECT) is inspected the same way', async () => {
    const r = await gw.exec(box, [
      'curl',
      '-sS',
      '-X',
      'DELETE',
      '-w',
      ' [%{http_code}]',
      `https://api.example.test:${apiPort}/v1/x`,
    ]);
    assert.match(r.out, /DELETE \/v1\/x not permitted.*\[403\]/);
  });

  test('node fetch and python urllib through terminated TLS', async () => {
    const node = await gw.exec(box, [
      'node',
      '-e',
      `fetch('https://api.example.test:${apiPort}/from-node').then(async r => console.log(r.status, await r.text())).catch(e => console.log('failed', e.cause?.code ?? e.message))`,
    ]);
    assert.equal(node.out.trim(), '200 api GET /from-node');
    const py = await gw.exec(box, [
      'python3',
      '-c',
      `import urllib.request as u; r = u.urlopen('https://api.example.test:${apiPort}/from-python'); print(r.status, r.read().decode().strip())`,
    ]);
    assert.equal(py.out.trim(), '200 api GET /from-python');
  });

  test('curl --http2: GET allowed and POST denied on one HTTP/2 connection, one http event per stream', async () => {
    const url = `https://grpc.example.test:${grpcPort}/v1/h2`;
    const w = ['-w', "' [%{http_code} h%{http_version}]\\n'"].join(' ');
    const r = await gw.exec(box, [
      'sh',
      '-c',
      `curl -sS --http2 --noproxy '*' ${w} ${url} --next --http2 --noproxy '*' ${w} -X POST -d x=1 ${url}`,
    ]);
    const [get, post] = r.out
      .trim()
      .split('\n')
      .filter((l) => l.includes('['));
    assert.equal(get, ' [200 h2]', r.out);
    assert.match(
      post ?? '',
      /"error":"policy_denied".*POST \/v1\/h2 not permitted by policy 'api'.*\[403 h2\]$/,
    );
    assert.ok(
      hits.includes('h2.0 GET /v1/h2') && !hits.some((h) => h.endsWith('POST /v1/h2')),
      hits.join(', '),
    );
    const http = await events((e) => e.layer === 'http' && e.path === '/v1/h2');
    assert.deepEqual(
      http.map((e) => [e.action, e.method, e.status, e.binary]),
      [
        ['allow', 'GET', 200, '/usr/bin/curl'],
        ['deny', 'POST', 403, '/usr/bin/curl'],
      ],
    );
  });

  test("gRPC-style calls from node's http2 client: one method allowed (message and trailers), another denied, on one session", async () => {
    const script = `
const h2 = require('node:http2');
const s = h2.connect('https://grpc.example.test:${grpcPort}');
const call = (m) => new Promise((done) => {
  const st = s.request({ ':method': 'POST', ':path': '/pkg.Items/' + m, 'content-type': 'application/grpc', te: 'trailers' });
  const out = { m, status: 0, body: '', trailers: {} };
  st.on('response', (h) => { out.status = h[':status']; });
  st.on('trailers', (t) => { out.trailers = { 'grpc-status': t['grpc-status'] }; });
  st.on('data', (d) => { out.body += d; });
  st.on('end', () => done(out));
  st.on('error', (e) => done({ m, error: e.code }));
  st.end('msg-' + m);
});
Promise.all([call('Get'), call('Delete'), call('Get')]).then((r) => { console.log(JSON.stringify(r)); s.close(); });
`;
    const r = await gw.exec(box, ['node', '-e', script]);
    const [get, del, again] = JSON.parse(r.out.trim()) as {
      status: number;
      body: string;
      trailers: Record<string, string>;
    }[];
    assert.deepEqual(
      get,
      { m: 'Get', status: 200, body: 'msg-Get', trailers: { 'grpc-status': '0' } },
      r.out,
    );
    assert.deepEqual(again?.body, 'msg-Get');
    assert.equal(del?.status, 403);
    assert.match(del?.body ?? '', /POST \/pkg\.Items\/Delete not permitted by policy 'api'/);
    const http = await events((e) => e.layer === 'http' && /^\/pkg\.Items\//.test(e.path ?? ''));
    assert.deepEqual(http.map((e) => `${e.action} ${e.method} ${e.path} ${e.status} ${e.binary}`).sort(), [
      'allow POST /pkg.Items/Get 200 /usr/bin/node',
      'allow POST /pkg.Items/Get 200 /usr/bin/node',
      'deny POST /pkg.Items/Delete 403 /usr/bin/node',
    ]);
    assert.ok(!hits.some((h) => h.includes('/pkg.Items/Delete')), 'the denied call reached the server');
  });

  test('git clone over https is allowed and git push is denied by the read-only rules', async () => {
    const base = `https://github.com:${git.port}/repo.git`;
    const r = await gw.exec(
      box,
      [
        'sh',
        '-c',
        `cd /tmp && git clone -q ${base} r && cat r/README && cd r && echo more >> README && git -c user.name=a -c user.email=a@a.test commit -qam change && git push -q origin HEAD:main 2>&1; echo "push exit $?"`,
      ],
      60_000,
    );
    assert.match(r.out, /\nhello from the test git server\n|^hello from the test git server\n/);
    assert.match(r.out, /403/);
    assert.match(r.out, /push exit [1-9]/);
    assert.ok(
      git.requests.some((l) => /^POST \/repo\.git\/git-upload-pack$/.test(l)),
      git.requests.join(', '),
    );
    assert.ok(
      !git.requests.some((l) => /receive-pack/.test(l) && l.startsWith('POST')),
      'no push reached the server',
    );
    const denied = await events(
      (e) => e.layer === 'http' && e.action === 'deny' && /receive-pack/.test(e.path ?? ''),
    );
    assert.ok(denied.length >= 1, 'the push is recorded as a request-level denial');
    assert.match(denied[0]?.binary ?? '', /git-remote-https$/);
  });

  test('a spliced host (no request rules) still refuses a ClientHello naming another host', async () => {
    const r = await gw.exec(box, [
      'sh',
      '-c',
      `curl -sS --noproxy '*' -k --connect-to evil.test:${apiPort}:plain.example.test:${apiPort} https://evil.test:${apiPort}/ -o /dev/null -w '%{http_code}'; echo " exit $?"`,
    ]);
    assert.match(r.out, /exit (35|56|52|7)/);
    const refused = await events((e) => /domain fronting/.test(e.reason));
    assert.match(refused[0]?.reason ?? '', /TLS server name evil\.test does not match plain\.example\.test/);
  });
});
