import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable, Writable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { isPaddockError } from '../../src/common/errors.js';
import { createSandbox, execInSandbox, type SandboxInfo } from '../../src/sandbox/index.js';
import { IMAGE, sh, testSession } from './fixture.js';

describe('exec in a sandbox', () => {
  let cleanup: () => Promise<void>;
  let box: SandboxInfo;
  let dir: string;

  before(async () => {
    const t = await testSession();
    cleanup = t.cleanup;
    box = await createSandbox({ session: t.session, name: 'exec', image: IMAGE, env: { BASE: 'b' } });
    dir = await mkdtemp(join(tmpdir(), 'paddock-exec-'));
  });
  after(async () => {
    await cleanup();
    await rm(dir, { recursive: true, force: true });
  });

  const codes: [string, number][] = [
    ['exit 0', 0],
    ['exit 3', 3],
    ['false', 1],
    ['kill -TERM $$', 143],
    ['nosuchcommand', 127],
  ];
  for (const [command, code] of codes) {
    test(`${command} reports exit code ${code}`, async () =>
      assert.equal((await sh(box, command)).code, code));
  }

  test('argv commands are not passed through a shell', async () => {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    const r = await execInSandbox(box, { command: ['echo', '$HOME; id'], stdout: out });
    assert.equal(r.exitCode, 0);
    assert.equal(Buffer.concat(chunks).toString(), '$HOME; id\n');
  });

  test('stdout and stderr are separated and written to files; env is explicit', async () => {
    const r = await execInSandbox(box, {
      command: 'echo "out $BASE $EXTRA"; echo err >&2; pwd; id -u',
      env: { EXTRA: 'x' },
      stdout: join(dir, 'o/stdout.log'),
      stderr: join(dir, 'o/stderr.log'),
    });
    assert.equal(r.exitCode, 0);
    assert.equal(await readFile(join(dir, 'o/stdout.log'), 'utf8'), 'out b x\n/sandbox\n1000\n');
    assert.equal(await readFile(join(dir, 'o/stderr.log'), 'utf8'), 'err\n');
  });

  test('output over the cap is dropped, reported as truncated, and never reads as success', async () => {
    const r = await execInSandbox(box, {
      command: 'head -c 100000 /dev/zero',
      stdout: join(dir, 'big'),
      maxOutputBytes: 1000,
    });
    assert.notEqual(r.exitCode, 0);
    assert.equal(r.truncated, true);
    assert.match(r.outputLimit ?? '', /stdout passed the output limit of 1000 bytes/);
    assert.equal((await readFile(join(dir, 'big'))).length, 1000);
  });

  const endless: [string, string][] = [
    ['stdout', 'yes'],
    ['stderr', 'yes >&2'],
  ];
  for (const [which, command] of endless) {
    test(`endless ${which} past a 1 MiB cap kills the command promptly`, async () => {
      const r = await execInSandbox(box, { command, maxOutputBytes: 1024 ** 2, timeoutMs: 60_000 });
      assert.ok(r.durationMs < 5000, `took ${r.durationMs} ms`);
      assert.equal(r.truncated, true);
      assert.equal(r.timedOut, false);
      assert.notEqual(r.exitCode, 0);
      assert.match(r.outputLimit ?? '', new RegExp(`^${which} passed the output limit`));
      assert.equal((await sh(box, 'ps -o args | grep -c "^yes" || true')).out.trim(), '0');
    });
  }

  test('output under the cap leaves outputLimit unset', async () => {
    const r = await execInSandbox(box, { command: 'head -c 1000 /dev/zero', maxOutputBytes: 1000 });
    assert.deepEqual([r.exitCode, r.truncated, r.outputLimit], [0, false, undefined]);
  });

  test('timeout kills the whole process tree and reports timedOut', async () => {
    const started = Date.now();
    const r = await sh(box, 'sleep 300 & (sleep 301 &) ; sh -c "sleep 302" & wait', { timeoutMs: 500 });
    assert.equal(r.timedOut, true);
    assert.notEqual(r.code, 0);
    assert.ok(Date.now() - started < 5000);
    const left = await sh(box, 'ps -o comm,args | grep -c "sleep 30[012]" || true');
    assert.equal(left.out.trim(), '0');
  });

  test('abort kills the command and rejects with CANCELLED', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    await assert.rejects(execInSandbox(box, { command: 'sleep 200', signal: controller.signal }), (e) =>
      isPaddockError(e, 'CANCELLED'),
    );
    assert.equal((await sh(box, 'ps -o args | grep -c "^sleep 200" || true')).out.trim(), '0');
  });

  test('stdin and stdout are binary-safe and stdin EOF reaches the command', async () => {
    const data = randomBytes(256 * 1024);
    const chunks: Buffer[] = [];
    const r = await execInSandbox(box, {
      command: ['cat'],
      stdin: Readable.from([data.subarray(0, 1000), data.subarray(1000)]),
      stdout: new Writable({
        write(c: Buffer, _e, done) {
          chunks.push(c);
          done();
        },
      }),
      timeoutMs: 10000,
    });
    assert.equal(r.exitCode, 0);
    assert.equal(r.timedOut, false);
    assert.ok(Buffer.concat(chunks).equals(data));
  });

  test('a TTY exec sees a terminal', async () => {
    const chunks: Buffer[] = [];
    const out = new PassThrough();
    out.on('data', (c: Buffer) => chunks.push(c));
    const r = await execInSandbox(box, { command: 'test -t 1 && echo tty', tty: true, stdout: out });
    assert.equal(r.exitCode, 0);
    assert.match(Buffer.concat(chunks).toString(), /tty/);
  });

  test('an unknown sandbox id is SANDBOX_NOT_FOUND', async () => {
    await assert.rejects(execInSandbox('paddock-nope-nothing', { command: 'true' }), (e) =>
      isPaddockError(e, 'SANDBOX_NOT_FOUND'),
    );
  });
});
