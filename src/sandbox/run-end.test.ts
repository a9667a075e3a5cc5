import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { newRunKey, RunEnd } from './run-end.js';

const KEY = 'a'.repeat(32);
const LINE = `paddock-init: run ended ${KEY} status `;

/** Feed chunks, return what passed on, whether it ended and the status. */
function feed(chunks: readonly string[], key = KEY): [passed: string, ended: boolean, status: number | null] {
  const end = new RunEnd(key);
  let passed = '';
  for (const c of chunks) passed += end.push(Buffer.from(c)).toString();
  passed += end.flush().toString();
  return [passed, end.ended, end.status];
}

describe('RunEnd: init end line out of the container stderr', () => {
  const rows: [name: string, chunks: string[], expected: ReturnType<typeof feed>][] = [
    ['the line alone', [`${LINE}0\n`], ['', true, 0]],
    ['after the command stderr', [`oops\n${LINE}3\n`], ['oops\n', true, 3]],
    ['split byte by byte', [...`err${LINE}137\n`], ['err', true, 137]],
    ['split inside the key', [`x${LINE.slice(0, 30)}`, `${LINE.slice(30)}42\n`], ['x', true, 42]],
    [
      'a forged line with another key is output',
      [`${LINE.replace(KEY, 'b'.repeat(32))}0\n`],
      [`${LINE.replace(KEY, 'b'.repeat(32))}0\n`, false, null],
    ],
    [
      'a prefix that never completes is output at the end',
      ['abc paddock-init: run'],
      ['abc paddock-init: run', false, null],
    ],
    ['a status that is not a number is unknown', [`${LINE}zero\n`], ['', true, null]],
    ['the line without its newline has not ended', [`${LINE}1`], [`${LINE}1`, false, null]],
    ['nothing after the line is passed on', [`${LINE}1\n`, 'more'], ['', true, 1]],
  ];
  for (const [name, chunks, expected] of rows) test(name, () => assert.deepEqual(feed(chunks), expected));
});

test('newRunKey: 32 hex characters, fresh each time', () => {
  const [a, b] = [newRunKey(), newRunKey()];
  assert.match(a, /^[0-9a-f]{32}$/);
  assert.notEqual(a, b);
});
