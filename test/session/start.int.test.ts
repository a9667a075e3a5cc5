// Session.start hands a session over while its network is made and its gateway starts (an eval makes, and
// starts, its first containers meanwhile). A sandbox made at once must still be fenced, reach the proxy at the
// port it was told (SANDBOX_PROXY_PORT, the fence's DNAT to the real one) on the planned bridge address and trust
// the session CA; when the gateway cannot start, the sandbox fails with the gateway's error and none is left.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { after, before, test } from 'node:test';
import { PaddockError } from '../../src/common/errors.js';
import { SANDBOX_PROXY_PORT } from '../../src/gateway/index.js';
import { parsePolicy } from '../../src/policy/index.js';
import { bootstrapImage, DEFAULT_IMAGE } from '../../src/sandbox/image/bootstrap.js';
import { execInSandbox, listSandboxes } from '../../src/sandbox/index.js';
import { Session } from '../../src/session/index.js';

const policy = parsePolicy('version: 1\n', '<test>').policy;
let dir: string;

before(async () => {
  await bootstrapImage();
  dir = await mkdtemp(join(tmpdir(), 'paddock-start-'));
});
after(() => rm(dir, { recursive: true, force: true }));

async function sh(info: Parameters<typeof execInSandbox>[0], command: string) {
  let out = '';
  const r = await execInSandbox(info, {
    command,
    timeoutMs: 20_000,
    stdout: new Writable({
      write(chunk: Buffer, _encoding, done) {
        out += chunk.toString();
        done();
      },
    }),
  });
  return { code: r.exitCode, out };
}

test('a sandbox made as soon as the session is handed over is fenced, uses the proxy it was told, trusts the CA', {
  timeout: 120_000,
}, async () => {
  const id = `t-start-${randomBytes(3).toString('hex')}`;
  const session = await Session.start({ id, stateDir: join(dir, id), exclusive: true });
  try {
    // Asked at once, before anything waits for the gateway.
    const info = await session.createSandbox({ name: 'first', image: DEFAULT_IMAGE, policy });
    const gateway = await session.ready();
    assert.notEqual(gateway.ports.proxy, SANDBOX_PROXY_PORT);
    const env = await sh(info, 'echo "$HTTPS_PROXY"');
    assert.equal(env.out.trim(), `http://${new URL(gateway.proxyUrl).hostname}:${SANDBOX_PROXY_PORT}`);
    // Through the told port the request reaches the gateway's proxy, which denies it (no policy allows it).
    const denied = await sh(info, 'wget -O- http://denied.test/ 2>&1; echo "exit $?"');
    assert.match(denied.out, /403/, denied.out);
    const events = await session.client.events({ sandbox: 'first' });
    assert.ok(
      events.some((e) => e.host === 'denied.test' && e.action === 'deny'),
      JSON.stringify(events),
    );
    // The trust files were written in place, after the container may have started: it sees them (bind mounts).
    const ca = await sh(info, 'grep -c "Paddock session CA" /etc/ssl/certs/ca-certificates.crt');
    assert.equal(ca.out.trim(), '1', ca.out);
  } finally {
    await session.close();
  }
});

test('when the gateway cannot start, a sandbox asked for meanwhile fails with its error and none is left', {
  timeout: 120_000,
}, async () => {
  const id = `t-start-${randomBytes(3).toString('hex')}`;
  const session = await Session.start({
    id,
    stateDir: join(dir, id),
    exclusive: true,
    gateway: { upstreamCa: [join(dir, 'no-such-ca.pem')] },
  });
  try {
    const made = session.createSandbox({ name: 'first', image: DEFAULT_IMAGE, policy });
    await assert.rejects(session.ready(), PaddockError);
    await assert.rejects(made, (e: unknown) => e instanceof PaddockError && e.code === 'GATEWAY_FAILED');
    assert.deepEqual(await listSandboxes(id), []);
  } finally {
    await session.close();
  }
});
