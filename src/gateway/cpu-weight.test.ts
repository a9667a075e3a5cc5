import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Budget } from './budget.js';
import { CpuDemotion, type CpuWeightIo, cpuWeightFile, DEMOTE_MS } from './cpu-weight.js';

// This machine's shape: cgroup v1 per controller, plus an empty unified hierarchy.
const HYBRID = [
  '31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755',
  '32 31 0:29 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu',
  '33 31 0:30 / /sys/fs/cgroup/cpuacct rw,relatime - cgroup cgroup rw,cpuacct',
  '41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw',
].join('\n');
const V1_JOINED = '32 31 0:29 / /sys/fs/cgroup/cpu,cpuacct rw,relatime shared:9 - cgroup cgroup rw,cpu,cpuacct';
// GitHub's Ubuntu runners: cgroup v2 only, systemd driver.
const V2 = '30 23 0:26 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:4 - cgroup2 cgroup2 rw,nsdelegate';
const SUB_TREE = '32 31 0:29 /docker /mnt/cg\\040cpu rw - cgroup cgroup rw,cpu';

for (const [name, cgroup, mountinfo, want] of [
  [
    'v1 (hybrid): the cpu hierarchy',
    '1:cpu:/docker/abc\n0::/\n',
    HYBRID,
    { path: '/sys/fs/cgroup/cpu/docker/abc/cpu.shares', min: 2 },
  ],
  [
    'v1, cpu and cpuacct mounted together',
    '4:cpu,cpuacct:/docker/abc\n',
    V1_JOINED,
    { path: '/sys/fs/cgroup/cpu,cpuacct/docker/abc/cpu.shares', min: 2 },
  ],
  [
    'v2: the unified hierarchy',
    '0::/system.slice/docker-abc.scope\n',
    V2,
    { path: '/sys/fs/cgroup/system.slice/docker-abc.scope/cpu.weight', min: 1 },
  ],
  [
    'a mounted sub-tree, escaped mount point',
    '1:cpu:/docker/abc',
    SUB_TREE,
    { path: '/mnt/cg cpu/abc/cpu.shares', min: 2 },
  ],
  ['outside the mounted sub-tree', '1:cpu:/other/abc', SUB_TREE, null],
  ['the root cgroup has no weight of its own', '1:cpu:/\n', HYBRID, null],
  ['a path with ..', '0::/a/../b\n', V2, null],
  ['no cgroup hierarchy mounted', '0::/docker/abc\n', '', null],
] as const) {
  test(`cpuWeightFile: ${name}`, () => {
    assert.deepEqual(cpuWeightFile(cgroup, mountinfo), want);
  });
}

/** A cgroup file in memory, a clock and the timers CpuDemotion set. */
function fakeIo(initial: string) {
  const state = { value: initial, now: 0, timers: [] as { at: number; f: () => void }[], writes: [] as string[] };
  const io: CpuWeightIo = {
    read: () => state.value,
    write: (_, v) => {
      state.writes.push(v);
      state.value = v;
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
  return { state, io, advance };
}

const FILE = { path: '/cg/cpu.shares', min: 2 };

test('over budget: the weight drops to 1/16 once, and comes back DEMOTE_MS after the last over-budget denial', () => {
  const { state, io, advance } = fakeIo('1024\n');
  const log: string[] = [];
  const d = new CpuDemotion(FILE, (l) => log.push(l), io);
  d.over('over its denials budget');
  assert.equal(state.value, '64');
  advance(6000);
  d.over('over its denials budget'); // still flooding: kept low, not written again
  advance(DEMOTE_MS + 1);
  assert.equal(state.value, '64', 'restored while the sandbox was still over budget');
  advance(6000 + DEMOTE_MS);
  assert.equal(state.value, '1024');
  assert.deepEqual(state.writes, ['64', '1024']);
  assert.equal(log.length, 2);
  d.over('over its connection rate budget'); // a new flood lowers it again
  assert.equal(state.value, '64');
});

test('the weight never goes below the file kind minimum, and restore gives back what was there', () => {
  const { state, io } = fakeIo('20');
  const d = new CpuDemotion(FILE, () => undefined, io);
  d.over('x');
  assert.equal(state.value, '2');
  d.restore();
  d.restore(); // once only
  assert.deepEqual(state.writes, ['2', '20']);
});

test('a weight that cannot be read or written is said once, and nothing is tried again', () => {
  const { state, io } = fakeIo('max');
  const log: string[] = [];
  const d = new CpuDemotion(FILE, (l) => log.push(l), io);
  d.over('x');
  d.over('x');
  assert.deepEqual(state.writes, []);
  assert.equal(log.length, 1);
  assert.match(log[0] ?? '', /not lowered .*not a weight: "max"/);
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
