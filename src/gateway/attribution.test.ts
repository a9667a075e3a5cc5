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
}

/** A fake /proc: links, files and dirs from a table of processes; counts readdir calls on /proc. */
function fakeProc(procs: Record<number, FakeProc>): ProcFs & { scans: number } {
  const fs = {
    scans: 0,
    async readdir(path: string) {
      if (path === '/proc') {
        fs.scans++;
        return [...Object.keys(procs), 'self', 'net'];
      }
      const m = /^\/proc\/(\d+)\/fd$/.exec(path);
      const p = m ? procs[Number(m[1])] : undefined;
      if (!p) throw new Error('ENOENT');
      return Object.keys(p.fds);
    },
    async readlink(path: string) {
      const [, pid, rest] = /^\/proc\/(\d+)\/(.*)$/.exec(path) ?? [];
      const p = procs[Number(pid)];
      if (!p) throw new Error('ENOENT');
      if (rest === 'ns/net') return p.ns;
      if (rest === 'exe') return p.exe;
      const fd = /^fd\/(\d+)$/.exec(rest ?? '')?.[1];
      if (fd !== undefined && p.fds[fd]) return p.fds[fd];
      throw new Error('ENOENT');
    },
    async readFile(path: string) {
      const [, pid, rest] = /^\/proc\/(\d+)\/(.*)$/.exec(path) ?? [];
      const p = procs[Number(pid)];
      if (!p) throw new Error('ENOENT');
      if (rest === 'status') return `Name:\tx\nPPid:\t${p.ppid}\nNSpid:\t${pid}\t${p.nspid}\n`;
      if (rest === 'cmdline') return `${(p.cmdline ?? p.exe).split(' ').join('\0')}\0`;
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
    assert.deepEqual(await a.owner(SB, 555), {
      pid: 8,
      hostPid: 61,
      exe: '/usr/bin/curl',
      ancestors: ['/usr/bin/busybox'],
      cmdline: 'curl -s http://x.test/',
    });
  });
  test('a socket of another netns is not found (unknown, fails closed)', async () => {
    assert.equal(await new Attribution(fakeProc(world())).owner(SB, 777), null);
  });
  test('a vanished socket is unknown', async () => {
    assert.equal(await new Attribution(fakeProc(world())).owner(SB, 999), null);
  });
  test('holders with different exes are ambiguous', async () => {
    const w = world();
    w[62] = { ns: SB, exe: '/usr/bin/node', ppid: 60, nspid: 9, fds: { 4: 'socket:[555]' } };
    assert.equal(await new Attribution(fakeProc(w)).owner(SB, 555), null);
  });
  test('a cache hit needs no /proc scan; a new process is found after one', async () => {
    const w = world();
    const fs = fakeProc(w);
    const a = new Attribution(fs);
    await a.owner(SB, 555);
    const scans = fs.scans;
    await a.owner(SB, 555);
    assert.equal(fs.scans, scans);
    w[63] = { ns: SB, exe: '/usr/bin/wget', ppid: 60, nspid: 10, fds: { 3: 'socket:[888]' } };
    assert.equal((await a.owner(SB, 888))?.exe, '/usr/bin/wget');
  });
  test('" (deleted)" is stripped from exe links', async () => {
    const w = world();
    const p61 = w[61];
    assert.ok(p61);
    p61.exe = '/usr/bin/curl (deleted)';
    assert.equal((await new Attribution(fakeProc(w)).owner(SB, 555))?.exe, '/usr/bin/curl');
  });
});
