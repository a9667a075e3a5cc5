import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import { CappedSink, Demuxer } from './output.js';

function frame(kind: number, text: string): Buffer {
  const body = Buffer.from(text);
  const head = Buffer.alloc(8);
  head[0] = kind;
  head.writeUInt32BE(body.length, 4);
  return Buffer.concat([head, body]);
}

test('demuxer splits frames even when chunks cut headers and bodies', () => {
  const seen: string[] = [];
  const d = new Demuxer((s, data) => seen.push(`${s}:${data.toString()}`));
  const all = Buffer.concat([frame(1, 'hello'), frame(2, 'oops'), frame(1, '')]);
  for (let i = 0; i < all.length; i += 3) d.push(all.subarray(i, i + 3));
  assert.deepEqual(seen, ['stdout:hello', 'stderr:oops', 'stdout:']);
});

test('the sink keeps at most max bytes and marks truncation', async () => {
  const got: Buffer[] = [];
  const target = new Writable({
    write(c: Buffer, _e, done) {
      got.push(c);
      done();
    },
  });
  const sink = await CappedSink.open(target, 5);
  sink.write(Buffer.from('abc'));
  assert.equal(sink.truncated, false);
  sink.write(Buffer.from('defg'));
  sink.write(Buffer.from('h'));
  assert.equal(Buffer.concat(got).toString(), 'abcde');
  assert.equal(sink.truncated, true);
});
