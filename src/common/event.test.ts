import assert from 'node:assert/strict';
import { constants } from 'node:buffer';
import { mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { isPaddockError } from './errors.js';
import { type EgressEvent, formatEvent, readEventLog } from './event.js';

const line = (sandbox: string, action = 'deny') =>
  `${JSON.stringify({ time: 't', session: 's', sandbox, action, layer: 'connect', reason: 'r' })}\n`;
const incomplete = (e: unknown) => isPaddockError(e, 'EVIDENCE_INCOMPLETE');

describe('readEventLog', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'paddock-events-'));

  test('reads every event, or one sandbox', async () => {
    const path = join(dir, 'ok.jsonl');
    await writeFile(path, `${line('a')}\n${line('b', 'allow')}`);
    assert.equal((await readEventLog(path)).length, 2);
    assert.deepEqual(
      (await readEventLog(path, { sandbox: 'b' })).map((e) => e.action),
      ['allow'],
    );
  });

  test('a missing log throws: no events is not evidence', async () => {
    await assert.rejects(readEventLog(join(dir, 'nope.jsonl')), incomplete);
  });

  test('a missing log is empty only when asked, and other I/O errors still throw', async () => {
    assert.deepEqual(await readEventLog(join(dir, 'nope.jsonl'), { missing: 'empty' }), []);
    await assert.rejects(readEventLog(dir, { missing: 'empty' }), incomplete);
  });

  test('a log longer than the longest string V8 can make is read (a flood of logged denials)', async () => {
    // 540 MB of one sandbox's denials, then the event of the sandbox being read: as one string it could not be
    // read at all (ERR_STRING_TOO_LONG), and every run of the eval became an error.
    const path = join(dir, 'big.jsonl');
    const other = `${JSON.stringify({ ...JSON.parse(line('flooder')), reason: 'x'.repeat(4000) })}\n`;
    const block = Buffer.from(other.repeat(256));
    const file = await open(path, 'w');
    let size = 0;
    while (size <= constants.MAX_STRING_LENGTH) size += (await file.write(block)).bytesWritten;
    await file.write(`${line('mine', 'allow')}\n`);
    await file.close();
    try {
      const mine = await readEventLog(path, { sandbox: 'mine' });
      assert.deepEqual(
        mine.map((e) => e.action),
        ['allow'],
      );
    } finally {
      await rm(path);
    }
  });

  test('a line that is not an event (a torn write) throws', async () => {
    const path = join(dir, 'torn.jsonl');
    await writeFile(path, `${line('a')}{"time":"t","sess`);
    await assert.rejects(readEventLog(path), (e: unknown) => incomplete(e) && /1 line/.test(String(e)));
  });
});

describe('formatEvent', () => {
  test('a request-level decision shows its method and path', () => {
    const e = {
      action: 'deny',
      binary: '/usr/lib/git-core/git-remote-https',
      pid: 9,
      host: 'github.com',
      ip: null,
      port: 443,
      policy: 'git_https',
      reason: 'no rule allows it',
      method: 'POST',
      path: '/o/r.git/git-receive-pack',
    } as EgressEvent;
    assert.equal(
      formatEvent(e),
      'DENIED /usr/lib/git-core/git-remote-https(9) -> POST github.com:443/o/r.git/git-receive-pack [policy:git_https reason:no rule allows it]',
    );
  });
  test('a DNS label with a newline or a terminal escape stays one line of text', () => {
    const e = {
      action: 'deny',
      binary: '/usr/bin/python3',
      pid: 3,
      host: 'a\nDENIED fake\u001b[31m.evil.test',
      ip: null,
      port: 53,
      policy: null,
      reason: 'name not allowed by any policy',
    } as EgressEvent;
    const line = formatEvent(e);
    assert.equal(line.includes('\n'), false);
    assert.equal(line.includes('\u001b'), false);
    assert.match(line, /a\\x0aDENIED fake\\x1b\[31m\.evil\.test:53/);
  });
  test("a name holding the runner's legacy workflow-command prefix `##[` (honoured anywhere in a line) is shown inert", () => {
    // GitHub's runner runs `##[add-mask]…`, `##[stop-commands]…`, `##[error]…` found anywhere in a line of a
    // step's stdout or stderr (ActionCommand.TryParse: `message.IndexOf("##[")`), not only at its start.
    const e = {
      action: 'deny',
      binary: '/usr/bin/python3',
      pid: 3,
      host: '##[stop-commands]tok.##[add-mask]paddock.evil.test',
      ip: null,
      port: 53,
      policy: null,
      reason: 'name not allowed by any policy',
    } as EgressEvent;
    const line = formatEvent(e);
    assert.equal(line.includes('##['), false, line);
    assert.match(line, /##\\x5bstop-commands\]tok\.##\\x5badd-mask\]paddock\.evil\.test:53/);
  });
});
