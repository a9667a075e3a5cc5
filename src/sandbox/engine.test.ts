import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isPaddockError } from '../common/errors.js';
import { negotiateApi } from './engine.js';

const rows: [string, string][] = [
  ['1.41', '1.41'],
  ['1.43', '1.43'],
  ['1.45', '1.45'],
  ['1.47', '1.45'],
  ['1.51', '1.45'],
];
for (const [engine, expected] of rows) {
  test(`engine API ${engine} is spoken as ${expected}`, () => assert.equal(negotiateApi(engine), expected));
}

test('an engine below API 1.41 is refused with ENGINE_UNAVAILABLE', () => {
  assert.throws(
    () => negotiateApi('1.40'),
    (e) => isPaddockError(e, 'ENGINE_UNAVAILABLE'),
  );
});
