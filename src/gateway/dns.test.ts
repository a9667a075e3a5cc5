import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SandboxEntry } from './context.js';
import { firstInWindow } from './dns.js';

test('a denied name is logged once per sandbox for the A+AAAA pair of one lookup, again after the window', () => {
  const a = {} as SandboxEntry;
  const b = {} as SandboxEntry;
  assert.equal(firstInWindow(a, 'evil.test', 1_000), true);
  assert.equal(firstInWindow(a, 'evil.test', 1_200), false);
  assert.equal(firstInWindow(b, 'evil.test', 1_200), true);
  assert.equal(firstInWindow(a, 'other.test', 1_200), true);
  assert.equal(firstInWindow(a, 'evil.test', 2_100), true);
});
