import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EgressEvent } from '../common/event.js';
import { type SetupOutcome, setupPaths, setupResult } from './setup-result.js';

const outcome = (over: Partial<SetupOutcome>): SetupOutcome => ({
  image: 'paddock/setup:abc',
  imageId: null,
  key: 'abc',
  cached: false,
  sandbox: 'setup-1',
  exitCode: null,
  timedOut: false,
  timeoutMs: 60_000,
  cancelled: false,
  startedAt: 1000,
  finishedAt: 3500,
  ...over,
});
const deny = {
  action: 'deny',
  layer: 'dns',
  host: 'evil.test',
  ip: null,
  port: null,
  binary: '/usr/bin/curl',
};

test('setupResult: status and reason from how setup went (a setup passes when it gave an image)', () => {
  const rows: [string, Partial<SetupOutcome>, string, string][] = [
    ['built', { imageId: 'sha256:x', exitCode: 0 }, 'passed', ''],
    ['found', { imageId: 'sha256:x', cached: true }, 'passed', ''],
    ['exit 7', { exitCode: 7 }, 'failed', 'exit code 7, expected 0'],
    ['timed out', { timedOut: true }, 'timeout', 'timed out after 1m'],
    ['cancelled', { cancelled: true }, 'cancelled', 'cancelled before it finished'],
    [
      'commit failed',
      { exitCode: 0, error: 'image not made: disk full' },
      'error',
      'image not made: disk full',
    ],
    [
      'sandbox failed',
      { error: 'sandbox create failed: FENCE_FAILED' },
      'error',
      'sandbox create failed: FENCE_FAILED',
    ],
  ];
  for (const [name, over, status, reason] of rows) {
    const r = setupResult(outcome(over), []);
    assert.deepEqual([r.status, r.reason], [status, reason], name);
  }
});

test('setupResult: the results.json shape, denials reported (not judged), paths under setup/', () => {
  const events = [deny, deny] as unknown as EgressEvent[];
  assert.deepEqual(setupResult(outcome({ imageId: 'sha256:x', exitCode: 0 }), events), {
    status: 'passed',
    image: 'paddock/setup:abc',
    imageId: 'sha256:x',
    key: 'abc',
    cached: false,
    exitCode: 0,
    timedOut: false,
    durationMs: 2500,
    denials: 2,
    denied: [{ binary: '/usr/bin/curl', host: 'evil.test', ip: null, port: null, layer: 'dns', count: 2 }],
    reason: '',
    paths: {
      dir: 'setup',
      stdout: 'setup/stdout.log',
      stderr: 'setup/stderr.log',
      events: 'setup/events.jsonl',
      json: 'setup/setup.json',
    },
  });
  assert.deepEqual(setupPaths().dir, 'setup');
});
