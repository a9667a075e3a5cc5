import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EgressEvent } from '../common/event.js';
import { selectEvents } from './logs.js';
import { denialSummary, landlockLine, renderEvents } from './render.js';

const event = (over: Partial<EgressEvent>): EgressEvent => ({
  time: '2026-11-27T02:04:13.015Z',
  session: 's',
  sandbox: 'box',
  run: null,
  action: 'deny',
  layer: 'connect',
  protocol: 'tcp',
  host: 'evil.test',
  ip: '198.18.0.7',
  port: 443,
  binary: '/usr/bin/curl',
  pid: 64,
  ancestors: [],
  cmdline: 'curl https://evil.test/',
  policy: null,
  reason: 'no matching policy',
  ...over,
});

const rows: [name: string, events: EgressEvent[], file: string | undefined, expected: string][] = [
  ['nothing denied prints nothing', [event({ action: 'allow', policy: 'p' })], undefined, ''],
  [
    'repeated denials are grouped with a count, without pids',
    [event({}), event({ pid: 65 }), event({ host: 'exfil.test', binary: '/usr/bin/node' })],
    undefined,
    'paddock: 3 connection attempts denied:\n' +
      '  DENIED /usr/bin/curl -> evil.test:443 [policy:- reason:no matching policy] x2\n' +
      '  DENIED /usr/bin/node -> exfil.test:443 [policy:- reason:no matching policy]\n' +
      'paddock: to allow them, rerun with --events FILE, then: paddock policy suggest --events FILE\n',
  ],
  [
    'with --events one line points at the file',
    [event({}), event({ action: 'audit' })],
    'ev.jsonl',
    'paddock: 1 connection attempt denied, 1 connection attempt audited (allowed; the policy would deny); ' +
      'events in ev.jsonl; allow them with: paddock policy suggest --events ev.jsonl\n',
  ],
];
for (const [name, events, file, expected] of rows) {
  test(`denialSummary: ${name}`, () => assert.equal(denialSummary(events, file), expected));
}

test('renderEvents prints the human line led by its time, or one JSON object per line', () => {
  const e = event({});
  assert.equal(
    renderEvents([e], 'table'),
    '2026-11-27T02:04:13.015Z DENIED /usr/bin/curl(64) -> evil.test:443 [policy:- reason:no matching policy]\n',
  );
  assert.deepEqual(JSON.parse(renderEvents([e], 'json')), e);
});

test('selectEvents keeps one sandbox, and only denials with --denied', () => {
  const events = [event({}), event({ action: 'allow' }), event({ sandbox: 'other' })];
  assert.equal(selectEvents(events, 'box', { denied: false }).length, 2);
  assert.deepEqual(selectEvents(events, 'box', { denied: true }), [events[0]]);
});

test('landlockLine says the ABI when enforced, and why not otherwise', () => {
  const rows: [Parameters<typeof landlockLine>[0], string][] = [
    [{ compatibility: 'best_effort', abi: 6, enforced: true }, 'ABI 6, enforced (best_effort)'],
    [
      { compatibility: 'best_effort', abi: 0, enforced: false, reason: 'the kernel has no Landlock' },
      'not enforced: the kernel has no Landlock (best_effort)',
    ],
    [
      { compatibility: 'hard_requirement', abi: 6, enforced: false },
      'not enforced: no filesystem rules (hard_requirement)',
    ],
  ];
  for (const [status, line] of rows) assert.equal(landlockLine(status), line);
});

test('renderEvents -o json: a name holding `##[` (a GitHub workflow command anywhere in a line) reads back the same, inert', () => {
  const host = '##[stop-commands]t.##[add-mask]x.evil.test';
  const out = renderEvents([event({ host, cmdline: 'curl \\##[x]' })], 'json');
  assert.equal(out.includes('##['), false, out);
  const back = JSON.parse(out) as EgressEvent;
  assert.equal(back.host, host);
  assert.equal(back.cmdline, 'curl \\##[x]');
});
