import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { bootstrapImage } from '../../src/sandbox/image/bootstrap.js';
import { connectEngine, execInSandbox, prune, type SandboxInfo } from '../../src/sandbox/index.js';

export const IMAGE = 'paddock/base:latest';

/** A fresh session id for one test file; `cleanup` prunes only that session. */
export async function testSession(): Promise<{ session: string; cleanup: () => Promise<void> }> {
  await bootstrapImage();
  const session = `t-${randomBytes(4).toString('hex')}`;
  return { session, cleanup: async () => void (await prune({ session })) };
}

/** Run a shell command in the sandbox; collect stdout and stderr as text. */
export async function sh(
  sandbox: SandboxInfo,
  command: string,
  extra: { timeoutMs?: number; env?: Record<string, string> } = {},
): Promise<{ code: number | null; out: string; err: string; timedOut: boolean }> {
  const chunks = { out: [] as Buffer[], err: [] as Buffer[] };
  const sink = (into: Buffer[]): Writable =>
    new Writable({
      write(chunk: Buffer, _enc, done) {
        into.push(chunk);
        done();
      },
    });
  const result = await execInSandbox(sandbox, {
    command,
    stdout: sink(chunks.out),
    stderr: sink(chunks.err),
    ...extra,
  });
  return {
    code: result.exitCode,
    out: Buffer.concat(chunks.out).toString(),
    err: Buffer.concat(chunks.err).toString(),
    timedOut: result.timedOut,
  };
}

/** An image holding a secret outside the usual system paths, and a binary there: what Landlock must hide. */
export const SECRET = 's3cret-behind-landlock';
export const SECRET_IMAGE = 'paddock-test/init-secret:1';

/** Build SECRET_IMAGE from IMAGE (a container that writes /opt/secret and /opt/busybox, committed). */
export async function secretImage(): Promise<string> {
  await bootstrapImage();
  const { docker } = await connectEngine();
  const script = `echo ${SECRET} > /opt/secret && chmod 0644 /opt/secret && cp /usr/bin/busybox /opt/busybox`;
  const c = await docker.createContainer({
    Image: IMAGE,
    User: '0:0',
    Entrypoint: ['sh', '-c', `mkdir -p /opt && ${script}`],
    Cmd: [],
    Labels: { 'paddock.session': 'test-images' },
    HostConfig: { NetworkMode: 'none' },
  });
  try {
    await c.start();
    const { StatusCode } = (await c.wait()) as { StatusCode: number };
    if (StatusCode !== 0) throw new Error(`building ${SECRET_IMAGE} exited ${StatusCode}`);
    const [repo, tag] = SECRET_IMAGE.split(':');
    await c.commit({ repo, tag });
  } finally {
    await c.remove({ force: true }).catch(() => undefined);
  }
  return SECRET_IMAGE;
}
