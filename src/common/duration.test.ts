import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { formatDuration, parseDuration } from './duration.js';
import { isPaddockError } from './errors.js';

describe('one duration grammar', () => {
  const reads: [string, number][] = [
    ['90s', 90_000],
    ['10m', 600_000],
    ['1h30m', 5_400_000],
    ['1h', 3_600_000],
    ['1.5m', 90_000],
    ['500ms', 500],
    ['2m30s', 150_000],
    [' 30s ', 30_000],
  ];
  for (const [text, ms] of reads)
    test(`reads ${JSON.stringify(text)} as ${ms} ms`, () => assert.equal(parseDuration(text), ms));

  const refuses: [string, RegExp][] = [
    ['90', /add a unit: 90s or 90m/],
    ['1.5', /add a unit/],
    ['0s', /above 0/],
    ['-5s', /expected a duration/],
    ['10d', /expected a duration/],
    ['abc', /expected a duration/],
    ['', /expected a duration/],
    ['1h 30m', /expected a duration/],
    // Past 2^31-1 ms a Node timer fires after 1 ms: the timeout would end the command at once.
    ['600h', /at most 596h/],
    ['99999999999999999999h', /at most 596h/],
  ];
  for (const [text, message] of refuses) {
    test(`refuses ${JSON.stringify(text)}`, () =>
      assert.throws(
        () => parseDuration(text),
        (e) => isPaddockError(e, 'INPUT_INVALID') && message.test(e.message),
      ));
  }

  const writes: [number, string][] = [
    [600_000, '10m'],
    [5_400_000, '1h30m'],
    [3_600_000, '1h'],
    [1500, '1.5s'],
    [90_000, '90s'],
    [250, '250ms'],
  ];
  for (const [ms, text] of writes) {
    test(`writes ${ms} ms as ${text}, which reads back`, () => {
      assert.equal(formatDuration(ms), text);
      assert.equal(parseDuration(text), ms);
    });
  }
});
