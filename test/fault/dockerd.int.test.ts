// dockerd restarted mid-run. It stops the engine every other test uses, so it runs only when
// PADDOCK_FAULT_DOCKERD=1 (CI decides), through scripts/docker-engine.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { runEval } from '../../src/eval/index.js';
import { bootstrapImage } from '../../src/sandbox/image/bootstrap.js';
import { prune } from '../../src/sandbox/index.js';
import { countingUpstream, leftovers, NONE, reachTwiceSpec, sessionId, specDir, waitFor } from './fixture.js';

const enabled = process.env.PADDOCK_FAULT_DOCKERD === '1';
const session = sessionId();
let dir = '';
after(async () => {
  if (!enabled) return;
  await prune({ session }).catch(() => undefined);
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** The engine under test: 26 when DOCKER_HOST points at its socket, else 20. */
const version = process.env.DOCKER_HOST?.includes('/26/') ? '26' : '20';
const engine = (verb: 'stop' | 'start') =>
  execFileSync('scripts/docker-engine', [verb, version], {
    cwd: join(import.meta.dirname, '..', '..'),
    stdio: 'inherit',
  });

test('dockerd restarted mid-run: the run is not `passed`, nothing reached the upstream after, nothing is left', {
  skip: enabled ? false : 'set PADDOCK_FAULT_DOCKERD=1 (restarts the shared engine)',
  timeout: 240_000,
}, async () => {
  await bootstrapImage();
  const upstream = await countingUpstream();
  try {
    ({ dir } = await specDir({ 'paddock.yml': reachTwiceSpec(upstream.port, 8) }));
    const restart = (async () => {
      if (!(await waitFor(() => upstream.hits() >= 1, 60_000))) return false;
      engine('stop');
      engine('start');
      return true;
    })();
    const results = await runEval({
      spec: join(dir, 'paddock.yml'),
      resultsDir: join(dir, 'results'),
      sessionId: session,
      stateDir: join(dir, 'state'),
    });
    assert.ok(await restart, 'the engine was restarted mid-run');
    const [run] = results.runs;
    assert.notEqual(run?.status, 'passed', `${run?.status}: ${run?.reason}`);
    assert.equal(upstream.hits(), 1);
    await prune({ session });
    assert.deepEqual(await leftovers(session), NONE);
  } finally {
    upstream.close();
  }
});
