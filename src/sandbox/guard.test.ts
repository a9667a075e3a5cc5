import assert from 'node:assert/strict';
import { describe, mock, test } from 'node:test';
import { CommandGuard } from './guard.js';

describe('CommandGuard', () => {
  test('the timeout stops the command and says so; the grace then forces it', (t) => {
    t.mock.timers.enable({ apis: ['setTimeout'] });
    const stop = mock.fn();
    const force = mock.fn();
    const guard = new CommandGuard({ timeoutMs: 100 }, stop, () => false);
    t.mock.timers.tick(99);
    assert.equal(stop.mock.callCount(), 0);
    t.mock.timers.tick(1);
    assert.equal(stop.mock.callCount(), 1);
    assert.equal(guard.timedOut, true);
    guard.grace(50, force);
    guard.grace(10, force); // one grace: the first stands
    t.mock.timers.tick(50);
    assert.equal(force.mock.callCount(), 1);
    guard.dispose();
  });

  test('a timeout while already stopping (output limit, cancel) is not a timeout', (t) => {
    t.mock.timers.enable({ apis: ['setTimeout'] });
    const guard = new CommandGuard(
      { timeoutMs: 10 },
      () => undefined,
      () => true,
    );
    t.mock.timers.tick(10);
    assert.equal(guard.timedOut, false);
    guard.dispose();
  });

  test('an abort cancels: stop is called and throwIfCancelled throws CANCELLED', () => {
    const stop = mock.fn();
    const ac = new AbortController();
    const guard = new CommandGuard({ signal: ac.signal }, stop, () => false);
    guard.throwIfCancelled();
    ac.abort();
    assert.equal(stop.mock.callCount(), 1);
    assert.throws(() => guard.throwIfCancelled(), { code: 'CANCELLED' });
    guard.dispose();
  });

  test('dispose clears the timeout, the grace and the abort listener', (t) => {
    t.mock.timers.enable({ apis: ['setTimeout'] });
    const stop = mock.fn();
    const force = mock.fn();
    const ac = new AbortController();
    const guard = new CommandGuard({ timeoutMs: 10, signal: ac.signal }, stop, () => false);
    guard.grace(5, force);
    guard.dispose();
    t.mock.timers.tick(100);
    ac.abort();
    assert.equal(stop.mock.callCount(), 0);
    assert.equal(force.mock.callCount(), 0);
    assert.equal(guard.cancelled, false);
  });
});
