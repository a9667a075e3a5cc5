// What a user touches behaves the same everywhere: exit statuses and messages of the sandbox verbs, spawned as a
// user would, in a session of its own.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { EXIT } from '../../src/common/errors.js';
import type { Results } from '../../src/eval/results.js';
import { bootstrapImage } from '../../src/sandbox/image/bootstrap.js';
import { CLI, ok, paddock, ROOT, testSession } from './paddock.js';

const session = testSession('t-cli-surf');

describe('paddock sandbox: exit statuses and messages', () => {
  before(async () => {
    await bootstrapImage();
    await ok(session, ['sandbox', 'create', '--name', 'box']);
  });
  after(async () => {
    await paddock(session, ['sandbox', 'prune']);
  });

  test('a command missing in the sandbox says so (exit 127), not the engine’s OCI error', async () => {
    const r = await paddock(session, ['sandbox', 'exec', 'box', '--', 'agent', '--help']);
    assert.equal(r.code, 127, r.stderr);
    assert.equal(
      r.stderr,
      'paddock: "agent": command not found in the sandbox, or not executable ' +
        '(/sandbox is the working directory but not on PATH: use ./NAME)\n',
    );
    assert.equal(r.out, '');
    const path = await paddock(session, ['sandbox', 'exec', 'box', '--', '/sandbox/nope']);
    assert.equal(path.code, 127, path.stderr);
    assert.doesNotMatch(path.stderr, /OCI|runtime/);
  });

  test('a command that runs keeps its own output and exit code', async () => {
    const r = await paddock(session, [
      'sandbox',
      'exec',
      'box',
      '--',
      'sh',
      '-c',
      'echo out; echo err >&2; exit 3',
    ]);
    assert.equal(r.code, 3);
    assert.equal(r.out, 'out\n');
    assert.equal(r.stderr, 'err\n');
  });

  test('sandbox create -o json and sandbox get -o json have the same shape', async () => {
    const created = JSON.parse(
      (await ok(session, ['sandbox', 'create', '--name', 'shape', '-o', 'json'])).out,
    );
    const got = JSON.parse((await ok(session, ['sandbox', 'get', 'shape', '-o', 'json'])).out);
    assert.deepEqual(Object.keys(created).sort(), Object.keys(got).sort());
    assert.deepEqual(created, got);
  });

  test('a duplicate name names the sandbox and its session, not the container (exit 3)', async () => {
    const r = await paddock(session, ['sandbox', 'create', '--name', 'box']);
    assert.equal(r.code, EXIT.invalidInput, r.stderr);
    assert.match(
      r.stderr,
      new RegExp(`^paddock: a sandbox named box already exists in session ${session.id};`),
    );
    assert.doesNotMatch(r.stderr, /paddock-t-cli-surf/);
  });

  for (const [signal, code] of [
    ['SIGTERM', EXIT.terminated],
    ['SIGINT', EXIT.interrupted],
  ] as const) {
    test(`exec stopped by ${signal} kills the command and exits ${code}`, async () => {
      const child = spawn(
        process.execPath,
        [...CLI, 'sandbox', 'exec', 'box', '--', 'sh', '-c', 'echo ready; sleep 60'],
        { cwd: ROOT, env: session.env, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let stderr = '';
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      await new Promise<void>((resolve) =>
        child.stdout.on('data', (c: Buffer) => /ready/.test(c.toString()) && resolve()),
      );
      const exited = new Promise<number | null>((r) => child.once('close', r));
      const sent = Date.now();
      child.kill(signal);
      assert.equal(await exited, code, stderr);
      assert.ok(Date.now() - sent < 20_000, 'did not wait for the command');
    });
  }
});

test('gateway start --upstream-dns [::1]:5353 starts the gateway (IPv6 resolver), it does not exit 5', async () => {
  const own = testSession('t-cli-surf-dns');
  try {
    const r = await paddock(own, ['gateway', 'start', '--upstream-dns', '[::1]:5353']);
    assert.equal(r.code, 0, r.stderr);
    const status = JSON.parse((await ok(own, ['gateway', 'status', '-o', 'json'])).out) as {
      running: boolean;
    };
    assert.equal(status.running, true);
  } finally {
    await paddock(own, ['sandbox', 'prune']);
  }
});

test('eval run -o json prints results.json; the CLI writes the suggested policy (extends default) like the Action', async () => {
  const own = testSession('t-cli-surf-eval');
  const dir = mkdtempSync(join(tmpdir(), 'paddock-surf-eval-'));
  writeFileSync(
    join(dir, 'paddock.yml'),
    'version: 1\nrun: curl -s -m 3 https://evil.test/ || true\nexpect: { egress: allow-denials }\n',
  );
  try {
    const results = join(dir, 'res');
    const r = await paddock(own, [
      'eval',
      'run',
      join(dir, 'paddock.yml'),
      '--results',
      results,
      '-o',
      'json',
    ]);
    assert.equal(r.code, 0, r.stderr);
    const printed = JSON.parse(r.out) as Results;
    assert.deepEqual(printed, JSON.parse(readFileSync(join(results, 'results.json'), 'utf8')));
    assert.equal(printed.policy.source, 'default');
    const suggested = readFileSync(join(results, 'suggested-policy.yaml'), 'utf8');
    assert.match(suggested, /^extends: default$/m);
    assert.match(suggested, /evil\.test/);
    assert.match(readFileSync(join(results, 'summary.md'), 'utf8'), /extends: default/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
