// `sandbox restart` from the CLI (a process that never held the key) keeps the sandbox's credential: the gateway
// keeps it across the re-registration, so the placeholder in the restarted container is still swapped for the
// key on requests to its host, and the container still holds only the placeholder.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { SessionCa } from '../../src/gateway/tls/ca.js';
import { ok, paddock, type TestSession, testSession } from './paddock.js';

const SECRET = `sk-ant-api03-${'Rst'.repeat(24)}`;
const API = 'api.anthropic.com';

describe('sandbox restart keeps credentials', () => {
  let s: TestSession;
  let api: Server;
  let port = 0;
  let dir = '';
  const keys: string[] = [];

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'paddock-cred-restart-'));
    const ca = await SessionCa.create('test-upstreams');
    await writeFile(join(dir, 'ca.pem'), ca.certPem);
    api = createServer(
      { SNICallback: (n, cb) => ca.contextFor(n).then((c) => cb(null, c), cb) },
      (req, res) => {
        keys.push(String(req.headers['x-api-key']));
        res.end(req.headers['x-api-key'] === SECRET ? 'key-ok' : 'wrong-key');
      },
    );
    port = await new Promise<number>((r) =>
      api.listen(0, '127.0.0.1', () => r((api.address() as AddressInfo).port)),
    );
    await writeFile(
      join(dir, 'policy.yaml'),
      `version: 1\nnetwork_policies:\n  model:\n    endpoints: [{ host: ${API}, port: ${port} }]\n    binaries: [{ path: /usr/bin/curl }]\n`,
    );
    const base = testSession('t-credrst');
    s = { ...base, env: { ...base.env, ANTHROPIC_API_KEY: SECRET } };
    await ok(s, ['gateway', 'start', '--add-host', `${API}=127.0.0.1`, '--upstream-ca', join(dir, 'ca.pem')]);
    await ok(s, [
      'sandbox',
      'create',
      '-n',
      'box',
      '--policy',
      join(dir, 'policy.yaml'),
      '--credential',
      'ANTHROPIC_API_KEY',
    ]);
  });
  after(async () => {
    if (s) {
      await paddock(s, ['sandbox', 'delete', 'box']);
      await paddock(s, ['gateway', 'stop']);
    }
    api?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const call = async (): Promise<string> => {
    const r = await ok(s, [
      'sandbox',
      'exec',
      'box',
      '--',
      'sh',
      '-c',
      `echo "$ANTHROPIC_API_KEY"; curl -sS --noproxy '*' -H "x-api-key: $ANTHROPIC_API_KEY" https://${API}:${port}/v1/messages`,
    ]);
    return r.out;
  };

  test('the key reaches its host before and after a restart by another CLI process; the sandbox sees a placeholder', async () => {
    const first = (await call()).split('\n');
    assert.match(first[0] ?? '', /^sk-ant-api03-paddock[0-9a-f]+$/);
    assert.equal(first[1], 'key-ok');
    // Without the key in this process's environment: the restart must not need it.
    const { ANTHROPIC_API_KEY: _, ...noKey } = s.env;
    await ok({ ...s, env: noKey }, ['sandbox', 'restart', 'box']);
    const second = (await call()).split('\n');
    assert.equal(second[0], first[0], 'the restarted container holds the same placeholder');
    assert.equal(second[1], 'key-ok', `after the restart the upstream got: ${keys.at(-1)}`);
    assert.deepEqual([...new Set(keys)], [SECRET]);
  });
});
