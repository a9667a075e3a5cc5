// `paddock eval run` next to CLI sandboxes: the eval never touches another's sandboxes, volumes, gateway or
// decision log, and its egress.jsonl holds only its own decisions. Both ways an eval can meet a CLI session:
// its own session with the CLI's PADDOCK_STATE_DIR in the environment, and the CLI's session named outright.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { EgressEvent } from '../../src/common/event.js';
import { gatewayStatus } from '../../src/gateway/index.js';
import { bootstrapImage } from '../../src/sandbox/image/bootstrap.js';
import { getSandbox } from '../../src/sandbox/index.js';
import { specDir } from '../eval/e2e.js';
import { ok, paddock, type TestSession, testSession } from './paddock.js';

const SPEC = [
  'version: 1',
  'image: paddock/base:latest',
  'policy: default',
  'matrix: { n: [1, 2] }',
  'run: curl -s -m 3 https://eval-exfil.test/ ; echo done',
  'expect: { egress: { denied: [eval-exfil.test] } }',
  'timeout: 1m',
].join('\n');

const lines = async (path: string): Promise<EgressEvent[]> =>
  (await readFile(path, 'utf8').catch(() => ''))
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as EgressEvent);

describe('eval run beside CLI sandboxes', () => {
  const cli = testSession('t-evs');
  let before_: { events: EgressEvent[]; volume: string };

  before(async () => {
    await bootstrapImage();
    await ok(cli, ['sandbox', 'create', '--name', 'keep', '--volume', 'notes:/notes']);
    await ok(cli, [
      'sandbox',
      'exec',
      'keep',
      '--',
      'sh',
      '-c',
      'echo kept > /notes/n; curl -s -m 3 https://cli-exfil.test/; true',
    ]);
    const events = await lines(join(cli.stateDir, 'events.jsonl'));
    assert.ok(
      events.some((e) => e.host === 'cli-exfil.test'),
      'the CLI sandbox made a decision',
    );
    before_ = { events, volume: 'notes' };
  });
  after(async () => {
    await paddock(cli, ['sandbox', 'prune']);
  });

  /** The CLI sandbox, its volume, its gateway and its log are as they were. */
  async function untouched(cliSession: TestSession): Promise<void> {
    const box = await getSandbox(cliSession.id, 'keep');
    assert.equal(box.state, 'running');
    const note = await ok(cliSession, ['sandbox', 'exec', 'keep', '--', 'cat', '/notes/n']);
    assert.equal(note.out, 'kept\n', 'the shared volume survived');
    assert.equal((await gatewayStatus(cliSession.stateDir)).running, true, 'the CLI gateway still runs');
    const now = await lines(join(cliSession.stateDir, 'events.jsonl'));
    assert.deepEqual(now.slice(0, before_.events.length), before_.events, 'the CLI log kept every line');
  }

  /** egress.jsonl and every run's events are the eval's own. */
  async function ownEvents(results: string): Promise<void> {
    const egress = await lines(join(results, 'egress.jsonl'));
    assert.ok(egress.length > 0, 'the eval logged its decisions');
    for (const e of egress) {
      assert.match(e.sandbox ?? '', /^eval-/, `not the eval's: ${JSON.stringify(e)}`);
      assert.notEqual(e.host, 'cli-exfil.test');
    }
    assert.ok(egress.some((e) => e.host === 'eval-exfil.test'));
  }

  test('an eval of its own session (PADDOCK_STATE_DIR set for the CLI) leaves the CLI session alone', async () => {
    const { dir, spec } = await specDir({ 'paddock.yml': SPEC });
    const { PADDOCK_SESSION: _named, ...env } = cli.env;
    const own: TestSession = { ...cli, env };
    const results = join(dir, 'results');
    const r = await paddock(own, ['eval', 'run', spec, '--results', results]);
    assert.equal(r.code, 0, r.stderr);
    await untouched(cli);
    await ownEvents(results);
  });

  test('an eval in the CLI session (named) adds and removes only its own sandboxes', async () => {
    const { dir, spec } = await specDir({ 'paddock.yml': SPEC });
    const results = join(dir, 'results');
    const r = await paddock(cli, ['eval', 'run', spec, '--results', results]);
    assert.equal(r.code, 0, r.stderr);
    await untouched(cli);
    await ownEvents(results);
    const list = await ok(cli, ['sandbox', 'list', '-o', 'json']);
    assert.deepEqual(
      (JSON.parse(list.out) as { name: string }[]).map((s) => s.name),
      ['keep'],
      "the eval's sandboxes are gone, the CLI's stays",
    );
  });
});
