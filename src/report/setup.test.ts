import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SetupResult } from '../eval/results.js';
import { setupPaths } from '../eval/setup-result.js';
import { setupLine } from './setup.js';

const setup = (over: Partial<SetupResult>): SetupResult => ({
  status: 'passed',
  image: 'paddock/setup:abc',
  imageId: 'sha256:x',
  key: 'abc',
  cached: false,
  exitCode: 0,
  timedOut: false,
  durationMs: 12_300,
  denials: 0,
  denied: [],
  reason: '',
  paths: setupPaths(),
  ...over,
});

test('setupLine says what image the runs used, or why none started', () => {
  const rows: [Partial<SetupResult>, string][] = [
    [{}, 'Setup built paddock/setup:abc in 12.3 s'],
    [
      { denials: 2 },
      'Setup built paddock/setup:abc in 12.3 s, 2 denied egress attempts (see setup/events.jsonl)',
    ],
    [
      { cached: true, exitCode: null },
      'Setup reused paddock/setup:abc: built earlier from the same inputs, not run again',
    ],
    [
      { status: 'failed', imageId: null, exitCode: 7, reason: 'exit code 7, expected 0' },
      'Setup failed: exit code 7, expected 0; no run started. Its log: setup/stdout.log, setup/stderr.log',
    ],
    [
      { status: 'timeout', imageId: null, reason: 'timed out after 10m' },
      'Setup failed (timeout): timed out after 10m; no run started. Its log: setup/stdout.log, setup/stderr.log',
    ],
  ];
  for (const [over, line] of rows) assert.equal(setupLine(setup(over)), line);
});
