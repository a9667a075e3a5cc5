import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cellsTable } from '../report/cells.js';
import { cellsOf, failing, formatRate } from './cells.js';
import type { RunResult, RunStatus } from './results.js';

const run = (id: string, status: RunStatus): RunResult =>
  ({ id, cell: id.split('#')[0], matrix: { m: id.split('#')[0] as string }, status }) as unknown as RunResult;

test('cells: pass rate per cell in run order, judged against the required rate', () => {
  const runs = [
    run('a#1', 'passed'),
    run('a#2', 'failed'),
    run('a#3', 'passed'),
    run('b#1', 'passed'),
    run('b#2', 'cancelled'),
  ];
  const at = (required: number) =>
    cellsOf(runs, required).map((c) => [c.id, c.passed, c.total, formatRate(c.passRate), c.status]);
  assert.deepEqual(at(0.6), [
    ['a', 2, 3, '0.67', 'passed'],
    ['b', 1, 2, '0.50', 'failed'],
  ]);
  assert.deepEqual(
    at(2 / 3).map((c) => c[4]),
    ['passed', 'failed'],
    'exactly the rate passes',
  );
  assert.deepEqual(
    at(1).map((c) => c[4]),
    ['failed', 'failed'],
  );
  const cells = cellsOf(runs, 0.5);
  assert.equal(failing({ cells, totals: { failed: 2 } as never }), 0, 'cells, not runs, decide');
  assert.equal(failing({ totals: { failed: 2 } as never }), 2, 'no cells: the runs that did not pass');
});

test('cells: the mean score over the runs that have one', () => {
  const scored = (id: string, score?: number): RunResult =>
    ({ ...run(id, 'passed'), ...(score === undefined ? {} : { score }) }) as RunResult;
  const [a, b] = cellsOf([scored('a#1', 1), scored('a#2', 0.5), scored('a#3'), scored('b#1')], 1);
  assert.equal(a?.meanScore, 0.75);
  assert.equal(b?.meanScore, undefined, 'no run of the cell has a score');
  assert.equal(a?.scored, 2, 'how many runs the mean is over');
  assert.equal(b?.scored, undefined);
});

test('cells table: a mean over fewer runs than the cell has says so (an agent can fail verify where it did badly)', () => {
  const scored = (id: string, score?: number): RunResult =>
    ({ ...run(id, 'passed'), ...(score === undefined ? {} : { score }) }) as RunResult;
  const runs = [scored('a#1', 1), scored('a#2', 0.5), scored('a#3'), scored('b#1', 0.2), scored('b#2', 0.2)];
  const table = cellsTable({ cells: cellsOf(runs, 1), requiredPassRate: 1, runs });
  assert.match(table, /<code>a<\/code><\/td><td>1\.00 \(3\/3\) · score 0\.75 \(2 of 3 runs scored\)<\/td>/);
  assert.match(table, /<code>b<\/code><\/td><td>1\.00 \(2\/2\) · score 0\.20<\/td>/);
});
