import assert from 'node:assert/strict';
import { test } from 'node:test';
import { OncePer } from './once-per.js';

test('a key passes once per window, other keys independently', () => {
  const gate = new OncePer(1000);
  assert.deepEqual(
    [
      gate.first('a', 0),
      gate.first('a', 999),
      gate.first('b', 999),
      gate.first('a', 1000),
      gate.first('a', 1500),
    ],
    [true, false, true, true, false],
  );
});

test('the memory stays bounded: at the cap, expired keys go first, then all', () => {
  const gate = new OncePer(1000, 2);
  assert.equal(gate.first('a', 0), true);
  assert.equal(gate.first('b', 500), true);
  assert.equal(gate.first('c', 1200), true); // 'a' expired and was dropped; 'b' is still remembered
  assert.equal(gate.first('b', 1300), false);
  assert.equal(gate.first('d', 1400), true); // full of live keys: forgotten all at once
  assert.equal(gate.first('b', 1450), true);
});
