import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isPaddockError } from '../common/errors.js';
import type { LandlockRules } from './init.js';
import { landlockStatus, parseProbe } from './landlock.js';

describe('parseProbe', () => {
  const rows: [string, string, { abi: number; reason?: string }][] = [
    ['an ABI', 'abi 7\n', { abi: 7 }],
    [
      'none, with the reason',
      'abi 0 a seccomp profile blocks the Landlock system calls\n',
      {
        abi: 0,
        reason: 'a seccomp profile blocks the Landlock system calls',
      },
    ],
    [
      'garbage is no Landlock',
      'sh: not found',
      { abi: 0, reason: 'unreadable probe answer: "sh: not found"' },
    ],
  ];
  for (const [name, text, expected] of rows) test(name, () => assert.deepEqual(parseProbe(text), expected));
});

describe('landlockStatus: the decision', () => {
  const rules = (hard: boolean, paths = ['/usr']): LandlockRules => ({
    compatibility: hard ? 'hard_requirement' : 'best_effort',
    readOnly: paths,
    readWrite: [],
  });
  const off = { abi: 0, reason: 'the kernel has no Landlock' };
  test('best_effort with ABI 6: enforced, ABI recorded', () =>
    assert.deepEqual(landlockStatus(rules(false), { abi: 6 }), {
      compatibility: 'best_effort',
      abi: 6,
      enforced: true,
    }));
  test('best_effort without Landlock: runs, says why', () =>
    assert.deepEqual(landlockStatus(rules(false), off), {
      compatibility: 'best_effort',
      abi: 0,
      enforced: false,
      reason: 'the kernel has no Landlock',
    }));
  test('hard_requirement without Landlock: LANDLOCK_UNAVAILABLE', () =>
    assert.throws(
      () => landlockStatus(rules(true), off),
      (e: unknown) =>
        isPaddockError(e, 'LANDLOCK_UNAVAILABLE') && /the kernel has no Landlock/.test(e.message),
    ));
  test('hard_requirement with Landlock: enforced', () =>
    assert.equal(landlockStatus(rules(true), { abi: 1 }).enforced, true));
  test('no rules: nothing to require', () =>
    assert.deepEqual(landlockStatus(rules(true, []), off), {
      compatibility: 'hard_requirement',
      abi: 0,
      enforced: false,
      reason: 'the kernel has no Landlock',
    }));
});
