import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { readSocketTable } from './procfs.js';

describe('readSocketTable', () => {
  for (const size of [0, 150, 3583, 3584, 4050, 65_536, 200_000]) {
    test(`returns all ${size} bytes of a file`, async () => {
      const dir = await mkdtemp(join(tmpdir(), 'paddock-procfs-'));
      try {
        const text = 'x'.repeat(size);
        await writeFile(join(dir, 'tcp'), text);
        assert.equal(await readSocketTable(join(dir, 'tcp')), text);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });
  }
  test('reads a live kernel table whole (same text as a plain read)', async () => {
    const { readFileSync } = await import('node:fs');
    for (const p of ['/proc/self/net/tcp', '/proc/self/net/udp'])
      assert.equal((await readSocketTable(p)).split('\n')[0], readFileSync(p, 'latin1').split('\n')[0]);
  });
  test('rejects when the file is gone', async () => {
    await assert.rejects(readSocketTable('/proc/0/net/tcp'));
  });
});
