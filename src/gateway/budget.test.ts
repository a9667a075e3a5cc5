import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Budget, PENALTY_MS, PENALTY_SLOWDOWN } from './budget.js';

/** How many of `take` succeed in one instant. */
const burst = (take: (now: number) => boolean, now: number): number => {
  let n = 0;
  while (take(now) && n < 100_000) n++;
  return n;
};

describe('Budget: a sandbox over any budget has its rates slowed for a while', () => {
  test('not penalised: a second of queries and of denials in one burst', () => {
    const b = new Budget();
    const now = performance.now();
    assert.equal(
      burst((t) => b.takeQuery(t), now),
      1000,
    );
    assert.equal(
      burst((t) => b.takeDenial(t), now),
      100,
    );
    assert.equal(b.penalised(now), false);
  });

  test(`over a budget: every rate is divided by ${PENALTY_SLOWDOWN} (queries, denials, lookups)`, () => {
    const b = new Budget();
    assert.equal(b.overBudget('connections'), true);
    const now = performance.now();
    assert.equal(b.penalised(now), true);
    assert.equal(
      burst((t) => b.takeQuery(t), now),
      Math.floor(1000 / PENALTY_SLOWDOWN),
    );
    assert.equal(
      burst((t) => b.takeDenial(t), now),
      Math.floor(100 / PENALTY_SLOWDOWN),
    );
    assert.equal(
      burst((t) => b.takeLogLookup(t), now),
      0,
      '10 a second / 16: not one in a burst',
    );
    assert.equal(b.rateExhausted(now), true);
  });

  test('a quiet denial counted by a listener penalises too (droppedQuietly)', () => {
    const b = new Budget();
    b.overBudget('query rate');
    assert.equal(b.droppedQuietly('query rate'), true);
    assert.equal(b.penalised(), true);
  });

  test(`${PENALTY_MS / 1000} s after the last over-budget denial the full rates come back`, () => {
    const b = new Budget();
    b.overBudget('connections');
    const later = performance.now() + PENALTY_MS + 1000;
    assert.equal(b.penalised(later), false);
    assert.equal(
      burst((t) => b.takeQuery(t), later),
      1000,
    );
  });
});
