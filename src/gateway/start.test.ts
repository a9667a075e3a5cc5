import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { DAEMON_NODE_FLAGS, daemonCommand } from './start.js';

const SOURCE = new URL('./start.ts', import.meta.url).href;

test('from source the daemon is daemon.ts through tsx, or the bundle PADDOCK_GATEWAY_BUNDLE names', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'paddock-start-'));
  try {
    const bundle = join(dir, 'gateway.js');
    await writeFile(bundle, '');
    assert.match(daemonCommand(SOURCE, {}).at(-1) ?? '', /src\/gateway\/daemon\.ts$/);
    assert.deepEqual(daemonCommand(SOURCE, { PADDOCK_GATEWAY_BUNDLE: bundle }), [
      process.execPath,
      '--initial-old-space-size=64',
      bundle,
    ]);
    assert.deepEqual(daemonCommand(SOURCE, {}).slice(1, 2), [...DAEMON_NODE_FLAGS]);
    assert.throws(
      () => daemonCommand(SOURCE, { PADDOCK_GATEWAY_BUNDLE: join(dir, 'missing.js') }),
      (e: Error & { code?: string }) => e.code === 'GATEWAY_FAILED' && /missing\.js/.test(e.message),
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a bundle runs the gateway.js beside it and ignores PADDOCK_GATEWAY_BUNDLE', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'paddock-start-'));
  try {
    await writeFile(join(dir, 'gateway.js'), '');
    const cli = new URL(`file://${join(dir, 'cli.js')}`).href;
    assert.deepEqual(daemonCommand(cli, { PADDOCK_GATEWAY_BUNDLE: '/elsewhere.js' }), [
      process.execPath,
      '--initial-old-space-size=64',
      join(dir, 'gateway.js'),
    ]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
