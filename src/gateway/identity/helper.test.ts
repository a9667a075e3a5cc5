import assert from 'node:assert/strict';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { IdentityHelper } from './helper.js';

// A stand-in for paddock-identd (a shell script speaking its protocol): attach k1 succeeds and records a
// connect from port 40000; take 1 answers its peer (until drop 1 lets it go); `attach die` makes it exit, as a crash would.
const FAKE = `#!/bin/sh
while read -r cmd a b; do
  case "$cmd $a" in
    "attach die") exit 3 ;;
    "attach k1") echo "attached k1"; echo "conn 1 k1 40000 77 10 /usr/bin/curl|0|||curl" ;;
    "claim k1") if [ "$b" = 40000 ] && [ -z "$dropped" ]; then dropped=1; echo "held k1 40000 1 172.30.0.1 443 172.30.0.2 40000"; else echo "unheld k1 $b nothing held on that port"; fi ;;
    "attach k2") echo "error k2 no identity listener at fd 200 of pid $b: Bad file descriptor" ;;
    "drop 1") dropped=1 ;;
    "take 1") if [ -n "$dropped" ]; then echo "gone 1 not held"; else echo "took 1 172.30.0.1 443 172.30.0.2 40000"; fi ;;
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
  assert.deepEqual(await h.take(found.record.id), {
    ip: '172.30.0.1',
    port: 443,
    local: { ip: '172.30.0.2', port: 40000 },
  });
  assert.deepEqual(await h.take('9'), { why: 'not held' });
  h.close();
});

test("a claim by port answers with the held socket's record id and addresses, once", async () => {
  const h = helper([]);
  assert.equal(await h.attach('k1', 123), null);
  assert.deepEqual(await h.claimPort('k1', 40000), {
    id: '1',
    ip: '172.30.0.1',
    port: 443,
    local: { ip: '172.30.0.2', port: 40000 },
  });
  assert.deepEqual(await h.claimPort('k1', 40000), { why: 'nothing held on that port' });
  assert.deepEqual(await h.claimPort('k1', 40001), { why: 'nothing held on that port' });
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
