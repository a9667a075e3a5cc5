import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseScore, verifyPaths } from './verify.js';

test('score.json: a score from 0 to 1 with scalar metrics; anything else says what is wrong', () => {
  assert.deepEqual(parseScore('{"score": 0.75, "metrics": {"tests": 3, "lint": true, "model": "m"}}'), {
    score: 0.75,
    metrics: { tests: 3, lint: true, model: 'm' },
  });
  assert.deepEqual(parseScore('{"score": 1}'), { score: 1, metrics: {} });
  for (const [text, why] of [
    ['not json', /not JSON/],
    ['[1]', /expected an object/],
    ['{"score": 1.5}', /number from 0 to 1, got 1.5/],
    ['{"score": "0.5"}', /number from 0 to 1, got "0.5"/],
    ['{}', /number from 0 to 1, got undefined/],
    ['{"score": 0.5, "metrics": [1]}', /"metrics" to be an object/],
    ['{"score": 0.5, "metrics": {"x": {"y": 1}}}', /metric "x" is not a number/],
    // Infinity would be written to results.json as null, which a shard merge refuses (every shard's runs lost).
    ['{"score": 0.5, "metrics": {"x": 1e400}}', /metric "x" is not a finite number/],
    ['{"score": 0.5, "metrics": {"x": -1e400}}', /metric "x" is not a finite number/],
  ] as const)
    assert.throws(() => parseScore(text), why, text);
});

test('verify files sit beside the run, in verify/', () => {
  assert.deepEqual(verifyPaths('a#2'), {
    dir: 'runs/a#2/verify',
    stdout: 'runs/a#2/verify/stdout.log',
    stderr: 'runs/a#2/verify/stderr.log',
    events: 'runs/a#2/verify/events.jsonl',
  });
});
