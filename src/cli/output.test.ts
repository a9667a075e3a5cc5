import assert from 'node:assert/strict';
import { test } from 'node:test';
import { table } from './output.js';

test('table: a cell the agent chose (a run reason naming a raw DNS name) stays one inert line', () => {
  // `paddock eval run` prints its runs' reasons in this table; in a workflow's `run:` step GitHub's runner reads
  // that output for `::cmd::` at a line's start and `##[cmd]` anywhere, and a terminal obeys escapes.
  const reason =
    'egress: x\n::add-mask::paddock\r\n::error file=paddock.yml::forged ##[stop-commands]t\u001b]52;c;eA==\u0007.evil.test (dns)';
  const out = table(
    ['RUN', 'REASON'],
    [
      ['r1', reason],
      ['r2', 'exit code 3, expected 0'],
    ],
  );
  const lines = out.split('\n');
  assert.equal(lines.length, 4, out); // header, two rows, the final newline
  for (const line of lines) assert.doesNotMatch(line, /[\u0000-\u001f\u007f-\u009f]/, JSON.stringify(out));
  assert.equal(out.includes('##['), false, out);
  assert.match(lines[1] as string, /^r1 +egress: x\\x0a::add-mask::paddock/);
});
