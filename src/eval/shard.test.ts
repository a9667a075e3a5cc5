import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isPaddockError } from '../common/errors.js';
import { assignShards, parseShard, selectShard } from './shard.js';

const ids = (n: number, prefix = 'run') => Array.from({ length: n }, (_, i) => `${prefix}-${i}`);

describe('parseShard', () => {
  const good: [string, number, number][] = [
    ['1/1', 1, 1],
    ['2/4', 2, 4],
    [' 3 / 3 ', 3, 3],
    ['256/256', 256, 256],
  ];
  for (const [text, index, count] of good)
    test(`accepts ${JSON.stringify(text)}`, () => assert.deepEqual(parseShard(text), { index, count }));
  for (const text of ['0/4', '5/4', '1/0', '1/257', '2', '1/2/3', 'a/b', '-1/2', '1.5/3', ''])
    test(`rejects ${JSON.stringify(text)}`, () =>
      assert.throws(
        () => parseShard(text),
        (e) => isPaddockError(e, 'INPUT_INVALID') && /K\/N/.test(e.message),
      ));
});

describe('assignShards', () => {
  const sizes: [number, number][] = [
    [12, 3],
    [13, 4],
    [5, 8],
    [1024, 16],
    [1, 1],
  ];
  for (const [runs, count] of sizes) {
    test(`${runs} runs over ${count} shards: every run in exactly one shard, sizes differ by at most one`, () => {
      const assigned = assignShards(ids(runs), count);
      assert.equal(assigned.size, runs);
      const per = Array.from(
        { length: count },
        (_, k) => [...assigned.values()].filter((s) => s === k + 1).length,
      );
      assert.equal(
        per.reduce((a, b) => a + b, 0),
        runs,
      );
      assert.ok(Math.max(...per) - Math.min(...per) <= 1, `sizes ${per.join(',')}`);
    });
  }

  test('depends on the set of ids only: any order gives the same assignment', () => {
    const list = ids(40);
    const reversed = [...list].reverse();
    const shuffled = [...list].sort((a, b) => (a.length - b.length) * 7 + a.localeCompare(b) * -1);
    const a = assignShards(list, 4);
    assert.deepEqual([...assignShards(reversed, 4)].sort(), [...a].sort());
    assert.deepEqual([...assignShards(shuffled, 4)].sort(), [...a].sort());
  });

  test('spreads neighbouring cells: one model’s runs do not all land in one shard', () => {
    const list = ['a', 'b', 'c', 'd'].flatMap((m) => ids(6, `model-${m}__p`));
    const assigned = assignShards(list, 3);
    for (const m of ['a', 'b', 'c', 'd']) {
      const shards = new Set(list.filter((id) => id.startsWith(`model-${m}`)).map((id) => assigned.get(id)));
      assert.ok(shards.size >= 2, `model-${m} in shards ${[...shards].join(',')}`);
    }
  });
});

describe('selectShard', () => {
  test('the shards partition the runs and each keeps plan order', () => {
    const runs = ids(12).map((id) => ({ id }));
    const parts = [1, 2, 3].map((index) => selectShard(runs, { index, count: 3 }));
    assert.deepEqual(
      parts.map((p) => p.length),
      [4, 4, 4],
    );
    const all = parts.flat().map((r) => r.id);
    assert.deepEqual([...all].sort(), runs.map((r) => r.id).sort());
    for (const p of parts) {
      const order = p.map((r) => runs.indexOf(r));
      assert.deepEqual(
        order,
        [...order].sort((a, b) => a - b),
      );
    }
  });

  test('a shard beyond the number of runs is empty', () => {
    const runs = ids(2).map((id) => ({ id }));
    const sizes = [1, 2, 3].map((index) => selectShard(runs, { index, count: 3 }).length);
    assert.deepEqual(sizes.sort(), [0, 1, 1]);
  });
});
