import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { EXIT, exitCodeFor, formatProblem, PaddockError } from './errors.js';

describe('formatProblem', () => {
  const rows: [Parameters<typeof formatProblem>[0], string][] = [
    [{ file: 'p.yaml', line: 3, column: 5, field: 'a.b', message: 'bad' }, 'p.yaml:3:5: a.b: bad'],
    [{ file: 'p.yaml', message: 'bad' }, 'p.yaml: bad'],
    [{ file: 'p.yaml', line: 7, message: 'bad' }, 'p.yaml:7: bad'],
  ];
  for (const [problem, expected] of rows) {
    test(`renders ${expected}`, () => assert.equal(formatProblem(problem), expected));
  }
});

describe('exitCodeFor', () => {
  test('maps codes, not messages', () => {
    assert.equal(exitCodeFor(new PaddockError('POLICY_INVALID', 'x')), EXIT.invalidInput);
    assert.equal(exitCodeFor(new PaddockError('ENGINE_UNAVAILABLE', 'x')), EXIT.engine);
    assert.equal(exitCodeFor(new PaddockError('FENCE_FAILED', 'x')), EXIT.gateway);
    assert.equal(exitCodeFor(new Error('POLICY_INVALID')), EXIT.internal);
  });
});
