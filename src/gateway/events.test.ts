import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { isPaddockError } from '../common/errors.js';
import type { EgressEvent } from '../common/event.js';
import { EventLog, HUMAN_LOG_MS } from './events.js';

const event = {
  time: 't',
  session: 's',
  sandbox: 'a',
  action: 'deny',
  layer: 'connect',
  reason: 'r',
} as EgressEvent;
const incomplete = (e: unknown) => isPaddockError(e, 'EVIDENCE_INCOMPLETE');

describe('EventLog', () => {
  test('append resolves once the line is written, and query reads it back', async () => {
    const log = new EventLog({
      path: join(await mkdtemp(join(tmpdir(), 'paddock-el-')), 'e.jsonl'),
      log: () => {},
    });
    await log.open();
    await log.append(event);
    assert.equal((await log.query()).length, 1);
    await log.close();
  });

  test('the line is in the file as soon as append returns (no write left pending)', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'paddock-el-')), 'e.jsonl');
    const log = new EventLog({ path, log: () => {} });
    await log.open();
    const appended = log.append(event);
    assert.equal(readFileSync(path, 'utf8'), `${JSON.stringify(event)}\n`);
    await appended;
    await log.close();
  });

  test('the human lines follow HUMAN_LOG_MS later, one per event in order; close writes what is left', async (t) => {
    t.mock.timers.enable({ apis: ['setTimeout'] });
    const lines: string[] = [];
    const log = new EventLog({
      path: join(await mkdtemp(join(tmpdir(), 'paddock-el-')), 'e.jsonl'),
      log: (l) => lines.push(l),
    });
    await log.open();
    await log.append({ ...event, reason: 'first' });
    await log.append({ ...event, reason: 'second' });
    t.mock.timers.tick(HUMAN_LOG_MS - 1);
    assert.deepEqual(lines, []);
    t.mock.timers.tick(1);
    assert.equal(lines.length, 2);
    assert.match(lines[0] ?? '', /first/);
    assert.match(lines[1] ?? '', /second/);
    await log.append({ ...event, reason: 'third' });
    await log.close();
    assert.match(lines[2] ?? '', /third/);
  });

  test('append rejects when the write fails (ENOSPC), and every later append and query too', async () => {
    const log = new EventLog({ path: '/dev/full', log: () => {} });
    await log.open();
    await assert.rejects(log.append(event), incomplete);
    await assert.rejects(log.append(event), incomplete);
    await assert.rejects(log.query(), incomplete);
    await log.close().catch(() => undefined);
  });

  test('append on a log that is not open rejects', async () => {
    await assert.rejects(
      new EventLog({ path: '/nonexistent/e.jsonl', log: () => {} }).append(event),
      incomplete,
    );
  });
});
