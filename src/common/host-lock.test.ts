import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { hostLock } from './host-lock.js';

const dirs: string[] = [];
after(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});
async function lockPath(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'paddock-lock-'));
  dirs.push(dir);
  return join(dir, 'x.lock');
}

test('held, the lock is not had by another taker; released, it is; a release runs once', async () => {
  const path = await lockPath();
  const release = await hostLock(path);
  assert.equal((await readFile(path, 'utf8')).trim(), String(process.pid));
  const other = await hostLock(path, 0); // given up at once: a no-op release, the file untouched
  await other();
  assert.ok(existsSync(path), "the other taker's release leaves the holder's lock");
  await release();
  assert.equal(existsSync(path), false);
  const next = await hostLock(path, 0);
  assert.ok(existsSync(path), 'free again: the next taker has it');
  await release(); // the first holder's release again: must not remove the next owner's lock
  assert.ok(existsSync(path));
  await next();
});

test('a lock whose owner is gone (crashed holding it) is taken over', async () => {
  const path = await lockPath();
  const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
    encoding: 'utf8',
  });
  await writeFile(path, `${gone.stdout}\n`);
  const release = await hostLock(path, 0);
  assert.equal((await readFile(path, 'utf8')).trim(), String(process.pid));
  await release();
});

test('a lock held by a live process of this host waits, then is given up without failing', async () => {
  const path = await lockPath();
  await writeFile(path, '1\n'); // pid 1 lives for as long as the host does
  const t0 = performance.now();
  const release = await hostLock(path, 100);
  assert.ok(performance.now() - t0 >= 90, 'it waited');
  await release();
  assert.equal((await readFile(path, 'utf8')).trim(), '1', "the owner's lock stays");
});
