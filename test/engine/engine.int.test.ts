import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { connectEngine } from '../../src/sandbox/engine.js';
import { bootstrapImage, DEFAULT_IMAGE } from '../../src/sandbox/image/bootstrap.js';

/** Run a throwaway container to completion; returns exit code and output (stdout and stderr). */
async function runOnce(cmd: string, hostConfig: object = {}): Promise<{ code: number; out: string }> {
  const { docker } = await connectEngine();
  const container = await docker.createContainer({
    Image: DEFAULT_IMAGE,
    Cmd: ['sh', '-c', cmd],
    Tty: true,
    HostConfig: hostConfig,
    Labels: { 'paddock.test': 'engine' },
  });
  try {
    await container.start();
    const { StatusCode } = (await container.wait()) as { StatusCode: number };
    const logs = await container.logs({ stdout: true, stderr: true, follow: false });
    return { code: StatusCode, out: logs.toString().replace(/\r\n/g, '\n') };
  } finally {
    await container.remove({ force: true });
  }
}

describe('engine and base image', async () => {
  const { version, api } = await connectEngine();

  test(`engine answers: Docker ${version} (API ${api})`, () => {
    assert.match(version, /^\d+\.\d+/);
  });

  test('bootstrap is idempotent: a second call reuses the image', async () => {
    await bootstrapImage();
    const again = await bootstrapImage();
    assert.equal(again.built, false);
  });

  test('the base image runs node, curl and sh as uid 1000 in /sandbox', async () => {
    const r = await runOnce(
      'node -e "process.stdout.write(String(1+1))"; echo; curl --version | head -n1; id -u; pwd',
    );
    assert.equal(r.code, 0, r.out);
    const lines = r.out.trim().split('\n');
    assert.equal(lines[0], '2');
    assert.match(lines[1] ?? '', /^curl \d/);
    assert.equal(lines[2], '1000');
    assert.equal(lines[3], '/sandbox');
  });

  describe('an internal network', () => {
    const name = `paddock-t-${randomBytes(3).toString('hex')}`;
    before(async () => {
      const { docker } = await connectEngine();
      await docker.createNetwork({
        Name: name,
        Internal: true,
        Options: { 'com.docker.network.bridge.enable_icc': 'false' },
        Labels: { 'paddock.session': name },
      });
    });
    after(async () => {
      const { docker } = await connectEngine();
      await docker.getNetwork(name).remove();
    });

    test('stops a container from reaching TEST-NET 203.0.113.1', async () => {
      const started = Date.now();
      const r = await runOnce('nc -w 3 203.0.113.1 80 </dev/null && echo REACHED || echo BLOCKED', {
        NetworkMode: name,
      });
      assert.match(r.out.trim(), /(^|\n)BLOCKED$/);
      assert.ok(Date.now() - started < 15_000);
    });
  });
});
