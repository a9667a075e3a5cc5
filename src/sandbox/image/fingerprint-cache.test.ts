import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  cachedFingerprint,
  cacheFile,
  identities,
  parseCache,
  saveFingerprint,
} from './fingerprint-cache.js';

const IMAGE = 'sha256:aaaa';
const KEY = '[["/usr/bin/busybox","/usr/bin/busybox"]]';

/** A host with two files and a folder, a cache written for it; `change` alters one thing, then we ask again. */
async function servedAfter(
  change: (dir: string, cache: string) => Promise<void>,
  ask = { image: IMAGE, key: KEY },
) {
  const dir = await mkdtemp(join(tmpdir(), 'paddock-fp-'));
  try {
    const [bin, lib, stdlib] = [join(dir, 'bin'), join(dir, 'lib.so'), join(dir, 'stdlib')];
    await writeFile(bin, 'binary v1');
    await utimes(bin, WHEN, WHEN); // a whole second: utimes can put it back exactly
    await writeFile(lib, 'library');
    await mkdir(stdlib);
    await writeFile(join(stdlib, 'os.py'), '');
    const cache = join(dir, 'cache', 'base.json');
    const inputs = await identities([bin, lib, stdlib]);
    await saveFingerprint(cache, { imageId: IMAGE, fingerprint: 'f1', key: KEY, inputs });
    await change(dir, cache);
    return await cachedFingerprint(cache, ask.image, ask.key);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const WHEN = new Date('2026-01-01T00:00:00Z');

/** Rewrite a file with content of the same size and put its mtime back: only ctime tells. */
async function rewriteInPlace(path: string, text: string): Promise<void> {
  await writeFile(path, text);
  await utimes(path, WHEN, WHEN);
  assert.equal((await stat(path)).mtimeMs, WHEN.getTime());
}

const cases: [string, (dir: string, cache: string) => Promise<void>, { image: string; key: string }?][] = [
  ['a binary rewritten with the same size and mtime', (d) => rewriteInPlace(join(d, 'bin'), 'binary v2')],
  [
    'a library replaced by another file (new inode)',
    async (d) => {
      await writeFile(join(d, 'new.so'), 'library');
      await rename(join(d, 'new.so'), join(d, 'lib.so'));
    },
  ],
  ['a library removed', (d) => rm(join(d, 'lib.so'))],
  ['a file added to a walked folder', (d) => writeFile(join(d, 'stdlib', 'new.py'), '')],
  ['another image ID', async () => undefined, { image: 'sha256:bbbb', key: KEY }],
  ['other host tools (key)', async () => undefined, { image: IMAGE, key: '[]' }],
  ['a truncated cache file', async (_d, c) => writeFile(c, (await readFile(c, 'utf8')).slice(0, 40))],
  ['an empty cache file', (_d, c) => writeFile(c, '')],
  ['a cache file of another version', (_d, c) => editCache(c, (v) => ({ ...v, version: 2 }))],
  ['a cache file without inputs', (_d, c) => editCache(c, (v) => ({ ...v, inputs: {} }))],
  [
    'a cache file whose inputs are not strings',
    (_d, c) => editCache(c, (v) => ({ ...v, inputs: { '/x': 1 } })),
  ],
  ['a missing cache file', (_d, c) => rm(c)],
];

async function editCache(file: string, f: (v: Record<string, unknown>) => unknown): Promise<void> {
  await writeFile(file, JSON.stringify(f(JSON.parse(await readFile(file, 'utf8')))));
}

test('an unchanged host and image are served the remembered fingerprint', async () => {
  assert.equal(await servedAfter(async () => undefined), 'f1');
  assert.equal(await servedAfter((d) => readFile(join(d, 'bin')).then(() => undefined)), 'f1'); // reading changes nothing
});

for (const [name, change, ask] of cases) {
  test(`not served from the cache: ${name}`, async () => {
    assert.equal(await servedAfter(change, ask), undefined);
  });
}

test('parseCache accepts only the exact record saveFingerprint writes', () => {
  const good = { version: 1, imageId: IMAGE, fingerprint: 'f', key: KEY, inputs: { '/a': '1:2:3:4:5' } };
  assert.deepEqual(parseCache(JSON.stringify(good)), {
    imageId: IMAGE,
    fingerprint: 'f',
    key: KEY,
    inputs: { '/a': '1:2:3:4:5' },
  });
  for (const bad of [
    'null',
    '[]',
    '"x"',
    '{',
    JSON.stringify({ ...good, imageId: 7 }),
    JSON.stringify({ ...good, inputs: ['/a'] }),
  ])
    assert.equal(parseCache(bad), undefined, bad);
});

test('the cache file lives under XDG_CACHE_HOME, else ~/.cache, one per image tag', () => {
  const a = cacheFile('paddock/base:latest', { XDG_CACHE_HOME: '/c' });
  assert.match(a, /^\/c\/paddock\/base-image-[0-9a-f]{16}\.json$/);
  assert.match(cacheFile('paddock/base:latest', { HOME: '/h' }), /^\/h\/\.cache\/paddock\/base-image-/);
  assert.notEqual(cacheFile('other:1', { XDG_CACHE_HOME: '/c' }), a);
});
