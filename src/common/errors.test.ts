import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  type ErrorCode,
  EXIT,
  EXIT_FOR_CODE,
  exitCodeFor,
  exitForSignal,
  formatProblem,
  PaddockError,
} from './errors.js';

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

describe('exit statuses: one table from error codes', () => {
  const rows: [ErrorCode, number][] = [
    ['USAGE', 2],
    ['POLICY_INVALID', 3],
    ['SPEC_INVALID', 3],
    ['INPUT_INVALID', 3],
    ['SANDBOX_NOT_FOUND', 3],
    ['SANDBOX_EXISTS', 3],
    ['COPY_REJECTED', 3],
    ['ENGINE_UNAVAILABLE', 4],
    ['IMAGE_UNAVAILABLE', 4],
    ['SANDBOX_FAILED', 4],
    ['LANDLOCK_UNAVAILABLE', 4],
    ['FENCE_FAILED', 5],
    ['SANDBOX_NOT_READY', 5],
    ['GATEWAY_UNAVAILABLE', 5],
    ['GATEWAY_FAILED', 5],
    ['EVIDENCE_INCOMPLETE', 5],
    ['PRIVILEGE_REQUIRED', 5],
    ['TIMEOUT', 124],
    ['CANCELLED', 130],
    ['INTERNAL', 70],
  ];
  for (const [code, status] of rows) {
    test(`${code} exits ${status}`, () => assert.equal(exitCodeFor(new PaddockError(code, 'x')), status));
  }
  test('every code has exactly one row here', () =>
    assert.deepEqual(rows.map(([c]) => c).sort(), Object.keys(EXIT_FOR_CODE).sort()));
  test('codes are matched, never messages: a plain Error is internal (70)', () =>
    assert.equal(exitCodeFor(new Error('POLICY_INVALID')), EXIT.internal));

  const signals: [string | undefined, number][] = [
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
    [undefined, 130],
  ];
  for (const [signal, status] of signals) {
    test(`stopped by ${signal ?? 'an unknown signal'} exits ${status}`, () =>
      assert.equal(exitForSignal(signal), status));
  }
});
