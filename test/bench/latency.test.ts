// bench/latency.ts: the paired difference the gateway benchmark judges issue 17's target on.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { latencyPaths, measured, paired } from '../../bench/latency.js';

const run = (...times: number[]) => ({ times, failed: [], error: null });

test('paired: the median of per-round differences, not the difference of medians', () => {
  // Load moves both paths together from round to round: the path is always 0.2 ms slower than Squid.
  const squid = measured([run(1, 1, 1), run(3, 3, 3), run(5, 5, 5)]);
  const path = measured([run(1.2, 1.2, 1.2), run(3.2, 3.2, 3.2), run(5.2, 5.2, 5.2)]);
  assert.ok(Math.abs(paired(path, squid) - 0.2) < 1e-9);
  // Unpaired, a round's load can land on one side only: medians over rounds differ by as much as one round.
  const lucky = measured([run(1.2, 1.2, 1.2), run(1.2, 1.2, 1.2), run(5.2, 5.2, 5.2)]);
  assert.ok(Math.abs(lucky.p50 - squid.p50 - -1.8) < 1e-9);
  assert.ok(Math.abs(paired(lucky, squid) - 0.2) < 1e-9);
});

test('a round where one path got no echo is left out of the pairs (rounds stay aligned)', () => {
  const squid = measured([run(1), run(2), run(3)]);
  const path = measured([run(1.5), { times: [], failed: [4], error: 'denied' }, run(3.5)]);
  assert.deepEqual(path.rounds.map(Number.isNaN), [false, true, false]);
  assert.equal(paired(path, squid), 0.5);
  assert.ok(Number.isNaN(paired(measured([]), squid)));
});

test('BENCH_LATENCY keeps only the paths issue 17 is judged on', () => {
  const p = (target: string) => ({ box: {} as never, target, proxy: '-' });
  const all = {
    direct: p('d'),
    connect: p('c'),
    transparent: p('t'),
    squid: p('s'),
    ctConnect: p('cc'),
    ctTransparent: p('ct'),
  };
  assert.deepEqual(Object.keys(latencyPaths(all, true)), ['direct', 'squid', 'ctConnect', 'ctTransparent']);
  assert.deepEqual(latencyPaths(all, false), all);
  assert.equal(latencyPaths(all, true).ctConnect?.target, 'cc');
});

test("the client's steps: median over rounds of each round's median, NaN when never measured", () => {
  const r = (connected: number[], answered: number[]) => ({ ...run(9), connected, answered });
  const m = measured([r([1, 2, 9], [3]), r([4, 5, 6], [7]), r([0.5], [])]);
  assert.equal(m.connected, 2);
  assert.equal(m.answered, 3); // nearest rank: the lower of two
  assert.ok(Number.isNaN(measured([run(1)]).answered));
});
