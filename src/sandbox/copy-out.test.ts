import assert from 'node:assert/strict';
import { lstat, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { test } from 'node:test';
import { pack } from 'tar-stream';
import { extractInto } from './copy-out.js';

type Entry = {
  name: string;
  type?: 'file' | 'symlink' | 'link' | 'directory' | 'fifo';
  body?: string;
  linkname?: string;
  mode?: number;
};

function crafted(entries: Entry[]): PassThrough {
  const p = pack();
  for (const e of entries) {
    if (e.body !== undefined) p.entry({ name: e.name, mode: e.mode ?? 0o644 }, e.body);
    else p.entry({ name: e.name, type: e.type ?? 'file', linkname: e.linkname, size: 0 });
  }
  p.finalize();
  const out = new PassThrough();
  p.pipe(out);
  return out;
}

async function run(entries: Entry[], maxBytes = 1 << 20) {
  const root = await mkdtemp(join(tmpdir(), 'paddock-copyout-'));
  const dest = join(root, 'dest');
  const state = {
    files: [] as string[],
    rejected: [] as { path: string; reason: string }[],
    bytes: 0,
    stopped: false,
  };
  await extractInto(crafted(entries), 'out', dest, (p) => p.startsWith('out/'), maxBytes, state);
  return { root, dest, state };
}

test('a crafted tar with ../ and absolute names writes nothing outside the destination', async () => {
  const { root, dest, state } = await run([
    { name: 'out/ok.txt', body: 'fine' },
    { name: 'out/../../evil.txt', body: 'x' },
    { name: '../evil2.txt', body: 'x' },
    { name: '/tmp/evil3.txt', body: 'x' },
  ]);
  assert.deepEqual(state.files, ['out/ok.txt']);
  assert.deepEqual(state.rejected.map((r) => r.reason).sort(), [
    'absolute path',
    'contains ..',
    'contains ..',
  ]);
  assert.deepEqual(await readdir(root), ['dest']);
  assert.equal(await readFile(join(dest, 'out/ok.txt'), 'utf8'), 'fine');
  await rm(root, { recursive: true });
});

test('symlinks pointing outside are refused, and nothing is written through a symlink', async () => {
  const { root, dest, state } = await run([
    { name: 'out/abs', type: 'symlink', linkname: '/etc' },
    { name: 'out/up', type: 'symlink', linkname: '../..' },
    { name: 'out/in', type: 'symlink', linkname: 'sub' },
    { name: 'out/in/x.txt', body: 'through a link' },
    { name: 'out/a', type: 'symlink', linkname: '..' },
    { name: 'out/a/b', type: 'symlink', linkname: '..' },
  ]);
  assert.deepEqual(state.files, ['out/in', 'out/a']);
  assert.deepEqual(
    state.rejected.map((r) => [r.path, r.reason]),
    [
      ['out/abs', 'symlink to absolute path /etc'],
      ['out/up', 'symlink points outside the destination (../..)'],
      ['out/in/x.txt', 'path passes through a symlink'],
      ['out/a/b', 'path passes through a symlink'],
    ],
  );
  assert.ok((await lstat(join(dest, 'out/in'))).isSymbolicLink());
  await rm(root, { recursive: true });
});

test('setuid bits are dropped, devices and fifos refused, hard links only to copied files', async () => {
  const { root, dest, state } = await run([
    { name: 'out/suid', body: '#!/bin/sh', mode: 0o4755 },
    { name: 'out/fifo', type: 'fifo' },
    { name: 'out/hl', type: 'link', linkname: 'out/suid' },
    { name: 'out/hl2', type: 'link', linkname: 'etc/shadow' },
  ]);
  assert.equal((await lstat(join(dest, 'out/suid'))).mode & 0o7777, 0o755);
  assert.deepEqual(state.files, ['out/suid', 'out/hl']);
  assert.deepEqual(
    state.rejected.map((r) => r.path),
    ['out/fifo', 'out/hl2'],
  );
  await rm(root, { recursive: true });
});

test('the size cap stops the copy and says so', async () => {
  const { root, state } = await run(
    [
      { name: 'out/a', body: 'x'.repeat(600) },
      { name: 'out/b', body: 'y'.repeat(600) },
      { name: 'out/c', body: 'z' },
    ],
    1000,
  );
  assert.deepEqual(state.files, ['out/a']);
  assert.equal(state.bytes, 600);
  assert.deepEqual(state.rejected, [
    { path: 'out/b', reason: 'over the copy limit of 1000 bytes; the copy stopped here' },
  ]);
  await rm(root, { recursive: true });
});

/** A tar whose one entry is `size` zero bytes, made as it is read (nothing is held in memory). */
function huge(size: number): { tar: PassThrough; produced: () => number } {
  const p = pack();
  let produced = 0;
  const zeros = Buffer.alloc(1 << 20);
  const body = new Readable({
    read() {
      const n = Math.min(zeros.length, size - produced);
      produced += n;
      this.push(n > 0 ? zeros.subarray(0, n) : null);
    },
  });
  const entry = p.entry({ name: 'out/huge', size }, () => p.finalize());
  const tar = new PassThrough();
  for (const s of [body, entry, p]) s.on('error', () => undefined);
  tar.on('close', () => [body, entry, p].forEach((s) => void s.destroy()));
  body.pipe(entry);
  p.pipe(tar);
  return { tar, produced: () => produced };
}

test('over the cap, the archive is cut off instead of read to its end (1 GiB entry, 1 MiB cap)', async () => {
  const root = await mkdtemp(join(tmpdir(), 'paddock-copyout-'));
  const state = {
    files: [] as string[],
    rejected: [] as { path: string; reason: string }[],
    bytes: 0,
    stopped: false,
  };
  const { tar, produced } = huge(1024 ** 3);
  const started = Date.now();
  await extractInto(tar, 'out', join(root, 'dest'), () => true, 1024 ** 2, state);
  assert.ok(Date.now() - started < 1000, `took ${Date.now() - started} ms`);
  assert.ok(produced() < 64 * 1024 ** 2, `read ${produced()} bytes of the archive`);
  assert.deepEqual(state.files, []);
  assert.match(state.rejected[0]?.reason ?? '', /copy limit of 1048576 bytes; the copy stopped here/);
  await rm(root, { recursive: true });
});
