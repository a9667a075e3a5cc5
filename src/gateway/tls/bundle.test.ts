import assert from 'node:assert/strict';
import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { writeTrust } from './bundle.js';

describe('writeTrust', () => {
  test('writes into the placeholder files themselves, so bind mounts made before see the CA', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'paddock-trust-'));
    const paths = { ca: join(dir, 'ca.pem'), bundle: join(dir, 'ca-bundle.pem') };
    // The session's placeholders, which a container started before the gateway wrote them has bind-mounted.
    for (const p of [paths.ca, paths.bundle]) await writeFile(p, '');
    const before = await Promise.all([stat(paths.ca), stat(paths.bundle)]);
    const pem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
    await writeTrust(paths, pem);
    const after = await Promise.all([stat(paths.ca), stat(paths.bundle)]);
    assert.deepEqual(
      after.map((s) => s.ino),
      before.map((s) => s.ino),
    );
    assert.equal(await readFile(paths.ca, 'utf8'), pem);
    assert.match(
      await readFile(paths.bundle, 'utf8'),
      /# Paddock session CA\n-----BEGIN CERTIFICATE-----\nMIIB/,
    );
  });
});
