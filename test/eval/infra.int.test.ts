import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { isPaddockError } from '../../src/common/errors.js';
import { runEval } from '../../src/eval/index.js';
import { connectEngine } from '../../src/sandbox/engine.js';
import { bootstrapImage } from '../../src/sandbox/image/bootstrap.js';
import { leftovers, sessionId, specDir } from './e2e.js';

const dirs: string[] = [];
before(async () => {
  await bootstrapImage();
});
after(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

test('a sandbox removed under a running command is an `error` run that says what broke; the others pass', async () => {
  const { dir, spec } = await specDir({
    'paddock.yml': [
      'version: 1',
      'matrix: { role: [victim, bystander] }',
      'run: sleep 6; echo done',
      'timeout: 1m',
    ].join('\n'),
  });
  dirs.push(dir);
  const session = sessionId();
  const { docker } = await connectEngine();
  let killed = false;
  const killer = (async () => {
    for (let i = 0; i < 200 && !killed; i++) {
      const [victim] = await docker.listContainers({
        filters: { label: [`paddock.session=${session}`, 'paddock.run=victim'] },
      });
      if (victim) {
        await new Promise((r) => setTimeout(r, 1500));
        await docker.getContainer(victim.Id).remove({ force: true });
        killed = true;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  const results = await runEval({ spec, resultsDir: join(dir, 'results'), sessionId: session });
  await killer;
  assert.ok(killed);
  const byId = Object.fromEntries(results.runs.map((r) => [r.id, r]));
  assert.equal(byId.bystander?.status, 'passed');
  assert.equal(byId.victim?.status, 'error', `victim: ${byId.victim?.status} ${byId.victim?.reason}`);
  assert.match(byId.victim?.reason ?? '', /^(the sandbox was removed during the run|run failed)/);
  assert.deepEqual(await leftovers(session), { containers: 0, networks: 0, volumes: 0, gateways: 0 });
});

test('an invalid spec fails before anything is created, naming file:line:field', async () => {
  const { dir, spec } = await specDir({
    'paddock.yml': 'version: 1\nrun: x\nexpect: { egress: sometimes }\n',
  });
  dirs.push(dir);
  const session = sessionId();
  await assert.rejects(runEval({ spec, sessionId: session, resultsDir: join(dir, 'results') }), (e) => {
    assert.ok(isPaddockError(e, 'SPEC_INVALID'));
    assert.deepEqual([e.problems[0]?.line, e.problems[0]?.field], [3, 'expect.egress']);
    return true;
  });
  assert.deepEqual(await leftovers(session), { containers: 0, networks: 0, volumes: 0, gateways: 0 });
});
