import assert from 'node:assert/strict';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { runEval } from '../../src/eval/index.js';
import type { Results } from '../../src/eval/results.js';
import { writeReports } from '../../src/report/write.js';
import { bootstrapImage } from '../../src/sandbox/image/bootstrap.js';
import { leftovers, sessionId, specDir } from './e2e.js';

const dirs: string[] = [];
before(async () => {
  await bootstrapImage();
});
after(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

// Each case does something observable; `evil.test` and `other.test` are never allowed.
const CASES = `case "$CASE" in
  expected) curl -s -m 5 https://evil.test/ ;;
  missing) true ;;
  extra) curl -s -m 5 https://evil.test/; nslookup other.test ;;
  bad-exit) curl -s -m 5 https://evil.test/; exit 3 ;;
  slow) curl -s -m 5 https://evil.test/; sleep 60 ;;
esac; exit 0`;

async function evalOf(body: string[], matrix: string[]) {
  const { dir, spec } = await specDir({
    'paddock.yml': ['version: 1', `matrix: { case: [${matrix.join(', ')}] }`, ...body].join('\n'),
    'cases.sh': CASES,
  });
  dirs.push(dir);
  const session = sessionId();
  const results = await runEval({ spec, resultsDir: join(dir, 'results'), sessionId: session });
  return {
    results,
    dir,
    session,
    status: Object.fromEntries(results.runs.map((r) => [r.id, [r.status, r.reason]])),
  };
}

test('egress { denied: [evil.test] }: exactly the expected denials pass; missing, extra, exit code and timeout each fail', async () => {
  const { status, session, results, dir } = await evalOf(
    [
      'run: sh cases.sh',
      'files: [cases.sh]',
      'timeout: 8s',
      'expect: { exit-code: 0, egress: { denied: [evil.test] } }',
    ],
    ['expected', 'missing', 'extra', 'bad-exit', 'slow'],
  );
  assert.deepEqual(status, {
    expected: ['passed', ''],
    missing: ['egress', 'egress: expected denial of evil.test did not happen'],
    extra: ['egress', 'egress: other.test (dns)'],
    'bad-exit': ['failed', 'exit code 3, expected 0'],
    slow: ['timeout', 'timed out after 8s'],
  });
  const slow = results.runs.find((r) => r.id === 'slow');
  assert.ok(slow && slow.durationMs < 30_000, 'the timed-out command was killed');
  const events = await readFile(join(dir, 'results', 'runs', 'expected', 'events.jsonl'), 'utf8');
  assert.match(events, /"host":"evil\.test"/);
  assert.deepEqual(await leftovers(session), { containers: 0, networks: 0, volumes: 0, gateways: 0 });
});

test('default no-denials makes any denial an egress failure; allow-denials records it and passes', async () => {
  const strict = await evalOf(['run: sh cases.sh', 'files: [cases.sh]'], ['expected', 'missing']);
  assert.deepEqual(strict.status, { expected: ['egress', 'egress: evil.test:443'], missing: ['passed', ''] });
  const lenient = await evalOf(
    ['run: sh cases.sh', 'files: [cases.sh]', 'expect: { egress: allow-denials }'],
    ['expected'],
  );
  assert.deepEqual(lenient.status, { expected: ['passed', ''] });
  assert.equal(lenient.results.totals.denied, 1);
});

test('repeat 3 on the real engine, one repetition failing: pass rate 0.67 in results.json, JUnit and the summary', async () => {
  // Repetitions 1 and 3 exit 0, repetition 2 exits 1; each writes its id (results dirs hold the `#`).
  const { results, dir, session } = await evalOf(
    [
      'run: echo "$PADDOCK_RUN in $(hostname)"; [ "$PADDOCK_REPEAT" != 2 ]',
      'repeat: 3',
      'expect: { pass-rate: 0.6 }',
    ],
    ['only'],
  );
  assert.deepEqual(
    results.runs.map((r) => [r.id, r.sandbox, r.status]),
    [
      ['only#1', 'eval-only.r1', 'passed'],
      ['only#2', 'eval-only.r2', 'failed'],
      ['only#3', 'eval-only.r3', 'passed'],
    ],
  );
  const resultsDir = join(dir, 'results');
  const written = JSON.parse(await readFile(join(resultsDir, 'results.json'), 'utf8')) as Results;
  assert.deepEqual(
    written.cells?.map((c) => [c.id, c.passed, c.total, c.passRate.toFixed(2), c.status]),
    [['only', 2, 3, '0.67', 'passed']],
  );
  const { summary } = await writeReports(resultsDir, written, [], null);
  const junit = await readFile(join(resultsDir, 'junit.xml'), 'utf8');
  assert.match(junit, /<property name="cell.pass-rate" value="0.67"\/>/);
  assert.match(summary, /0\.67 \(2\/3\)/);
  assert.match(await readFile(join(resultsDir, 'runs', 'only#2', 'stdout.log'), 'utf8'), /^only#2 in /);
  assert.deepEqual(await leftovers(session), { containers: 0, networks: 0, volumes: 0, gateways: 0 });
});
