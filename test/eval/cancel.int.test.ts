import assert from 'node:assert/strict';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { type Results, runEval } from '../../src/eval/index.js';
import { connectEngine } from '../../src/sandbox/engine.js';
import { bootstrapImage } from '../../src/sandbox/image/bootstrap.js';
import { leftovers, sessionId, specDir } from './e2e.js';

let dir: string;
before(async () => {
  await bootstrapImage();
  ({ dir } = await specDir({
    'paddock.yml': [
      'version: 1',
      'matrix: { n: [1, 2, 3, 4, 5, 6, 7, 8] }',
      'run: echo started; sleep 120',
      'concurrency: 3',
    ].join('\n'),
  }));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function runningSandboxes(session: string): Promise<number> {
  const { docker } = await connectEngine();
  return (await docker.listContainers({ filters: { label: [`paddock.session=${session}`] } })).length;
}

test('abort mid-run: running commands killed, every run cancelled, results written, nothing of the session left', async () => {
  const session = sessionId();
  const controller = new AbortController();
  const started = Date.now();
  const watcher = (async () => {
    // Abort once sandboxes are up and their commands are running.
    while (!controller.signal.aborted && Date.now() - started < 60_000) {
      if ((await runningSandboxes(session)) >= 3) {
        await new Promise((r) => setTimeout(r, 1500));
        controller.abort(new Error('SIGINT'));
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  })();
  const results = await runEval({
    spec: join(dir, 'paddock.yml'),
    resultsDir: join(dir, 'results'),
    sessionId: session,
    signal: controller.signal,
  });
  await watcher;
  assert.ok(Date.now() - started < 60_000, 'cancellation did not wait for the 120 s commands');
  assert.equal(results.totals.total, 8);
  assert.equal(results.totals.byStatus.cancelled, 8);
  const ran = results.runs.filter((r) => r.startedAt !== null);
  assert.ok(ran.length >= 3, 'some runs had started');
  const written = JSON.parse(await readFile(join(dir, 'results', 'results.json'), 'utf8')) as Results;
  assert.equal(written.totals.byStatus.cancelled, 8);
  assert.match(await readFile(join(dir, 'results', ran[0]!.paths.stdout), 'utf8'), /started/);
  assert.deepEqual(await leftovers(session), { containers: 0, networks: 0, volumes: 0, gateways: 0 });
});
