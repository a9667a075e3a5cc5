import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Attribution } from './attribution.js';
import type { ProcFs } from './procfs.js';

interface FakeProc {
  ns: string;
  exe: string;
  ppid: number;
  nspid: number;
  fds: Record<string, string>;
  cmdline?: string;
  environ?: Record<string, string>;
  maps?: string[];
  tracer?: number;
  /** Threads other than the main one (`/proc/<pid>/task/<tid>`), each with its own view of the files. */
  threads?: Record<number, FakeProc>;
  /** The main thread exited (the others live on): its own ns/net, exe and fds are gone, as the kernel shows them. */
  leaderExited?: boolean;
}

/** The fake process (or thread) a /proc path names, and the rest of the path; null when there is none. */
function at(
  procs: Record<number, FakeProc>,
  path: string,
): { p: FakeProc; pid: string; rest: string } | null {
  const [, pid = '', tid, rest = ''] = /^\/proc\/(\d+)\/(?:task\/(\d+)\/)?(.*)$/.exec(path) ?? [];
  const leader = procs[Number(pid)];
  if (!leader) return null;
  const p = tid === undefined || tid === pid ? leader : leader.threads?.[Number(tid)];
  if (!p) return null;
  if (p === leader && leader.leaderExited && /^(ns\/net|exe|fd\/\d+|environ|maps|cmdline)$/.test(rest))
    return null;
  return { p, pid, rest };
}

/** A cgroup directory of the fake: the pids its cgroup.procs lists, and how many cgroups lie below it. */
interface FakeCgroup {
  readonly pids: readonly number[];
  readonly below: number;
}

/** A fake /proc (and cgroupfs): links, files and dirs from a table of processes; counts /proc scans and every read. */
function fakeProc(
  procs: Record<number, FakeProc>,
  cgroups: Readonly<Record<string, FakeCgroup>> = {},
): ProcFs & { scans: number; reads: number } {
  const fs = {
    scans: 0,
    reads: 0,
    async subdirs(path: string) {
      fs.reads++;
      const cg = cgroups[path];
      if (!cg) throw new Error('ENOENT');
      return cg.below;
    },
    async readdir(path: string, max = Number.POSITIVE_INFINITY) {
      fs.reads++;
      if (path === '/proc') {
        fs.scans++;
        return [...Object.keys(procs), 'self', 'net'];
      }
      const task = /^\/proc\/(\d+)\/task$/.exec(path);
      const leader = task ? procs[Number(task[1])] : undefined;
      if (task && leader) return [task[1] ?? '', ...Object.keys(leader.threads ?? {})];
      const found = at(procs, path);
      if (found?.rest !== 'fd') throw new Error('ENOENT');
      if (found.p === procs[Number(found.pid)] && found.p.leaderExited) return [];
      return Object.keys(found.p.fds).slice(0, max);
    },
    async readlink(path: string) {
      fs.reads++;
      const found = at(procs, path);
      if (!found) throw new Error('ENOENT');
      const { p, rest } = found;
      if (rest === 'ns/net') return p.ns;
      if (rest === 'exe') return p.exe;
      const fd = /^fd\/(\d+)$/.exec(rest ?? '')?.[1];
      if (fd !== undefined && p.fds[fd]) return p.fds[fd];
      throw new Error('ENOENT');
    },
    async readFile(path: string) {
      fs.reads++;
      const cg = cgroups[path.replace(/\/cgroup\.procs$/, '')];
      if (cg && path.endsWith('/cgroup.procs')) return cg.pids.map((p) => `${p}\n`).join('');
      const found = at(procs, path);
      if (!found) throw new Error('ENOENT');
      const { p, pid, rest } = found;
      if (rest === 'status')
        return `Name:\tx\nTracerPid:\t${p.tracer ?? 0}\nPPid:\t${p.ppid}\nNSpid:\t${pid}\t${p.nspid}\n`;
      if (rest === 'cmdline') return `${(p.cmdline ?? p.exe).split(' ').join('\0')}\0`;
      if (rest === 'environ')
        return Object.entries(p.environ ?? { HOME: '/sandbox' })
          .map(([k, v]) => `${k}=${v}\0`)
          .join('');
      if (rest === 'maps') return [`55d0-55e0 r-xp 00000000 08:01 11 ${p.exe}`, ...(p.maps ?? [])].join('\n');
      throw new Error('ENOENT');
    },
  };
  return fs;
}

const SB = 'net:[100]';
const HOST = 'net:[1]';

function world(): Record<number, FakeProc> {
  return {
    1: { ns: HOST, exe: '/sbin/init', ppid: 0, nspid: 1, fds: {} },
    50: { ns: HOST, exe: '/usr/bin/containerd-shim', ppid: 1, nspid: 50, fds: {} },
    60: { ns: SB, exe: '/usr/bin/busybox', ppid: 50, nspid: 7, fds: { 0: '/dev/null' } },
    61: {
      ns: SB,
      exe: '/usr/bin/curl',
      ppid: 60,
      nspid: 8,
      fds: { 3: 'socket:[555]' },
      cmdline: 'curl -s http://x.test/',
    },
    70: { ns: 'net:[200]', exe: '/usr/bin/wget', ppid: 1, nspid: 2, fds: { 3: 'socket:[777]' } },
  };
}

describe('Attribution', () => {
  test('finds the owner, its in-sandbox ancestors (not the shim) and its sandbox pid', async () => {
    const a = new Attribution(fakeProc(world()));
    assert.deepEqual(await a.lookup(SB, 555), {
      who: {
        pid: 8,
        hostPid: 61,
        exe: '/usr/bin/curl',
        ancestors: ['/usr/bin/busybox'],
        cmdline: 'curl -s http://x.test/',
        identity: 'proc',
        taint: [],
      },
      unknown: null,
    });
  });
  test('a socket of another netns is not found (unknown, fails closed)', async () => {
    const r = await new Attribution(fakeProc(world())).lookup(SB, 777);
    assert.equal(r.who, null);
    assert.match(r.unknown ?? '', /no process of the sandbox holds the socket/);
  });
  test('a vanished socket is unknown', async () => {
    assert.equal(await new Attribution(fakeProc(world())).owner(SB, 999), null);
  });
  test('holders with different exes are ambiguous', async () => {
    const w = world();
    w[62] = { ns: SB, exe: '/usr/bin/node', ppid: 60, nspid: 9, fds: { 4: 'socket:[555]' } };
    const r = await new Attribution(fakeProc(w)).lookup(SB, 555);
    assert.equal(r.who, null);
    assert.match(r.unknown ?? '', /different binaries \(\/usr\/bin\/curl, \/usr\/bin\/node\)/);
  });
  test('a process whose main thread exited is read through its live threads (they hold its descriptors)', async () => {
    const w = world();
    // The intruder's main thread is gone; its other thread holds curl's socket. /proc/<pid>/fd, exe and
    // ns/net show nothing of it: a lookup reading only those saw curl alone.
    const thread: FakeProc = {
      ns: SB,
      exe: '/sandbox/intruder',
      ppid: 60,
      nspid: 13,
      fds: { 3: 'socket:[555]' },
    };
    w[66] = { ...thread, nspid: 12, leaderExited: true, threads: { 67: thread } };
    const r = await new Attribution(fakeProc(w)).lookup(SB, 555);
    assert.equal(r.who, null);
    assert.match(r.unknown ?? '', /different binaries \(\/usr\/bin\/curl, \/sandbox\/intruder\)/);
    // Alone, it is named through its thread.
    delete w[61];
    assert.equal((await new Attribution(fakeProc(w)).owner(SB, 555))?.exe, '/sandbox/intruder');
  });
  test('a holder forked after the last lookup is found: every lookup reads the holders fresh', async () => {
    const w = world();
    const a = new Attribution(fakeProc(w));
    assert.equal((await a.owner(SB, 555))?.exe, '/usr/bin/curl');
    // A process of another binary now shares the socket (forked, inherited): the lookup sees both.
    w[64] = { ns: SB, exe: '/usr/bin/perl', ppid: 61, nspid: 11, fds: { 3: 'socket:[555]' } };
    assert.equal(await a.owner(SB, 555), null);
  });
  test('holders of one binary keep only the ancestors they all share', async () => {
    const w = world();
    w[65] = { ns: SB, exe: '/usr/bin/node', ppid: 60, nspid: 12, fds: {} };
    w[66] = { ns: SB, exe: '/usr/bin/curl', ppid: 65, nspid: 13, fds: { 3: 'socket:[555]' } };
    const who = await new Attribution(fakeProc(w)).owner(SB, 555);
    assert.deepEqual(who?.ancestors, ['/usr/bin/busybox']);
  });
  test('" (deleted)" is stripped from exe links', async () => {
    const w = world();
    const p61 = w[61];
    assert.ok(p61);
    p61.exe = '/usr/bin/curl (deleted)';
    assert.equal((await new Attribution(fakeProc(w)).owner(SB, 555))?.exe, '/usr/bin/curl');
  });
});

describe("Attribution takes the sandbox's processes from its cgroup", () => {
  const CG = '/sys/fs/cgroup/cpu/docker/abc';
  test('the same owner, without a scan of every pid of the host', async () => {
    const fs = fakeProc(world(), { [CG]: { pids: [60, 61], below: 0 } });
    const plain = fakeProc(world());
    const a = await new Attribution(fs).lookup(SB, 555, { cgroup: CG });
    assert.deepEqual(a, await new Attribution(plain).lookup(SB, 555));
    assert.equal(fs.scans, 0, 'no readdir of /proc');
    assert.ok(fs.reads < plain.reads, `${fs.reads} reads against ${plain.reads}`);
  });
  test('a process of another netns listed in the cgroup is not taken for the sandbox’s', async () => {
    const fs = fakeProc(world(), { [CG]: { pids: [60, 61, 70], below: 0 } });
    const r = await new Attribution(fs).lookup(SB, 777, { cgroup: CG });
    assert.match(r.unknown ?? '', /no process of the sandbox holds the socket/);
  });
  test('a holder of another binary forked since is listed too: still different binaries', async () => {
    const w = world();
    w[64] = { ns: SB, exe: '/usr/bin/perl', ppid: 61, nspid: 11, fds: { 3: 'socket:[555]' } };
    const fs = fakeProc(w, { [CG]: { pids: [60, 61, 64], below: 0 } });
    assert.match(
      (await new Attribution(fs).lookup(SB, 555, { cgroup: CG })).unknown ?? '',
      /different binaries/,
    );
  });
  for (const [name, cgroups] of [
    ['a cgroup below it (a process could hide there)', { [CG]: { pids: [60], below: 1 } }],
    ['a cgroup that cannot be read (gone)', {}],
  ] as const) {
    test(`${name}: every pid of the host is looked at`, async () => {
      const w = world();
      w[64] = { ns: SB, exe: '/usr/bin/perl', ppid: 61, nspid: 11, fds: { 3: 'socket:[555]' } };
      const fs = fakeProc(w, cgroups);
      const r = await new Attribution(fs).lookup(SB, 555, { cgroup: CG });
      assert.equal(fs.scans, 1);
      assert.match(r.unknown ?? '', /different binaries/, 'the holder outside the listing was found');
    });
  }
});

describe('Attribution taint', () => {
  const tainted = async (change: Partial<FakeProc>, pid = 61) => {
    const w = world();
    Object.assign(w[pid] as FakeProc, change);
    return new Attribution(fakeProc(w)).owner(SB, 555);
  };
  test('LD_PRELOAD from /sandbox taints the process', async () => {
    const who = await tainted({ environ: { LD_PRELOAD: '/sandbox/hook.so' } });
    assert.equal(who?.identity, 'tainted');
    assert.deepEqual(who?.taint, ['LD_PRELOAD=/sandbox/hook.so']);
  });
  test('an executable memfd mapping taints it', async () => {
    const who = await tainted({ maps: ['7f00-7f10 r-xp 00000000 00:01 99 /memfd:x (deleted)'] });
    assert.deepEqual(who?.taint, ['executable mapping of /memfd:x (deleted)']);
  });
  test('a tracer taints it', async () => {
    assert.deepEqual((await tainted({ tracer: 4242 }))?.taint, ['traced by pid 4242']);
  });
  test("an ancestor's taint counts (a rule may match through it)", async () => {
    const who = await tainted({ environ: { NODE_OPTIONS: '--require /tmp/x.js' } }, 60);
    assert.equal(who?.identity, 'tainted');
    assert.deepEqual(who?.taint, ['ancestor /usr/bin/busybox(7): NODE_OPTIONS --require /tmp/x.js']);
  });
  test('a read_write path of the policy counts as writable', async () => {
    const w = world();
    (w[61] as FakeProc).maps = ['7f00-7f10 r-xp 00000000 08:01 5 /data/lib.so'];
    const a = new Attribution(fakeProc(w));
    assert.equal((await a.owner(SB, 555))?.identity, 'proc');
    assert.equal((await a.owner(SB, 555, { writable: ['/sandbox', '/data'] }))?.identity, 'tainted');
  });
});

describe('Attribution work is bounded', () => {
  test('past the budget the binary is unknown, with the reason', async () => {
    const w = world();
    const fds: Record<string, string> = {};
    for (let i = 0; i < 5000; i++) fds[String(i + 10)] = 'pipe:[1]';
    (w[60] as FakeProc).fds = fds;
    const fs = fakeProc(w);
    const r = await new Attribution(fs, { budget: 1000 }).lookup(SB, 555);
    assert.equal(r.who, null);
    assert.match(r.unknown ?? '', /over budget \(more than 1000 procfs reads\)/);
    assert.ok(fs.reads < 1100, `${fs.reads} reads`);
  });
  test('a long lookup yields to the event loop', async () => {
    const w = world();
    const fds: Record<string, string> = {};
    for (let i = 0; i < 3000; i++) fds[String(i + 10)] = 'pipe:[1]';
    (w[60] as FakeProc).fds = fds;
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    const lookup = new Attribution(fakeProc(w), { slice: 100 }).lookup(SB, 555);
    await lookup;
    clearInterval(timer);
    assert.equal((await lookup).who?.exe, '/usr/bin/curl');
    assert.ok(ticks > 0, 'no timer ran during the lookup');
  });
});
