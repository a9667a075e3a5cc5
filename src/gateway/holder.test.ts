import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { describe, test } from 'node:test';
import type { Policy } from '../policy/types.js';
import { Budget } from './budget.js';
import {
  claimAddress,
  forget,
  type GatewayContext,
  type SandboxEntry,
  sandboxByIp,
  whyUnknown,
} from './context.js';
import {
  type HolderReads,
  holdHolder,
  parseStartTime,
  procHolder,
  readIdentity,
  staleHolder,
} from './holder.js';
import { SyntheticPool } from './synthetic.js';

/** A `/proc/<pid>/stat` line with start time `started`, for a command named `comm`. */
const statLine = (pid: number, started: string, comm = 'sleep') =>
  `${pid} (${comm}) S 1 ${pid} ${pid} 0 -1 4194560 100 0 0 0 0 0 0 0 20 0 1 0 ${started} 2560000 200 18446744073709551615`;

/** procfs as a table: pid → [start time, netns]; a missing pid is gone. */
function fakeProc(table: Record<number, [string, string]>): HolderReads {
  return {
    stat: (pid) => (table[pid] ? statLine(pid, table[pid][0]) : null),
    netns: (pid) => table[pid]?.[1] ?? null,
  };
}

describe('parseStartTime', () => {
  const rows: [string, string | null][] = [
    [statLine(7, '164357'), '164357'],
    [statLine(7, '99', 'a b) c'), '99'], // a command with spaces and a parenthesis
    ['7 (x) S 1', null],
    ['', null],
  ];
  for (const [line, want] of rows)
    test(JSON.stringify(line.slice(0, 30)), () => assert.equal(parseStartTime(line), want));
  test('reads this process from the real /proc', () => {
    const me = readIdentity(process.pid, true);
    assert.ok(me && /^\d+$/.test(me.started) && /^net:\[\d+\]$/.test(me.netns), JSON.stringify(me));
    assert.equal(staleHolder(me), undefined);
    assert.equal(procHolder.stat(2 ** 22 + 1), null);
  });
});

describe('staleHolder', () => {
  const identity = { pid: 40, started: '1000', netns: 'net:[1]' };
  const rows: [string, Record<number, [string, string]>, RegExp | undefined][] = [
    ['the same holder', { 40: ['1000', 'net:[1]'] }, undefined],
    ['the pid is gone', {}, /holder pid 40 is gone/],
    [
      'the pid was reused',
      { 40: ['2000', 'net:[1]'] },
      /another process now \(started at tick 2000, not 1000\)/,
    ],
    ['another netns (an inode reused too)', { 40: ['1000', 'net:[2]'] }, /another network namespace/],
  ];
  for (const [name, table, want] of rows)
    test(name, () => {
      const why = staleHolder(identity, fakeProc(table));
      if (want) assert.match(why ?? '', want);
      else assert.equal(why, undefined);
    });
});

function entry(name: string, ip: string, pid: number, started: string | null): SandboxEntry {
  return {
    name,
    run: name,
    ip,
    pid,
    netns: started === null ? '' : `net:[${pid}]`,
    started,
    container: `c0ffee${pid}`.padEnd(64, '0'),
    policy: { network_policies: [] } as unknown as Policy,
    pool: new SyntheticPool(),
    budget: new Budget(),
  };
}

function context(...entries: SandboxEntry[]): GatewayContext & { lines: string[] } {
  const lines: string[] = [];
  return {
    sandboxes: new Map(entries.map((e) => [e.name, e])),
    gone: new Map(),
    log: (l: string) => lines.push(l),
    lines,
  } as unknown as GatewayContext & { lines: string[] };
}

describe('sandboxByIp: a registration decides only while its holder is there', () => {
  const ip = '172.30.0.5';
  test('a live holder is found, also as an IPv4-mapped address', () => {
    const ctx = context(entry('a', ip, 40, '1000'));
    const proc = fakeProc({ 40: ['1000', 'net:[40]'] });
    assert.equal(sandboxByIp(ctx, ip, proc)?.name, 'a');
    assert.equal(sandboxByIp(ctx, `::ffff:${ip}`, proc)?.name, 'a');
    assert.equal(whyUnknown(ctx, ip), undefined);
  });
  const stale: [string, Record<number, [string, string]>, RegExp][] = [
    ['removed without delete (holder gone)', {}, /holder pid 40 is gone/],
    ['its pid now another process', { 40: ['5', 'net:[40]'] }, /holder pid 40 is another process now/],
  ];
  for (const [name, table, why] of stale)
    test(`${name}: dropped, and the address says why`, () => {
      const ctx = context(entry('a', ip, 40, '1000'));
      assert.equal(sandboxByIp(ctx, ip, fakeProc(table)), undefined);
      assert.deepEqual([...ctx.sandboxes.keys()], []);
      assert.match(
        whyUnknown(ctx, ip) ?? '',
        new RegExp(
          `^stale registration: ${ip} was sandbox a \\(container c0ffee400000\\), whose ${why.source}`,
        ),
      );
      assert.equal(ctx.lines.length, 1);
    });
  test('an old registration at the same address never answers for a live one', () => {
    const ctx = context(entry('old', ip, 40, '1000'), entry('new', ip, 41, '2000'));
    assert.equal(sandboxByIp(ctx, ip, fakeProc({ 41: ['2000', 'net:[41]'] }))?.name, 'new');
    assert.deepEqual([...ctx.sandboxes.keys()], ['new']);
  });
  test('proxy-only registrations (no identity) are found by address alone', () => {
    const ctx = context(entry('p', ip, 40, null));
    assert.equal(sandboxByIp(ctx, ip, fakeProc({}))?.name, 'p');
  });
});

describe('claimAddress: registering an address drops every other registration of it', () => {
  test('a conflicting registration is dropped; the same name and other addresses stay', () => {
    const ctx = context(
      entry('old', '172.30.0.5', 40, '1'),
      entry('other', '172.30.0.6', 41, '1'),
      entry('new', '172.30.0.7', 42, '1'),
    );
    ctx.gone.set('172.30.0.5', 'stale registration: …');
    assert.deepEqual(claimAddress(ctx, 'new', '172.30.0.5'), ['old']);
    assert.deepEqual([...ctx.sandboxes.keys()].sort(), ['new', 'other']);
    assert.equal(whyUnknown(ctx, '172.30.0.5'), undefined, 'a new registration clears the old reason');
    assert.match(
      ctx.lines[0] ?? '',
      /registration of sandbox old at 172\.30\.0\.5 dropped: sandbox new registers/,
    );
  });
});

describe('forget: what the gateway held for a sandbox is freed with its registration', () => {
  const held = (e: SandboxEntry, freed: string[]): SandboxEntry => ({
    ...e,
    release: () => freed.push(e.name),
  });
  test('a stale drop, a claimed address and a delete each free it once', () => {
    const freed: string[] = [];
    const ctx = context(
      held(entry('stale', '172.30.0.5', 40, '1000'), freed),
      held(entry('claimed', '172.30.0.6', 41, '1000'), freed),
      held(entry('deleted', '172.30.0.7', 42, '1000'), freed),
    );
    assert.equal(sandboxByIp(ctx, '172.30.0.5', fakeProc({})), undefined);
    claimAddress(ctx, 'new', '172.30.0.6');
    assert.equal(forget(ctx, 'deleted'), true);
    assert.equal(forget(ctx, 'deleted'), false, 'a second forget frees nothing');
    assert.deepEqual(freed, ['stale', 'claimed', 'deleted']);
    assert.deepEqual([...ctx.sandboxes.keys()], []);
  });
});

describe('holdHolder: the open comm file of the holder', () => {
  test('alive while that process lives, not after it exits; a wrong start time is refused', async () => {
    const child = spawn('sleep', ['30'], { stdio: 'ignore' });
    const pid = child.pid ?? 0;
    const started = readIdentity(pid, false)?.started ?? '';
    assert.equal(holdHolder(pid, `${started}1`), null);
    const held = holdHolder(pid, started);
    assert.ok(held);
    assert.equal(held.alive(), true);
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited; // reaped: the pid is free for reuse, and the held file answers ESRCH
    assert.equal(held.alive(), false);
    held.close();
  });
});
