import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { describe, test } from 'node:test';
import { READY_PREFIX, readHandshake, STARTING_LINE } from './handshake.js';

describe('readHandshake', () => {
  test('the starting line is announced, then the ready line gives the handle, across chunk boundaries', async () => {
    const out = new PassThrough();
    const seen: string[] = [];
    const handle = readHandshake(out, () => seen.push('starting'));
    out.write(`${STARTING_LINE.slice(0, 5)}`);
    out.write(`${STARTING_LINE.slice(5)}\n${READY_PREFIX}{"pid"`);
    assert.deepEqual(seen, ['starting']);
    out.write(':42}\n');
    assert.equal(await handle, '{"pid":42}');
  });

  test('a gateway that is ready at once (no starting line) is read as before', async () => {
    const out = new PassThrough();
    let starting = 0;
    const handle = readHandshake(out, () => starting++);
    out.write(`${READY_PREFIX}{}\n`);
    assert.equal(await handle, '{}');
    assert.equal(starting, 0);
  });

  test('any other line is an error naming it', async () => {
    const out = new PassThrough();
    const handle = readHandshake(out);
    out.write(`${STARTING_LINE}\nsudo: a password is required\n`);
    await assert.rejects(handle, /unexpected readiness line: sudo: a password is required/);
  });
});
