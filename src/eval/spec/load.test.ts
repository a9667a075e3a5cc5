import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { selectRuns } from '../select.js';
import { listFiles } from './load.js';

describe('listFiles', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'paddock-files-'));
  after(() => rm(dir, { recursive: true, force: true }));
  for (const f of [
    'a.txt',
    'sub/b.txt',
    'node_modules/x.js',
    'paddock-results/results.json',
    'out/results.json',
  ])
    await mkdir(join(dir, f, '..'), { recursive: true }).then(() => writeFile(join(dir, f), f));

  test('every file, sorted, without node_modules and the default results folder', async () => {
    assert.deepEqual(await listFiles(dir), ['a.txt', 'out/results.json', 'sub/b.txt']);
  });

  test('a results folder of another name inside the spec folder is skipped when named', async () => {
    assert.deepEqual(await listFiles(dir, { skip: [join(dir, 'out')] }), ['a.txt', 'sub/b.txt']);
  });

  test("an eval's results folder inside its spec folder is not among the spec's files (files: '**')", async () => {
    await writeFile(join(dir, 'paddock.yml'), "version: 1\nname: t\nrun: 'true'\nfiles: ['**']\n");
    const { files } = await selectRuns({ spec: join(dir, 'paddock.yml'), resultsDir: join(dir, 'out') });
    assert.equal(files.includes('out/results.json'), false, files.join(' '));
    assert.ok(files.includes('sub/b.txt'));
  });
});
