// SIGTERM to `paddock eval run` mid-run: non-zero exit, results.json with `cancelled` runs, nothing left.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Results } from '../../src/eval/index.js';
import { connectEngine } from '../../src/sandbox/engine.js';
import { bootstrapImage } from '../../src/sandbox/image/bootstrap.js';
import { prune } from '../../src/sandbox/index.js';
import { leftovers, NONE, sessionId, specDir, waitFor } from './fixture.js';

let dir: string;
const session = sessionId();
before(async () => {
  await bootstrapImage();
  ({ dir } = await specDir({
    'paddock.yml': [
      'version: 1',
      'matrix: { n: [1, 2, 3] }',
      'run: echo started; sleep 120',
      'concurrency: 3',
    ].join('\n'),
  }));
});
after(async () => {
  await prune({ session }).catch(() => undefined);
  await rm(dir, { recursive: true, force: true });
});

async function running(): Promise<number> {
  const { docker } = await connectEngine();
  return (await docker.listContainers({ filters: { label: [`paddock.session=${session}`] } })).length;
}

test('SIGTERM mid-run: exits non-zero, writes results.json with cancelled runs, leaves only the named session’s network', async () => {
  const results = join(dir, 'results');
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/cli/index.ts', 'eval', 'run', join(dir, 'paddock.yml'), '--results', results],
    {
      cwd: join(import.meta.dirname, '..', '..'),
      env: { ...process.env, PADDOCK_SESSION: session, PADDOCK_STATE_DIR: join(dir, 'state') },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  assert.ok(await waitFor(async () => (await running()) >= 3, 60_000), `sandboxes up: ${output}`);
  await new Promise((r) => setTimeout(r, 1000));
  const sent = Date.now();
  child.kill('SIGTERM');
  const code = await exited;
  assert.ok(Date.now() - sent < 30_000, 'did not wait for the 120 s commands');
  assert.equal(code, 143, output);
  const written = JSON.parse(await readFile(join(results, 'results.json'), 'utf8')) as Results;
  assert.equal(written.totals.total, 3);
  assert.equal(written.totals.byStatus.cancelled, 3, output);
  // PADDOCK_SESSION names the session, so the eval attaches to it (a named session is the user's): it removes
  // its sandboxes and volumes and stops the gateway it started, and the session's network stays for its next
  // use until `paddock sandbox prune` (run in after()).
  assert.deepEqual(await leftovers(session), { ...NONE, networks: 1 }, output);
});
