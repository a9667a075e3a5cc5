import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isSynthetic, SyntheticPool } from './synthetic.js';

describe('SyntheticPool', () => {
  test('hands out addresses in order and maps them back, case-insensitively', () => {
    const pool = new SyntheticPool();
    assert.equal(pool.addressFor('a.test'), '198.18.0.1');
    assert.equal(pool.addressFor('B.test.'), '198.18.0.2');
    assert.equal(pool.addressFor('A.TEST'), '198.18.0.1');
    assert.equal(pool.nameFor('198.18.0.2'), 'b.test');
    assert.equal(pool.nameFor('198.18.0.3'), undefined);
  });
  test('two sandboxes have independent pools', () => {
    assert.equal(new SyntheticPool().addressFor('x.test'), new SyntheticPool().addressFor('y.test'));
  });
});

describe('isSynthetic', () => {
  for (const [ip, want] of [
    ['198.18.0.1', true],
    ['198.19.255.254', true],
    ['198.20.0.1', false],
    ['198.17.255.255', false],
    ['192.0.2.1', false],
    ['not an ip', false],
  ] as const) {
    test(`${ip} → ${want}`, () => assert.equal(isSynthetic(ip), want));
  }
});
