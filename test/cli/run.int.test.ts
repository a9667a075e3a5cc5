// `paddock run`: a throwaway sandbox with the caller's stdio, spawned as a user (or an MCP harness) would.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { EgressEvent } from '../../src/common/event.js';
import { connectEngine } from '../../src/sandbox/engine.js';
import { bootstrapImage } from '../../src/sandbox/image/bootstrap.js';
import { CLI, ok, paddock, ROOT, testSession } from './paddock.js';

const session = testSession('t-cli-run');

async function containers(id: string): Promise<string[]> {
  const { docker } = await connectEngine();
  const list = await docker.listContainers({ all: true, filters: { label: [`paddock.session=${id}`] } });
  return list.map((c) => c.Names[0] ?? c.Id);
}

describe('paddock run', () => {
  before(async () => {
    await bootstrapImage();
  });
  after(async () => {
    await paddock(session, ['sandbox', 'prune']);
  });

  test("exits with the command's exit code and removes its sandbox", async () => {
    const r = await paddock(session, ['run', '--', 'sh', '-c', 'exit 42']);
    assert.equal(r.code, 42, r.stderr);
    assert.deepEqual(await containers(session.id), []);
  });

  test('stdin and stdout are binary-safe and stdout carries nothing but the child bytes', async () => {
    const input = randomBytes(1024 * 1024 + 17);
    const r = await paddock(session, ['run', '--', 'cat'], { input });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.length, input.length);
    assert.ok(r.stdout.equals(input), 'bytes differ');
  });

  test("stderr is the child's, plus a summary of denials; --events writes them for policy suggest", async () => {
    const plain = await paddock(session, [
      'run',
      '--',
      'sh',
      '-c',
      'echo to-err >&2; curl -s -m 3 https://evil.test/; echo done',
    ]);
    assert.equal(plain.out, 'done\n');
    assert.match(plain.stderr, /^to-err$/m);
    assert.match(
      plain.stderr,
      /1 connection attempt denied:\n {2}DENIED \/usr\/bin\/curl -> evil\.test:443 \[policy:- reason:/,
    );

    const file = join(session.stateDir, 'run-events.jsonl');
    const r = await paddock(session, [
      'run',
      '--events',
      file,
      '--',
      'sh',
      '-c',
      'curl -s -m 3 https://evil.test/; exit 0',
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.out, '');
    assert.match(r.stderr, new RegExp(`events in ${file}`));
    const events = readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as EgressEvent);
    assert.ok(
      events.some((e) => e.action === 'deny' && e.host === 'evil.test' && e.binary === '/usr/bin/curl'),
    );
    const suggested = await ok(session, ['policy', 'suggest', '--events', file]);
    assert.match(suggested.out, /evil\.test/);
    assert.match(suggested.out, /\/usr\/bin\/curl/);
  });

  test('--copy puts host files in /sandbox before the command runs', async () => {
    const r = await ok(session, [
      'run',
      '--copy',
      `${join(ROOT, 'package.json')}:in/pkg.json`,
      '--',
      'sh',
      '-c',
      'grep -c paddock in/pkg.json',
    ]);
    assert.match(r.out, /^[1-9]/);
  });

  test('--audit allows what the policy would deny, logs it as audit, and leaves no session behind', async () => {
    const server = createServer((_req, res) => res.end('upstream says hi\n'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const file = join(session.stateDir, 'audit.jsonl');
    try {
      const r = await paddock(session, [
        'run',
        '--audit',
        '--add-host',
        'evil.test=127.0.0.1',
        '--events',
        file,
        '--',
        'curl',
        '-s',
        '-m',
        '5',
        `http://evil.test:${port}/`,
      ]);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.out, 'upstream says hi\n');
      assert.match(r.stderr, /1 connection attempt audited/);
    } finally {
      server.close();
    }
    const events = readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as EgressEvent);
    assert.ok(events.some((e) => e.action === 'audit' && e.host === 'evil.test' && e.port === port));
    const { docker } = await connectEngine();
    const networks = await docker.listNetworks();
    assert.deepEqual(
      networks.filter((n) => n.Name.startsWith(`paddock-${session.id}-audit-`)).map((n) => n.Name),
      [],
    );
  });

  test('SIGTERM kills the command, removes the sandbox and exits 143', async () => {
    const child = spawn(process.execPath, [...CLI, 'run', '--', 'sh', '-c', 'echo up; sleep 60'], {
      cwd: ROOT,
      env: session.env,
    });
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    child.kill('SIGTERM');
    const code = await new Promise((r) => child.once('close', r));
    assert.equal(code, 143);
    assert.deepEqual(await containers(session.id), []);
  });
});
