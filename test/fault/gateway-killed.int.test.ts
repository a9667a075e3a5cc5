// The gateway dies mid-run: the sandbox reaches nothing more (fail closed) and the run is an `error`.
import assert from 'node:assert/strict';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { runEval } from '../../src/eval/index.js';
import { bootstrapImage } from '../../src/sandbox/image/bootstrap.js';
import { countingUpstream, leftovers, NONE, reachTwiceSpec, sessionId, specDir, waitFor } from './fixture.js';

let dir: string;
let upstream: Awaited<ReturnType<typeof countingUpstream>>;
before(async () => {
  await bootstrapImage();
  upstream = await countingUpstream();
  ({ dir } = await specDir({ 'paddock.yml': reachTwiceSpec(upstream.port, 4) }));
});
after(async () => {
  upstream?.close();
  await rm(dir, { recursive: true, force: true });
});

test('gateway killed mid-run: nothing reaches the upstream after, the run is `error`, nothing is left', async () => {
  const session = sessionId();
  const stateDir = join(dir, 'state');
  let killed = 0;
  const killer = (async () => {
    // Kill once the first (allowed) request went through: the run is between its two requests.
    if (!(await waitFor(() => upstream.hits() >= 1, 60_000))) return;
    killed = Number((await readFile(join(stateDir, 'gateway.pid'), 'utf8')).trim());
    process.kill(killed, 'SIGKILL');
  })();
  const results = await runEval({
    spec: join(dir, 'paddock.yml'),
    resultsDir: join(dir, 'results'),
    sessionId: session,
    stateDir,
  });
  await killer;
  assert.ok(killed > 0, 'the gateway was killed mid-run');
  const [run] = results.runs;
  const stdout = await readFile(join(dir, 'results', run!.paths.stdout), 'utf8');
  assert.doesNotMatch(stdout, /REACHED-AFTER/);
  assert.equal(upstream.hits(), 1, 'only the request before the kill reached the upstream');
  assert.deepEqual(await leftovers(session), NONE);
  // An infrastructure failure, not the agent's exit code (curl's 7 after the fence dropped it).
  assert.equal(run?.status, 'error', `status ${run?.status}: ${run?.reason}`);
  assert.match(run?.reason ?? '', /gateway/);
});
