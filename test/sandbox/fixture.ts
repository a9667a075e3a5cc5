import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { bootstrapImage } from '../../src/sandbox/image/bootstrap.js';
import { execInSandbox, prune, type SandboxInfo } from '../../src/sandbox/index.js';

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
