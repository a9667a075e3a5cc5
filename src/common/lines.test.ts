import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import { onLines } from './lines.js';

test('onLines: lines split across chunks, several in one chunk, empty lines; no unterminated last line', async () => {
  const input = new PassThrough();
  const lines: string[] = [];
  onLines(input, (l) => lines.push(l));
  for (const chunk of ['conn 1 k', '1 40000\nattached k2\n', '\n', 'took 7 1.2.3.4 80', '\nhalf'])
    input.write(Buffer.from(chunk, 'latin1'));
  input.end();
  await new Promise((resolve) => input.on('end', resolve));
  assert.deepEqual(lines, ['conn 1 k1 40000', 'attached k2', '', 'took 7 1.2.3.4 80']);
});

test('onLines: bytes are read as latin1, one character each (identd escapes the rest)', async () => {
  const input = new PassThrough();
  const lines: string[] = [];
  onLines(input, (l) => lines.push(l));
  input.end(Buffer.from([0x61, 0xe9, 0x0a]));
  await new Promise((resolve) => input.on('end', resolve));
  assert.deepEqual(lines, ['a\u00e9']);
});

test('onLines: a line in a hundred chunks comes once, whole', async () => {
  const input = new PassThrough();
  const lines: string[] = [];
  onLines(input, (l) => lines.push(l));
  const long = 'conn 1 k1 40000 5 10 '.padEnd(100_000, 'x');
  for (let i = 0; i < long.length; i += 1000) input.write(Buffer.from(long.slice(i, i + 1000), 'latin1'));
  input.end('\nnext\n');
  await new Promise((resolve) => input.on('end', resolve));
  assert.deepEqual(lines, [long, 'next']);
});
