import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Budget } from './budget.js';
import { CpuDemotion, type CpuWeightIo, cpuCgroup, DEMOTE_MS, demotedValues } from './demotion.js';

// This machine's shape: cgroup v1 per controller, plus an empty unified hierarchy.
const HYBRID = [
  '31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755',
  '32 31 0:29 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu',
  '33 31 0:30 / /sys/fs/cgroup/cpuacct rw,relatime - cgroup cgroup rw,cpuacct',
  '41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw',
].join('\n');
const V1_JOINED =
  '32 31 0:29 / /sys/fs/cgroup/cpu,cpuacct rw,relatime shared:9 - cgroup cgroup rw,cpu,cpuacct';
// GitHub's Ubuntu runners: cgroup v2 only, systemd driver.
const V2 =
  '30 23 0:26 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:4 - cgroup2 cgroup2 rw,nsdelegate';
const SUB_TREE = '32 31 0:29 /docker /mnt/cg\\040cpu rw - cgroup cgroup rw,cpu';

for (const [name, cgroup, mountinfo, want] of [
  [
    'v1 (hybrid): the cpu hierarchy',
    '1:cpu:/docker/abc\n0::/\n',
    HYBRID,
    { dir: '/sys/fs/cgroup/cpu/docker/abc', version: 1 },
  ],
  [
    'v1, cpu and cpuacct mounted together',
    '4:cpu,cpuacct:/docker/abc\n',
    V1_JOINED,
    { dir: '/sys/fs/cgroup/cpu,cpuacct/docker/abc', version: 1 },
  ],
  [
    'v2: the unified hierarchy',
    '0::/system.slice/docker-abc.scope\n',
    V2,
    { dir: '/sys/fs/cgroup/system.slice/docker-abc.scope', version: 2 },
  ],
  [
    'a mounted sub-tree, escaped mount point',
    '1:cpu:/docker/abc',
    SUB_TREE,
    { dir: '/mnt/cg cpu/abc', version: 1 },
  ],
  ['outside the mounted sub-tree', '1:cpu:/other/abc', SUB_TREE, null],
  ['the root cgroup has no weight of its own', '1:cpu:/\n', HYBRID, null],
  ['a path with ..', '0::/a/../b\n', V2, null],
  ['no cgroup hierarchy mounted', '0::/docker/abc\n', '', null],
] as const) {
  test(`cpuCgroup: ${name}`, () => {
    assert.deepEqual(cpuCgroup(cgroup, mountinfo), want);
  });
}

for (const [name, cg, files, want] of [
  [
    'v1, Docker --cpus 1: weight / 16, quota to 0.1 CPU',
    { dir: '/c', version: 1 },
    { 'cpu.shares': '1024', 'cpu.cfs_period_us': '100000', 'cpu.cfs_quota_us': '100000' },
    [
      ['cpu.shares', '64'],
      ['cpu.cfs_quota_us', '10000'],
    ],
  ],
  [
    'v1, no quota, tiny weight',
    { dir: '/c', version: 1 },
    { 'cpu.shares': '20', 'cpu.cfs_period_us': '100000', 'cpu.cfs_quota_us': '-1' },
    [
      ['cpu.shares', '2'],
      ['cpu.cfs_quota_us', '10000'],
    ],
  ],
  [
    'v1, a quota already below the cap stays',
    { dir: '/c', version: 1 },
    { 'cpu.shares': '1024', 'cpu.cfs_period_us': '100000', 'cpu.cfs_quota_us': '5000' },
    [
      ['cpu.shares', '64'],
      ['cpu.cfs_quota_us', '5000'],
    ],
  ],
  [
    'v2, no limit',
    { dir: '/c', version: 2 },
    { 'cpu.weight': '100', 'cpu.max': 'max 100000' },
    [
      ['cpu.weight', '6'],
      ['cpu.max', '10000 100000'],
    ],
  ],
  [
    'v2, Docker --cpus 2, short period: never below 1 ms',
    { dir: '/c', version: 2 },
    { 'cpu.weight': '10', 'cpu.max': '10000 5000' },
    [
      ['cpu.weight', '1'],
      ['cpu.max', '1000 5000'],
    ],
  ],
] as const) {
  test(`demotedValues: ${name}`, () => {
    const read = (f: string) => (files as Record<string, string>)[f] ?? assert.fail(`read ${f}`);
    assert.deepEqual(demotedValues(cg, read), want);
  });
}

test('demotedValues: a value it cannot read throws (nothing is guessed)', () => {
  assert.throws(
    () => demotedValues({ dir: '/c', version: 2 }, (f) => (f === 'cpu.max' ? 'max' : '100')),
    /cpu.max period: not a number/,
  );
});

/** A v1 cgroup in memory (Docker --cpus 1), a clock, and the timers CpuDemotion set. */
function fakeIo(shares = '1024') {
  const files = new Map<string, string>([
    ['/c/cpu.shares', shares],
    ['/c/cpu.cfs_period_us', '100000'],
    ['/c/cpu.cfs_quota_us', '100000'],
  ]);
  const state = { now: 0, timers: [] as { at: number; f: () => void }[], writes: [] as string[] };
  const io: CpuWeightIo = {
    read: (p) => files.get(p) ?? assert.fail(`no ${p}`),
    write: (p, v) => {
      if (!files.has(p)) throw new Error(`ENOENT ${p}`);
      state.writes.push(`${p.slice(3)}=${v}`);
      files.set(p, v);
    },
    later: (f, ms) => state.timers.push({ at: state.now + ms, f }),
    now: () => state.now,
  };
  /** Move the clock to `t`, running the timers due. */
  const advance = (t: number) => {
    state.now = t;
    for (;;) {
      const due = state.timers.find((x) => x.at <= t);
      if (!due) break;
      state.timers.splice(state.timers.indexOf(due), 1);
      due.f();
    }
  };
  const now = () => [files.get('/c/cpu.shares'), files.get('/c/cpu.cfs_quota_us')];
  return { state, files, io, advance, now };
}

const CG = { dir: '/c', version: 1 } as const;

test('over budget: demoted once, and given back DEMOTE_MS after the last over-budget denial', () => {
  const { state, io, advance, now } = fakeIo();
  const log: string[] = [];
  const d = new CpuDemotion(CG, (l) => log.push(l), io);
  d.over('over its denials budget');
  assert.deepEqual(now(), ['64', '10000']);
  advance(6000);
  d.over('over its denials budget'); // still flooding: kept low, not written again
  advance(DEMOTE_MS + 1);
  assert.deepEqual(now(), ['64', '10000'], 'given back while the sandbox was still over budget');
  advance(6000 + DEMOTE_MS);
  assert.deepEqual(now(), ['1024', '100000']);
  assert.deepEqual(state.writes, [
    'cpu.shares=64',
    'cpu.cfs_quota_us=10000',
    'cpu.cfs_quota_us=100000',
    'cpu.shares=1024',
  ]);
  assert.equal(log.length, 2);
  d.over('over its connection rate budget'); // a new flood demotes it again
  assert.deepEqual(now(), ['64', '10000']);
});

test('restore gives back what was there, once', () => {
  const { state, io, now } = fakeIo('20');
  const d = new CpuDemotion(CG, () => undefined, io);
  d.over('x');
  assert.deepEqual(now(), ['2', '10000']);
  d.restore();
  d.restore();
  assert.deepEqual(now(), ['20', '100000']);
  assert.equal(state.writes.length, 4);
});

test('a value that cannot be read is said once, nothing is written, nothing is tried again', () => {
  const { state, io } = fakeIo('max');
  const log: string[] = [];
  const d = new CpuDemotion(CG, (l) => log.push(l), io);
  d.over('x');
  d.over('x');
  assert.deepEqual(state.writes, []);
  assert.equal(log.length, 1);
  assert.match(log[0] ?? '', /not demoted .*cpu.shares: not a number: "max"/);
});

test('a write that fails half way gives back what was already lowered', () => {
  const { state, files, io, now } = fakeIo();
  const write = io.write;
  const d = new CpuDemotion(CG, () => undefined, {
    ...io,
    write: (p, v) => {
      if (p.endsWith('quota_us') && v === '10000') throw new Error('EINVAL');
      write(p, v);
    },
  });
  d.over('x');
  assert.deepEqual(now(), ['1024', '100000']);
  assert.deepEqual(state.writes, ['cpu.shares=64', 'cpu.shares=1024']);
  assert.equal(files.size, 3);
});

test('every denial over budget reaches the demotion, logged or counted quietly', () => {
  const kinds: string[] = [];
  const b = new Budget({}, (k) => kinds.push(k));
  assert.equal(b.overBudget('denials', 0), true);
  assert.equal(b.overBudget('denials', 1), false);
  assert.equal(b.droppedQuietly('query rate', 0), false); // first of its window: not dropped, the chain records it
  assert.equal(b.overBudget('query rate', 0), true);
  assert.equal(b.droppedQuietly('query rate', 1), true);
  assert.deepEqual(kinds, ['denials', 'denials', 'query rate', 'query rate']);
});
