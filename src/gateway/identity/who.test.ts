import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ProcessRecord } from './protocol.js';
import { attributedOf } from './who.js';

const clean = (exe: string, extra: Partial<ProcessRecord> = {}): ProcessRecord => ({
  exe,
  tracerPid: 0,
  environ: '',
  maps: `- r-xp - - 0 ${exe}\n- r-xp - - 0 /usr/lib/x86_64-linux-gnu/libc.so.6\n`,
  cmdline: `${exe}\0-s\0`,
  ...extra,
});
const record = (...processes: [ProcessRecord, ...ProcessRecord[]]) => ({
  id: '1',
  key: 'k1',
  port: 40000,
  inode: 5,
  pid: 10,
  processes,
});
const WRITABLE = ['/sandbox', '/tmp', '/dev/shm'];

for (const [name, processes, identity, taint] of [
  ['clean: connect-time', [clean('/usr/bin/curl'), clean('/usr/bin/dash')], 'connect-time', []],
  [
    'a preload from /tmp taints (the same rule as /proc)',
    [clean('/usr/bin/curl', { environ: 'LD_PRELOAD=/tmp/x.so\0' })],
    'tainted',
    ['LD_PRELOAD=/tmp/x.so'],
  ],
  ['a tracer taints', [clean('/usr/bin/curl', { tracerPid: 42 })], 'tainted', ['traced by pid 42']],
  [
    'a memfd mapping in an ancestor taints, named by the ancestor',
    [clean('/usr/bin/curl'), clean('/usr/bin/node', { maps: '- r-xp - - 0 /memfd:x (deleted)\n' })],
    'tainted',
    ['ancestor /usr/bin/node: executable mapping of /memfd:x (deleted)'],
  ],
  [
    'facts too large to send taint (fail closed)',
    [clean('/usr/bin/curl', { environ: null, maps: null })],
    'tainted',
    [
      'its environment could not be read or is too large to check',
      'its mappings could not be read or are too many to check',
    ],
  ],
] as const)
  test(name, () => {
    const who = attributedOf(
      record(...(processes as unknown as [ProcessRecord, ...ProcessRecord[]])),
      WRITABLE,
    );
    assert.deepEqual([who.identity, who.taint], [identity, taint]);
  });

test('exe, ancestors (nearest first), cmdline and the pid in the sandbox', () => {
  const who = attributedOf(
    record(clean('/usr/bin/curl (deleted)'), clean('/usr/bin/dash'), clean('/usr/bin/node')),
    WRITABLE,
  );
  assert.deepEqual(
    [who.exe, who.ancestors, who.cmdline, who.pid],
    ['/usr/bin/curl', ['/usr/bin/dash', '/usr/bin/node'], '/usr/bin/curl (deleted) -s', 10],
  );
});

test('a process seen again gets the same taint (remembered per parsed record), and changed facts are judged anew', () => {
  const tainted = clean('/usr/bin/curl', { environ: 'LD_PRELOAD=/tmp/x.so\0' });
  for (let i = 0; i < 3; i++) {
    const who = attributedOf(record(tainted, clean('/usr/bin/dash')), WRITABLE);
    assert.deepEqual(who.taint, ['LD_PRELOAD=/tmp/x.so']);
    // A caller's copy: pushing into one answer's list changes no later answer.
    who.taint.push('x');
  }
  assert.deepEqual(attributedOf(record(clean('/usr/bin/curl')), WRITABLE).taint, []);
  assert.deepEqual(attributedOf(record(clean('/usr/bin/curl', { tracerPid: 7 })), WRITABLE).taint, [
    'traced by pid 7',
  ]);
  // Another writable list: /opt writable makes a mapping under it taint.
  const opt = clean('/usr/bin/curl', { maps: '- r-xp - - 0 /opt/lib.so\n' });
  assert.deepEqual(attributedOf(record(opt), WRITABLE).taint, []);
  assert.deepEqual(attributedOf(record(opt), [...WRITABLE, '/opt']).taint, [
    'executable mapping of /opt/lib.so',
  ]);
});
