import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { bootstrapImage } from '../../src/sandbox/image/bootstrap.js';

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'paddock-bootstrap-cache-'));
  await bootstrapImage();
});
after(() => rm(dir, { recursive: true, force: true }));

/** One bootstrap with this cache file: was the remembered fingerprint used? */
async function served(cache: string): Promise<boolean> {
  const lines: string[] = [];
  const result = await bootstrapImage({ cache, log: (l) => lines.push(l) });
  assert.equal(result.built, false, lines.join('\n'));
  return lines.some((l) => l.includes('host files unchanged'));
}

const edit = async (
  file: string,
  f: (v: { fingerprint: string; inputs: Record<string, string> }) => void,
) => {
  const v = JSON.parse(await readFile(file, 'utf8'));
  f(v);
  await writeFile(file, JSON.stringify(v));
};

test('the base image check remembers its fingerprint, keyed by the host files it read and the image', async () => {
  const cache = join(dir, 'base.json');
  assert.equal(await served(cache), false, 'nothing remembered yet: computed');
  const record = JSON.parse(await readFile(cache, 'utf8'));
  const inputs = Object.keys(record.inputs);
  assert.ok(inputs.includes('/etc/ld.so.cache'), 'the loader cache is a key part');
  assert.ok(
    inputs.some((p) => p.endsWith('/node')),
    'the host binaries are key parts',
  );
  assert.ok(
    inputs.some((p) => /libc\.so/.test(p)),
    'the libraries ldd named are key parts',
  );
  assert.equal(await served(cache), true, 'nothing changed: served');

  await edit(cache, (v) => {
    v.inputs['/etc/ld.so.cache'] = '0:0:0:0:0'; // as if ldconfig had run since
  });
  assert.equal(await served(cache), false, 'a host file changed: computed again');
  assert.equal(await served(cache), true, 'and remembered again');

  await edit(cache, (v) => {
    v.fingerprint = 'not-the-label';
  });
  assert.equal(await served(cache), false, 'a fingerprint that is not the image label is not trusted');
  await writeFile(cache, '{"version":1,');
  assert.equal(await served(cache), false, 'a corrupt cache file: computed again');
  assert.equal(await served(cache), true);
});

test('a cache written for another image ID is not served', async () => {
  const cache = join(dir, 'other.json');
  await served(cache);
  await edit(cache, (v) => {
    (v as unknown as { imageId: string }).imageId = 'sha256:0000';
  });
  assert.equal(await served(cache), false);
  assert.match(JSON.parse(await readFile(cache, 'utf8')).imageId, /^sha256:(?!0000)/);
});
