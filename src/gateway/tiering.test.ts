import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { TIERING, tieringApplies } from './tiering.js';

// A child that sets `flags` as the daemon does, calls a function 300 times, and prints V8's optimisation status
// of it. Compilation is synchronous there (no background compile to wait for).
const CHILD = `
const flags = JSON.parse(process.argv[1]);
for (const f of flags) require('node:v8').setFlagsFromString(f);
function f(a) { return { x: a.x + 1, y: String(a.y).length }; }
for (let i = 0; i < 300; i++) f({ x: i, y: i });
console.log(%GetOptimizationStatus(f));
`;
const TURBOFANNED = 1 << 6;

function statusAfter300Calls(flags: readonly string[]): number {
  const out = execFileSync(
    process.execPath,
    ['--allow-natives-syntax', '--no-concurrent-recompilation', '-e', CHILD, JSON.stringify(flags)],
    { encoding: 'utf8' },
  );
  return Number(out.trim());
}

test('the tiering flags take effect when set at run time: 300 calls reach optimised code, as without they do not', () => {
  assert.equal(
    statusAfter300Calls([]) & TURBOFANNED,
    0,
    'V8 optimised without the flags: the test shows nothing',
  );
  assert.equal(statusAfter300Calls(TIERING) & TURBOFANNED, TURBOFANNED);
});

test('the flags are set only on the Node majors they were checked on (Node 20 lacks them, and V8 would log so)', () => {
  assert.equal(tieringApplies('22.23.5'), true);
  assert.equal(tieringApplies('24.22.3'), true);
  assert.equal(tieringApplies('20.20.2'), false);
  assert.equal(tieringApplies('26.0.0'), false);
  assert.ok(tieringApplies(), `this Node (${process.versions.node}) is one the test above checks`);
});
