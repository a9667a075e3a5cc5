import assert from 'node:assert/strict';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { after, before, mock, test } from 'node:test';
import { DROP_BATCH_MS, IdentityHelper } from './helper.js';

// A stand-in for paddock-identd (a shell script speaking its protocol): attach k1 succeeds and records a
// connect from port 40000; take 1 answers its peer (until drop 1 lets it go); `attach die` makes it exit, as a crash would.
const FAKE = `#!/bin/sh
while read -r cmd a b; do
  case "$cmd $a" in
    "attach die") exit 3 ;;
    "attach k1") echo "attached k1"; echo "conn 1 k1 40000 77 10 /usr/bin/curl|0|||curl" ;;
    "attach k2") echo "error k2 no identity listener at fd 200 of pid $b: Bad file descriptor" ;;
    "drop 1") dropped=1 ;;
    "take 1") if [ -n "$dropped" ]; then echo "gone 1 not held"; else echo "took 1 172.30.0.1 443"; fi ;;
    take*) echo "gone $a not held" ;;
  esac
done
`;

let dir: string;
let fake: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'paddock-identd-'));
  fake = join(dir, 'identd');
  await writeFile(fake, FAKE);
  await chmod(fake, 0o755);
});
after(() => rm(dir, { recursive: true, force: true }));

const helper = (logs: string[]) =>
  new IdentityHelper({ binary: () => fake, log: (l) => logs.push(l), answerMs: 5000 });

test('attach, a record, its peer: what a connection from port 40000 is looked up with', async () => {
  const h = helper([]);
  assert.equal(await h.attach('k1', 123), null);
  const found = await h.store.find('k1', 40000, 5000);
  assert.ok('record' in found);
  assert.equal(found.record.processes[0].exe, '/usr/bin/curl');
  assert.deepEqual(await h.take(found.record.id), { ip: '172.30.0.1', port: 443 });
  assert.deepEqual(await h.take('9'), { why: 'not held' });
  h.close();
});

test('drop lets a recorded socket go without an answer (a CONNECT needs no destination)', async () => {
  const h = helper([]);
  assert.equal(await h.attach('k1', 123), null);
  h.drop('1');
  assert.deepEqual(await h.take('1'), { why: 'not held' });
  h.close();
});

test('an attach identd refuses says why; lookups for it deny saying so', async () => {
  const h = helper([]);
  const why = await h.attach('k2', 456);
  assert.equal(why, 'no identity listener at fd 200 of pid 456: Bad file descriptor');
  assert.deepEqual(await h.store.find('k2', 40000, 5000), { why });
  h.close();
});

test('identd exits: sandboxes it served are lost (lookups deny at once), the gateway logs it, the next attach starts a new one', async () => {
  const logs: string[] = [];
  const h = helper(logs);
  assert.equal(await h.attach('k1', 123), null);
  await h.store.find('k1', 40000, 5000); // the record it sent is claimed
  const waiting = h.store.find('k1', 40001, 60_000);
  assert.match((await h.attach('die', 1)) ?? '', /identd exited \(status 3\)/);
  assert.deepEqual(await waiting, { why: 'the identity helper is gone (identd exited (status 3))' });
  assert.match(
    logs.join('\n'),
    /identity: identd exited \(status 3\); sandboxes with connect-time identity deny/,
  );
  assert.equal(await h.attach('k1', 123), null, 'a new identd answers');
  h.close();
});

test('a binary that cannot be found: attach says so, nothing throws', async () => {
  const logs: string[] = [];
  const h = new IdentityHelper({
    binary: () => {
      throw new Error('paddock-identd for x64 is missing');
    },
    log: (l) => logs.push(l),
  });
  assert.equal(await h.attach('k1', 1), 'the identity helper could not be started');
  assert.match(logs.join('\n'), /paddock-identd for x64 is missing/);
});

/** A fake identd child: records each write to its stdin; answers attach k1. */
function fakeChild(writes: string[]) {
  const child = new EventEmitter() as ChildProcessWithoutNullStreams;
  const stdout = new PassThrough();
  const stdin = new Writable({
    write(chunk: Buffer, _e, done) {
      const text = chunk.toString();
      writes.push(text);
      if (text.includes('attach k1')) stdout.write('attached k1\n');
      done();
    },
  });
  Object.assign(child, { stdin, stdout, stderr: new PassThrough(), kill: () => true });
  return child;
}

test('drops wait and go out in one write: none while the connection is admitted, all before the next command', async () => {
  const writes: string[] = [];
  const h = new IdentityHelper({
    binary: () => 'identd',
    log: () => undefined,
    spawn: () => fakeChild(writes),
    answerMs: 1,
  });
  assert.equal(await h.attach('k1', 123), null);
  writes.length = 0;
  mock.timers.enable({ apis: ['setTimeout'] });
  try {
    h.drop('1');
    h.drop('2');
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(writes, [], 'no write (no identd wake-up) in the turn that dropped');
    h.drop('3');
    const took = h.take('4');
    assert.deepEqual(
      writes,
      ['drop 1\ndrop 2\ndrop 3\ntake 4\n'],
      'the waiting drops go first, in the same write',
    );
    h.drop('5');
    mock.timers.tick(DROP_BATCH_MS - 1);
    assert.equal(writes.length, 1);
    mock.timers.tick(1);
    assert.deepEqual(writes.slice(1), ['drop 5\n'], 'on their own once the batch time is up');
    mock.timers.tick(1);
    assert.deepEqual(await took, { why: 'identd did not answer take' });
  } finally {
    mock.timers.reset();
    h.close();
  }
});
