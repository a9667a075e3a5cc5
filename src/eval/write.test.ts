import assert from 'node:assert/strict';
import { constants } from 'node:buffer';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { denyEvent, results, runResult } from '../../test/report/fixture.js';
import { readEventLog } from '../common/event.js';
import { runSignature, writeResults } from './write.js';

describe('writeResults', () => {
  test('an egress.jsonl longer than the longest string V8 can make is written (a flood of logged denials)', async () => {
    // 135,000 denials of 4 KB: as one string (join) the results could not be written at all, and the eval
    // lost every run's results. The reason is one string shared by every event, so the test's heap stays small.
    const reason = 'x'.repeat(4000);
    const events = Array.from({ length: 135_000 }, (_, i) => denyEvent({ reason, pid: i }));
    const dir = await mkdtemp(join(tmpdir(), 'paddock-write-'));
    try {
      await writeResults(dir, results([runResult('a', 'egress')]), events);
      assert.ok((await stat(join(dir, 'egress.jsonl'))).size > constants.MAX_STRING_LENGTH);
      const back = await readEventLog(join(dir, 'egress.jsonl'));
      assert.equal(back.length, events.length);
      assert.equal(back.at(-1)?.pid, 134_999);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('runSignature', () => {
  test('the same run and events give the same signature; any change gives another', () => {
    const run = runResult('a', 'egress');
    const events = [denyEvent(), denyEvent({ host: 'b.test' })];
    assert.equal(
      runSignature(run, events),
      runSignature(
        { ...run },
        events.map((e) => ({ ...e })),
      ),
    );
    assert.notEqual(runSignature(run, events), runSignature(run, events.slice(0, 1)));
    assert.notEqual(runSignature(run, events), runSignature({ ...run, exitCode: 3 }, events));
  });

  test('a run with events longer than one string may be has a signature', () => {
    const reason = 'x'.repeat(4000);
    const events = Array.from({ length: 135_000 }, () => denyEvent({ reason }));
    assert.equal(typeof runSignature(runResult('a', 'egress'), events), 'string');
  });
});
