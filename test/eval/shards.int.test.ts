// A 12-run matrix run as 3 shards in parallel (each its own session, gateway and network), merged with
// `paddock report merge`: the merged results.json and JUnit equal one unsharded run's, timings and sessions aside.
import assert from 'node:assert/strict';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Results } from '../../src/eval/results.js';
import { bootstrapImage } from '../../src/sandbox/image/bootstrap.js';
import { paddock, testSession } from '../cli/paddock.js';
import { leftovers, specDir } from './e2e.js';

const dirs: string[] = [];
before(async () => {
  await bootstrapImage();
});
after(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

// Every third case is denied egress, every fourth exits 3; each writes an output.
const SPEC = `version: 1
name: sharded
matrix:
  case: [c01, c02, c03, c04, c05, c06, c07, c08, c09, c10, c11, c12]
run: sh case.sh
files: [case.sh]
outputs: ["out/**"]
timeout: 30s
`;
const CASE = `mkdir -p out; echo "$PADDOCK_RUN" > out/r.txt; echo "case $CASE"
n=\${CASE#c}; n=\${n#0}
[ $((n % 3)) -eq 0 ] && curl -s -m 5 https://evil.test/ >/dev/null
[ $((n % 4)) -eq 0 ] && exit 3
exit 0
`;

const strip = (r: Results) => ({
  ...r,
  session: '-',
  startedAt: '-',
  finishedAt: '-',
  durationMs: 0,
  merge: undefined,
  runs: r.runs.map((run) => ({ ...run, durationMs: 0, startedAt: '-', finishedAt: '-' })),
});
const stripJunit = (xml: string) =>
  xml
    .replace(/ time="[^"]*"/g, '')
    .replace(/ timestamp="[^"]*"/g, '')
    .replace(/<property name="session" value="[^"]*"\/>/g, '');

test('3 shards in parallel, merged, equal one unsharded run (results.json and JUnit)', {
  timeout: 600_000,
}, async () => {
  const { dir, spec } = await specDir({ 'paddock.yml': SPEC, 'case.sh': CASE });
  dirs.push(dir);
  const whole = testSession('t-shards');
  const shards = [1, 2, 3].map(() => testSession('t-shards'));
  const [all, ...parts] = await Promise.all([
    paddock(whole, ['eval', 'run', spec, '--results', join(dir, 'whole'), '-c', '4'], { timeoutMs: 500_000 }),
    ...shards.map((s, i) =>
      paddock(
        s,
        ['eval', 'run', spec, '--shard', `${i + 1}/3`, '--results', join(dir, `shard-${i + 1}`), '-c', '2'],
        {
          timeoutMs: 500_000,
        },
      ),
    ),
  ]);
  assert.equal(all?.code, 1, all?.stderr);
  for (const p of parts) assert.ok(p.code === 0 || p.code === 1, p.stderr);

  const read = async (d: string) =>
    JSON.parse(await readFile(join(dir, d, 'results.json'), 'utf8')) as Results;
  const sharded = await Promise.all([1, 2, 3].map((i) => read(`shard-${i}`)));
  assert.deepEqual(
    sharded.map((s) => s.runs.length),
    [4, 4, 4],
  );
  assert.deepEqual(
    sharded.map((s) => s.shard?.index),
    [1, 2, 3],
  );

  const merge = await paddock(undefined, [
    'report',
    'merge',
    ...[1, 2, 3].map((i) => join(dir, `shard-${i}`)),
    '--results',
    join(dir, 'merged'),
  ]);
  assert.equal(merge.code, 1, merge.stderr); // some runs fail, as in the unsharded run
  const single = await read('whole');
  const merged = await read('merged');
  assert.equal(single.totals.total, 12);
  assert.deepEqual(
    Object.fromEntries(single.runs.map((r) => [r.id, r.status])),
    Object.fromEntries(
      ['c01', 'c02', 'c03', 'c04', 'c05', 'c06', 'c07', 'c08', 'c09', 'c10', 'c11', 'c12'].map((c) => {
        const n = Number(c.slice(1));
        return [c, n % 3 === 0 ? 'egress' : n % 4 === 0 ? 'failed' : 'passed'];
      }),
    ),
  );
  assert.deepEqual(strip(merged), strip(single));
  assert.equal(merged.merge?.shards.length, 3);

  const junit = (d: string) => readFile(join(dir, d, 'junit.xml'), 'utf8');
  assert.equal(stripJunit(await junit('merged')), stripJunit(await junit('whole')));
  for (const f of ['summary.md', 'egress.jsonl', 'suggested-policy.yaml', 'report.html'])
    assert.ok((await readFile(join(dir, 'merged', f), 'utf8')).length > 0, f);
  const c05 = merged.runs.find((r) => r.id === 'c05');
  assert.equal(c05?.outputs?.length, 1);
  assert.equal(await readFile(join(dir, 'merged', c05.paths.out, c05.outputs[0] as string), 'utf8'), 'c05\n');
  // A named session keeps its network for later commands; prune it (only this session's resources).
  for (const s of [whole, ...shards]) {
    assert.equal((await paddock(s, ['sandbox', 'prune'])).code, 0);
    assert.deepEqual(await leftovers(s.id), { containers: 0, networks: 0, volumes: 0, gateways: 0 });
  }
});
