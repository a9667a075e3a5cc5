import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { EgressEvent } from '../../src/common/event.js';
import { connectEngine } from '../../src/sandbox/engine.js';
import { bootstrapImage } from '../../src/sandbox/image/bootstrap.js';
import type { SandboxInfo } from '../../src/sandbox/types.js';
import { buildImage } from '../agents/image.js';
import { type GatewaySession, openGatewaySession, policyOf } from './fixture.js';

// A native executable installed elsewhere and linked into /usr/local/bin, as npm install -g lays out a CLI
// that ships a native binary: relative links, an absolute link (which resolves only against the sandbox's
// root: the host has no /opt/tool), a directory link on the way, a loop, and a link into /tmp.
const DOCKERFILE = `FROM paddock/base:latest
USER 0
RUN mkdir -p /opt/tool/v2/bin /usr/local/bin /usr/local/lib \\
 && cp /usr/bin/curl /opt/tool/v2/bin/fetch && cp /usr/bin/curl /opt/tool/v2/bin/other \\
 && ln -s v2 /opt/tool/current \\
 && ln -s ../../../opt/tool/current/bin/fetch /usr/local/bin/fetch \\
 && ln -s /opt/tool/current/bin/other /usr/local/bin/other \\
 && ln -s loop-b /usr/local/bin/loop-a && ln -s loop-a /usr/local/bin/loop-b \\
 && ln -s /tmp/planted /usr/local/bin/planted
USER 1000:1000
`;
const TAG = 'paddock-test/symlinked-tool:1';

const policy = (port: number, binary: string) =>
  policyOf(`
version: 1
network_policies:
  tool:
    name: tool
    endpoints: [{ host: api.tool.test, port: ${port} }]
    binaries: [{ path: ${binary} }, { path: /usr/local/bin/loop-a }, { path: /usr/local/bin/planted }]
`);

let s: GatewaySession;
let box: SandboxInfo;
let ctx: string;
before(async () => {
  await bootstrapImage();
  ctx = await mkdtemp(join(tmpdir(), 'paddock-tool-'));
  await writeFile(join(ctx, 'Dockerfile'), DOCKERFILE);
  const { docker } = await connectEngine();
  if (
    !(await docker
      .getImage(TAG)
      .inspect()
      .catch(() => null))
  )
    await buildImage(TAG, ['-C', ctx, 'Dockerfile']);
  s = await openGatewaySession(['api.tool.test']);
  box = await s.sandbox('tool', policy(s.upstreamPort, '/usr/local/bin/fetch'), TAG);
});
after(async () => {
  await s?.close();
  if (ctx) await rm(ctx, { recursive: true, force: true });
});

const url = () => `http://api.tool.test:${s.upstreamPort}/`;

async function lastEvent(): Promise<EgressEvent> {
  const events = await s.client.events({ sandbox: 'tool' });
  const e = events.filter((x) => x.host === 'api.tool.test').at(-1);
  assert.ok(e, 'an event for api.tool.test');
  return e;
}

test('a policy naming /usr/local/bin/fetch allows fetch, whose exe is the native target two links away', async () => {
  const r = await s.exec(box, `fetch -s --noproxy '*' ${url()}`);
  assert.equal(r.out, 'hello from upstream\n');
  const e = await lastEvent();
  assert.deepEqual([e.action, e.binary, e.policy], ['allow', '/opt/tool/v2/bin/fetch', 'tool']);
});

test('the same binary under another name, and curl, stay denied', async () => {
  for (const cmd of ['other', 'curl']) {
    const r = await s.exec(box, `${cmd} -s --noproxy '*' -o /dev/null -w '%{http_code}' ${url()}`);
    assert.notEqual(r.out, '200', `${cmd} must not get through`);
    const e = await lastEvent();
    assert.equal(e.action, 'deny', cmd);
  }
});

test('policy show --sandbox data: what each path resolved to, the loop and the writable link reported', async () => {
  const shown = await s.client.policy('tool');
  const rows = shown.bindings.map((b) => [b.path, b.resolved, b.problem ?? null]);
  assert.deepEqual(rows, [
    ['/usr/local/bin/fetch', ['/opt/tool/v2/bin/fetch'], null],
    ['/usr/local/bin/loop-a', [], rows[1]?.[2]],
    ['/usr/local/bin/planted', [], '/tmp/planted does not exist in the sandbox'],
  ]);
  assert.match(String(rows[1]?.[2]), /more than 40 symlinks/);
});

test('after a hot reload the new path is resolved: /usr/local/bin/other (an absolute link) now matches, fetch no longer', async () => {
  await s.client.setPolicy('tool', policy(s.upstreamPort, '/usr/local/bin/other'));
  const r = await s.exec(box, `other -s --noproxy '*' ${url()}`);
  assert.equal(r.out, 'hello from upstream\n');
  assert.deepEqual(
    [(await lastEvent()).action, (await lastEvent()).binary],
    ['allow', '/opt/tool/v2/bin/other'],
  );
  await s.exec(box, `fetch -s --noproxy '*' -o /dev/null ${url()}`);
  assert.equal((await lastEvent()).action, 'deny');
});

test('a link into /tmp binds its target once it exists, and says so with a warning', async () => {
  // The image's own link points into /tmp: whatever the sandbox writes there gets the entry's rights, so the
  // gateway warns (a link read from /tmp itself is never followed: see src/policy/resolve.test.ts).
  await s.exec(box, 'cp /usr/bin/curl /tmp/planted');
  await s.client.setPolicy('tool', policy(s.upstreamPort, '/usr/local/bin/other'));
  const b = (await s.client.policy('tool')).bindings.find((x) => x.path === '/usr/local/bin/planted');
  assert.deepEqual(b?.resolved, ['/tmp/planted']);
  assert.deepEqual(b?.writable, ['/tmp/planted']);
  assert.match((await s.client.policy('tool')).warnings.join('\n'), /planted resolves to \/tmp\/planted/);
});
