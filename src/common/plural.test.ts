import assert from 'node:assert/strict';
import { test } from 'node:test';
import { plural } from './plural.js';

const rows: [number, string, string | undefined, string][] = [
  [0, 'network', undefined, '0 networks'],
  [1, 'network', undefined, '1 network'],
  [2, 'problem', undefined, '2 problems'],
  [1, 'entry', 'entries', '1 entry'],
  [3, 'entry', 'entries', '3 entries'],
];
for (const [n, word, many, text] of rows) test(`${text}`, () => assert.equal(plural(n, word, many), text));
