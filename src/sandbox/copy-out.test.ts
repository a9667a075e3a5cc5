import assert from 'node:assert/strict';
import { lstat, mkdir, mkdtemp, readdir, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { describe, test } from 'node:test';
import { type Header, pack } from 'tar-stream';
import { outputGlobs } from './archive.js';
import { extractInto } from './copy-out.js';
import { Extraction, type ExtractionLimits } from './extraction.js';

type Entry = {
  name: string;
  type?: Header['type'];
  body?: string;
  linkname?: string;
  mode?: number;
};

const SECRET = 'HOST SECRET next to the destination';

function crafted(entries: readonly Entry[]): PassThrough {
  const p = pack();
  for (const e of entries) {
    if (e.body !== undefined) p.entry({ name: e.name, mode: e.mode ?? 0o644 }, e.body);
    else p.entry({ name: e.name, type: e.type ?? 'file', linkname: e.linkname, size: 0 });
  }
  p.finalize();
  const out = new PassThrough();
  p.on('error', () => undefined); // the copy may end the archive before its end
  p.pipe(out);
  return out;
}

/** Every symlink under `dest` that resolves outside it, and every file holding the decoy's bytes. */
async function leaks(dest: string): Promise<string[]> {
  const root = await realpath(dest);
  const out: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const name of await readdir(dir)) {
      const path = join(dir, name);
      const st = await lstat(path);
      if (st.isDirectory()) await walk(path);
      else if (st.isSymbolicLink()) {
        const to = await realpath(path).catch(() => null);
        if (!to) out.push(`${relative(root, path)} dangles`);
        else if (relative(root, to).startsWith('..')) out.push(`${relative(root, path)} -> ${to}`);
      } else if (st.isFile() && (await readFile(path, 'utf8')).includes(SECRET))
        out.push(`${relative(root, path)} holds the decoy`);
      else if (!st.isFile()) out.push(`${relative(root, path)} is not a file`);
    }
  };
  await walk(root);
  return out;
}

async function bytesUnder(dir: string): Promise<number> {
  let sum = 0;
  for (const name of await readdir(dir)) {
    const st = await lstat(join(dir, name));
    sum += st.isDirectory() ? await bytesUnder(join(dir, name)) : st.isFile() ? st.size : 0;
  }
  return sum;
}

/** Extract `entries` (the archive of `out`) into root/dest, with a decoy host file at root/secret.txt. */
async function run(entries: readonly Entry[], limits: Partial<ExtractionLimits> = {}) {
  const root = await mkdtemp(join(tmpdir(), 'paddock-copyout-'));
  await writeFile(join(root, 'secret.txt'), SECRET);
  const dest = join(root, 'dest');
  const into = new Extraction(
    dest,
    { matches: (p) => p.startsWith('out/') && !p.endsWith('.skip'), place: (p) => p },
    {
      maxBytes: limits.maxBytes ?? 1 << 20,
      maxEntries: limits.maxEntries ?? 1000,
    },
  );
  await mkdir(dest);
  await extractInto(crafted(entries), 'out', into);
  const result = await into.finish();
  return { root, dest, result };
}

const deep = 'out/a/b/c';
/** l1 climbs to out/; l2's text stays inside, but through l1 it climbs to root/secret.txt. */
const chain: Entry[] = [
  { name: `${deep}/l1`, type: 'symlink', linkname: '../../..' },
  { name: 'out/l2', type: 'symlink', linkname: 'a/b/c/l1/../../secret.txt' },
];

interface Row {
  readonly name: string;
  readonly entries: readonly Entry[];
  readonly limits?: Partial<ExtractionLimits>;
  /** Every path kept, sorted. */
  readonly files: readonly string[];
  /** Every refused path and a pattern its reason matches, in order. */
  readonly rejected: readonly (readonly [string, RegExp])[];
}

const ROWS: readonly Row[] = [
  {
    name: '../ and absolute names write nothing outside',
    entries: [
      { name: 'out/ok.txt', body: 'fine' },
      { name: 'out/../../evil.txt', body: 'x' },
      { name: '../evil2.txt', body: 'x' },
      { name: '/tmp/evil3.txt', body: 'x' },
    ],
    files: ['out/ok.txt'],
    rejected: [
      ['out/../../evil.txt', /contains \.\./],
      ['../evil2.txt', /contains \.\./],
      ['/tmp/evil3.txt', /absolute path/],
    ],
  },
  {
    name: 'absolute and climbing symlinks are refused; one to a sibling is kept',
    entries: [
      { name: 'out/ok.txt', body: 'fine' },
      { name: 'out/abs', type: 'symlink', linkname: '/etc' },
      { name: 'out/up', type: 'symlink', linkname: '../../secret.txt' },
      { name: 'out/fine', type: 'symlink', linkname: 'ok.txt' },
    ],
    files: ['out/fine', 'out/ok.txt'],
    rejected: [
      ['out/abs', /absolute path \/etc/],
      ['out/up', /leads outside the destination/],
    ],
  },
  {
    name: 'a link chain (l2 through l1 past the destination) is refused; l1 itself stays inside',
    entries: chain,
    files: [`${deep}/l1`],
    rejected: [['out/l2', /leads outside the destination/]],
  },
  {
    name: 'the same chain made in the other order (l2 first, l1 later) is refused too',
    entries: [chain[1]!, chain[0]!],
    files: [`${deep}/l1`],
    rejected: [['out/l2', /leads outside/]],
  },
  {
    name: 'a hard link to a chained symlink is refused, not copied from where the link leads',
    entries: [...chain, { name: 'out/hl', type: 'link', linkname: 'out/l2' }],
    files: [`${deep}/l1`],
    rejected: [
      ['out/hl', /hard link to a file outside the copied set/],
      ['out/l2', /leads outside/],
    ],
  },
  {
    name: 'nothing is written through a symlink to a directory',
    entries: [
      { name: 'out/sub/keep.txt', body: 'k' },
      { name: 'out/in', type: 'symlink', linkname: 'sub' },
      { name: 'out/in/x.txt', body: 'through a link' },
      { name: 'out/a', type: 'symlink', linkname: '..' },
      { name: 'out/a/b', type: 'symlink', linkname: '..' },
    ],
    files: ['out/a', 'out/in', 'out/sub/keep.txt'],
    rejected: [
      ['out/in/x.txt', /path passes through a symlink/],
      ['out/a/b', /path passes through a symlink/],
    ],
  },
  {
    name: 'a link made after files whose parent it would become is refused (a directory is in the way)',
    entries: [
      { name: 'out/d/x.txt', body: 'x' },
      { name: 'out/d', type: 'symlink', linkname: '../..' },
    ],
    files: ['out/d/x.txt'],
    rejected: [['out/d', /a directory is in the way/]],
  },
  {
    name: 'an entry whose parent is a file is refused',
    entries: [
      { name: 'out/f', body: 'file' },
      { name: 'out/f/g', body: 'under a file' },
    ],
    files: ['out/f'],
    rejected: [['out/f/g', /path passes through a file/]],
  },
  {
    name: 'a duplicate entry replacing a file with an escaping link leaves neither',
    entries: [
      { name: 'out/x', body: 'first' },
      ...chain.map((e) => ({ ...e, name: e.name.replace('l2', 'x') })),
    ],
    files: [`${deep}/l1`],
    rejected: [['out/x', /leads outside/]],
  },
  {
    name: 'a duplicate entry replacing a link with a file keeps the file (the last entry wins)',
    entries: [
      { name: 'out/x', type: 'symlink', linkname: '../secret.txt' },
      { name: 'out/x', body: 'second' },
    ],
    files: ['out/x'],
    rejected: [],
  },
  {
    name: 'a hard link to a path a later entry made a symlink is refused',
    entries: [
      { name: 'out/x', body: 'file' },
      { name: 'out/x', type: 'symlink', linkname: '../../secret.txt' },
      { name: 'out/hl', type: 'link', linkname: 'out/x' },
    ],
    files: [],
    rejected: [
      ['out/hl', /outside the copied set/],
      ['out/x', /leads outside/],
    ],
  },
  {
    name: 'a link through a kept link to a directory is kept',
    entries: [
      { name: 'out/sub/f.txt', body: 'f' },
      { name: 'out/d', type: 'symlink', linkname: 'sub' },
      { name: 'out/e', type: 'symlink', linkname: 'd/f.txt' },
      { name: 'out/sub/dotdot', type: 'symlink', linkname: '..' },
    ],
    files: ['out/d', 'out/e', 'out/sub/dotdot', 'out/sub/f.txt'],
    rejected: [],
  },
  {
    name: 'loops, dangling links and links through refused links are refused',
    entries: [
      { name: 'out/loop1', type: 'symlink', linkname: 'loop2' },
      { name: 'out/loop2', type: 'symlink', linkname: 'loop1' },
      { name: 'out/dangling', type: 'symlink', linkname: 'nothing/here' },
      { name: 'out/up', type: 'symlink', linkname: '../..' },
      { name: 'out/via', type: 'symlink', linkname: 'up/dest' },
    ],
    files: [],
    rejected: [
      ['out/loop1', /loop/],
      ['out/loop2', /loop/],
      ['out/dangling', /does not exist/],
      ['out/up', /leads outside/],
      ['out/via', /leads outside/],
    ],
  },
  {
    name: 'a chain of 41 links is refused (the kernel follows at most 40)',
    entries: [
      { name: 'out/t.txt', body: 't' },
      ...Array.from({ length: 41 }, (_, i) => ({
        name: `out/c${i}`,
        type: 'symlink' as const,
        linkname: i === 40 ? 't.txt' : `c${i + 1}`,
      })),
    ],
    // c1…c40 need at most 40 follows; c0 needs 41.
    files: ['out/t.txt', ...Array.from({ length: 40 }, (_, i) => `out/c${i + 1}`)].sort(),
    rejected: [['out/c0', /more than 40/]],
  },
  {
    name: 'devices and fifos are refused',
    entries: [
      { name: 'out/fifo', type: 'fifo' },
      { name: 'out/tty', type: 'character-device' },
      { name: 'out/disk', type: 'block-device' },
    ],
    files: [],
    rejected: [
      ['out/fifo', /unsupported entry type fifo/],
      ['out/tty', /unsupported entry type character-device/],
      ['out/disk', /unsupported entry type block-device/],
    ],
  },
  {
    name: 'names too long for the kernel are refused per entry; the rest is copied',
    entries: [
      { name: `out/${'n'.repeat(256)}`, body: 'x' },
      { name: `out/${`${'d'.repeat(200)}/`.repeat(21)}f`, body: 'x' },
      { name: 'out/l', type: 'symlink', linkname: `${'a/'.repeat(2100)}x` },
      { name: 'out/ok.txt', body: 'ok' },
    ],
    files: ['out/ok.txt'],
    rejected: [
      [`out/${'n'.repeat(256)}`, /a name longer than 255 bytes/],
      [`out/${`${'d'.repeat(200)}/`.repeat(21)}f`, /path longer than 4095 bytes/],
      ['out/l', /symlink target longer than 4095 bytes/],
    ],
  },
  {
    name: 'hard links count their bytes against the cap',
    entries: [
      { name: 'out/f', body: 'x'.repeat(600) },
      { name: 'out/hl1', type: 'link', linkname: 'out/f' },
      { name: 'out/hl2', type: 'link', linkname: 'out/f' },
    ],
    limits: { maxBytes: 1000 },
    files: ['out/f'],
    rejected: [['out/hl1', /over the copy limit of 1000 bytes; the copy stopped here/]],
  },
  {
    name: 'a hard link to a copied file is a copy of it',
    entries: [
      { name: 'out/f', body: 'x'.repeat(600) },
      { name: 'out/hl1', type: 'link', linkname: 'out/f' },
      { name: 'out/hl2', type: 'link', linkname: 'etc/shadow' },
    ],
    files: ['out/f', 'out/hl1'],
    rejected: [['out/hl2', /outside the copied set/]],
  },
  {
    name: 'the size cap stops the copy and says so',
    entries: [
      { name: 'out/a', body: 'x'.repeat(600) },
      { name: 'out/b', body: 'y'.repeat(600) },
      { name: 'out/c', body: 'z' },
    ],
    limits: { maxBytes: 1000 },
    files: ['out/a'],
    rejected: [['out/b', /^over the copy limit of 1000 bytes; the copy stopped here$/]],
  },
  {
    name: 'entries that are not copied still count against the cap (they are read)',
    entries: [
      { name: 'out/a', body: 'x'.repeat(10) },
      { name: 'out/big.skip', body: 'y'.repeat(2000) },
      { name: 'out/c', body: 'z' },
    ],
    limits: { maxBytes: 1000 },
    files: ['out/a'],
    rejected: [['out/big.skip', /over the copy limit/]],
  },
  {
    name: 'many tiny entries stop at the entry limit',
    entries: Array.from({ length: 50 }, (_, i) => ({ name: `out/e${i}`, body: '' })),
    limits: { maxEntries: 20 },
    files: Array.from({ length: 20 }, (_, i) => `out/e${i}`).sort(),
    rejected: [['out/e20', /over the limit of 20 entries; the copy stopped here/]],
  },
];

describe('copy-out extraction: nothing under the destination resolves outside it, every byte counts', () => {
  for (const row of ROWS) {
    test(row.name, async () => {
      const { root, dest, result } = await run(row.entries, row.limits);
      try {
        assert.deepEqual(result.files, row.files);
        assert.deepEqual(
          result.rejected.map((r) => r.path),
          row.rejected.map(([p]) => p),
        );
        for (const [i, [, reason]] of row.rejected.entries())
          assert.match(result.rejected[i]?.reason ?? '', reason);
        assert.deepEqual((await readdir(root)).sort(), ['dest', 'secret.txt']);
        assert.deepEqual(await leaks(dest), []);
        const max = row.limits?.maxBytes ?? 1 << 20;
        assert.ok(result.bytes <= max && (await bytesUnder(dest)) <= max, `bytes ${result.bytes}`);
      } finally {
        await rm(root, { recursive: true });
      }
    });
  }
});

test('setuid bits are dropped from copied files', async () => {
  const { root, dest } = await run([{ name: 'out/suid', body: '#!/bin/sh', mode: 0o4755 }]);
  assert.equal((await lstat(join(dest, 'out/suid'))).mode & 0o7777, 0o755);
  await rm(root, { recursive: true });
});

test('as root under sudo, handing files back never follows a link to a host file', {
  skip: process.getuid?.() !== 0 && 'needs root',
}, async () => {
  const saved = { uid: process.env.SUDO_UID, gid: process.env.SUDO_GID };
  Object.assign(process.env, { SUDO_UID: '65534', SUDO_GID: '65534' });
  try {
    const { root, dest } = await run([
      ...chain,
      { name: 'out/kept', type: 'symlink', linkname: 'a' },
      { name: 'out/f.txt', body: 'mine' },
    ]);
    assert.equal((await lstat(join(root, 'secret.txt'))).uid, 0, 'the decoy was handed to the invoker');
    assert.equal((await lstat(join(dest, 'out/kept'))).uid, 65534, 'the kept link itself was handed back');
    assert.equal((await lstat(join(dest, 'out/f.txt'))).uid, 65534);
    await rm(root, { recursive: true });
  } finally {
    for (const [k, v] of [
      ['SUDO_UID', saved.uid],
      ['SUDO_GID', saved.gid],
    ] as const)
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
  }
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
  const into = new Extraction(
    join(root, 'dest'),
    { matches: () => true, place: (p) => p },
    { maxBytes: 1024 ** 2, maxEntries: 10 },
  );
  const { tar, produced } = huge(1024 ** 3);
  const started = Date.now();
  await extractInto(tar, 'out', into);
  const result = await into.finish();
  assert.ok(Date.now() - started < 1000, `took ${Date.now() - started} ms`);
  assert.ok(produced() < 64 * 1024 ** 2, `read ${produced()} bytes of the archive`);
  assert.deepEqual(result.files, []);
  assert.match(result.rejected[0]?.reason ?? '', /copy limit of 1048576 bytes; the copy stopped here/);
  await rm(root, { recursive: true });
});

test('a deep tree of many files takes time for its entries, not entries × depth (1,500 files 250 folders deep)', {
  // Each entry looked at and made every folder above it, one call each: 29 ms an entry at depth 200, so an agent's
  // 100,000 empty files 2,000 folders deep (within PATH_MAX, and no bytes to count) held the collection for hours.
  timeout: 25_000,
}, async () => {
  const root = await mkdtemp(join(tmpdir(), 'paddock-copyout-'));
  const dest = join(root, 'dest');
  await mkdir(dest);
  const into = new Extraction(
    dest,
    { matches: (p) => p.startsWith('out/'), place: (p) => p },
    { maxBytes: 1 << 20, maxEntries: 100_000 },
  );
  const deep = `out/${'a/'.repeat(250)}`;
  const entries = Array.from({ length: 1500 }, (_, i) => ({ name: `${deep}f${i}`, body: '' }));
  const started = Date.now();
  await extractInto(crafted(entries), 'out', into);
  const result = await into.finish();
  assert.equal(result.files.length, 1500);
  assert.ok(Date.now() - started < 15_000, `took ${Date.now() - started} ms`);
  await rm(root, { recursive: true });
});

test('many symlinks deep in a tree take time for their entries, not entries × depth (600 links 250 folders deep)', {
  // Each link was checked and then resolved from the destination's root, one lookup per folder above it, and
  // the walk rebuilt the whole path at every step: 27 ms a link at depth 200.
  timeout: 25_000,
}, async () => {
  const root = await mkdtemp(join(tmpdir(), 'paddock-copyout-'));
  const dest = join(root, 'dest');
  await mkdir(dest);
  const into = new Extraction(
    dest,
    { matches: (p) => p.startsWith('out/'), place: (p) => p },
    { maxBytes: 1 << 20, maxEntries: 100_000 },
  );
  const deep = `out/${'a/'.repeat(250)}`;
  const entries: Entry[] = [
    { name: `${deep}f`, body: 'f' },
    ...Array.from({ length: 600 }, (_, i) => ({
      name: `${deep}l${i}`,
      type: 'symlink' as const,
      linkname: 'f',
    })),
    { name: `${deep}up`, type: 'symlink', linkname: `${'../'.repeat(252)}secret.txt` },
  ];
  const started = Date.now();
  await extractInto(crafted(entries), 'out', into);
  const result = await into.finish();
  assert.equal(result.files.length, 601);
  assert.match(result.rejected.map((r) => r.reason).join('\n'), /leads outside the destination/);
  assert.ok(Date.now() - started < 12_000, `took ${Date.now() - started} ms`);
  await rm(root, { recursive: true });
});

describe('laid out as actions/upload-artifact (outputs: ["out/**"])', () => {
  async function placed(entries: readonly Entry[]) {
    const root = await mkdtemp(join(tmpdir(), 'paddock-copyout-'));
    await writeFile(join(root, 'secret.txt'), SECRET);
    const dest = join(root, 'dest');
    await mkdir(dest);
    const into = new Extraction(dest, outputGlobs(['out/**']), { maxBytes: 1 << 20, maxEntries: 100 });
    await extractInto(crafted(entries), 'out', into);
    return { root, dest, result: await into.finish() };
  }

  test('files land relative to out/, links and hard links with them', async () => {
    const { root, dest, result } = await placed([
      { name: 'out/r.txt', body: 'r' },
      { name: 'out/d/s.txt', body: 's' },
      { name: 'out/d/l', type: 'symlink', linkname: '../r.txt' },
      { name: 'out/h', type: 'link', linkname: 'out/d/s.txt' },
    ]);
    assert.deepEqual(result.files, ['d/l', 'd/s.txt', 'h', 'r.txt']);
    assert.deepEqual(result.rejected, []);
    assert.equal(await readFile(join(dest, 'r.txt'), 'utf8'), 'r');
    assert.equal(await readFile(join(dest, 'd/l'), 'utf8'), 'r');
    assert.equal(await readFile(join(dest, 'h'), 'utf8'), 's');
    assert.deepEqual(await leaks(dest), []);
    await rm(root, { recursive: true });
  });

  test('a link that stayed inside /sandbox but climbs out of the stripped root is refused, named by its sandbox path', async () => {
    // out/up -> ../secret.txt resolved inside the old layout (dest/secret.txt); stripped, it would reach the host.
    const { root, dest, result } = await placed([
      { name: 'out/up', type: 'symlink', linkname: '../secret.txt' },
      { name: 'out/d/up2', type: 'symlink', linkname: '../../secret.txt' },
    ]);
    assert.deepEqual(result.files, []);
    assert.deepEqual(result.rejected.map((r) => r.path).sort(), ['out/d/up2', 'out/up']);
    assert.deepEqual(await leaks(dest), []);
    await rm(root, { recursive: true });
  });
});
