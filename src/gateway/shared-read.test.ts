import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SharedRead } from './shared-read.js';

/** A read that finishes when told, numbered in the order reads start. */
function reads() {
  const started: ((text: string) => void)[] = [];
  const shared = new SharedRead(() => new Promise<string>((resolve) => started.push(resolve)));
  return { shared, started };
}

test('callers that ask while no read has started share one read', async () => {
  const { shared, started } = reads();
  const a = shared.read();
  const b = shared.read();
  await Promise.resolve();
  assert.equal(started.length, 1);
  started[0]?.('one');
  assert.deepEqual(await Promise.all([a, b]), ['one', 'one']);
});

test('a caller never joins a read already running: it gets the next one, started after', async () => {
  const { shared, started } = reads();
  const a = shared.read();
  await Promise.resolve();
  assert.equal(started.length, 1, 'the first read runs');
  const b = shared.read();
  const c = shared.read();
  await Promise.resolve();
  assert.equal(started.length, 1, 'the next read waits for the running one');
  started[0]?.('first');
  assert.equal(await a, 'first');
  await new Promise((r) => setImmediate(r));
  assert.equal(started.length, 2);
  started[1]?.('second');
  assert.deepEqual(await Promise.all([b, c]), ['second', 'second']);
});

test('a failed read rejects its callers and the next read still runs', async () => {
  let n = 0;
  const shared = new SharedRead(async () => {
    n++;
    if (n === 1) throw new Error('ENOENT');
    return 'ok';
  });
  await assert.rejects(shared.read(), /ENOENT/);
  assert.equal(await shared.read(), 'ok');
});

test('after a read that served several callers, the next waits out the pace; after one caller it does not', async () => {
  let clock = 100;
  const waits: number[] = [];
  const shared = new SharedRead(async () => 'rows', {
    paceMs: 10,
    now: () => clock,
    wait: async (ms) => {
      waits.push(ms);
      clock += ms;
    },
  });
  await Promise.all([shared.read(), shared.read()]); // one read for two: they piled up
  clock += 3;
  await shared.read(); // 3 ms later: waits the 7 ms left
  clock += 1;
  await shared.read(); // the previous served one caller: no wait
  assert.deepEqual(waits, [7]);
});
