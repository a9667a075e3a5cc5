// Resource and copy-out probes: checked from the host (exec results, cgroup counters, the copy destination).
import { spawnSync } from 'node:child_process';
import { lstat, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { copyOut, type SandboxInfo } from '../../src/sandbox/index.js';
import type { BatterySession } from './session.js';

export interface Verdict {
  /** Why this counts as an escape, or null when the protection held. */
  readonly escaped: string | null;
  readonly evidence: string;
}

export interface ResourceProbe {
  readonly name: string;
  /** The sandbox it runs in; probes sharing one run one after the other. */
  readonly box: 'bomb' | 'disk' | 'out';
  run(s: BatterySession, box: SandboxInfo): Promise<Verdict>;
}

const MiB = 1024 * 1024;

/** The host and the other sandboxes still work (a command starts and answers). */
async function othersAlive(s: BatterySession, except: string): Promise<string | null> {
  if (spawnSync('true').status !== 0) return 'the host cannot start a process';
  for (const box of Object.values(s.boxes)) {
    if (box.name === except) continue;
    const r = await s.exec(box, 'echo alive', { timeoutMs: 10_000 });
    if (r.out.trim() !== 'alive') return `sandbox ${box.name} does not answer: ${r.out}`;
  }
  return null;
}

async function cgroup(s: BatterySession, box: SandboxInfo, files: string): Promise<string> {
  const r = await s.exec(box, `cd /sys/fs/cgroup; cat ${files} 2>/dev/null`, { timeoutMs: 10_000 });
  return r.out.trim().replace(/\s+/g, ' ');
}

export const RESOURCE_PROBES: readonly ResourceProbe[] = [
  {
    name: 'fork bomb',
    box: 'bomb',
    async run(s, box) {
      const r = await s.exec(box, 'b() { b | b & }; b; sleep 3', { timeoutMs: 5000 });
      const pids = await cgroup(s, box, 'pids/pids.max pids/pids.events pids.max pids.events');
      const hit = Number(/max (\d+)/.exec(pids)?.[1] ?? 0) > 0;
      const others = await othersAlive(s, box.name);
      const evidence = `exit ${r.exitCode} timedOut ${r.timedOut} in ${r.durationMs} ms; pids: ${pids}`;
      if (!hit) return { escaped: 'the pids limit was never hit', evidence };
      return { escaped: others, evidence };
    },
  },
  {
    name: 'memory bomb',
    box: 'bomb',
    async run(s, box) {
      const r = await s.exec(
        box,
        'python3 -c "x=[]\nwhile True: x.append(bytearray(64*1024*1024))"; echo "exit $?"',
        { timeoutMs: 30_000 },
      );
      const others = await othersAlive(s, box.name);
      const evidence = `${r.out.trim().split('\n').at(-1)} in ${r.durationMs} ms`;
      if (!/exit (137|1)$/m.test(r.out)) return { escaped: 'the allocation was not stopped', evidence };
      return { escaped: others, evidence };
    },
  },
  {
    name: 'disk fill of /sandbox (2.5 GiB; the host disk must be protected by a limit)',
    box: 'disk',
    async run(s, box) {
      const r = await s.exec(
        box,
        'dd if=/dev/zero of=/sandbox/fill bs=1M count=2560 2>&1 | tail -1; ls -l /sandbox/fill | awk \'{print "wrote", $5}\'; rm -f /sandbox/fill',
        { timeoutMs: 60_000 },
      );
      const wrote = Number(/wrote (\d+)/.exec(r.out)?.[1] ?? 0);
      const others = await othersAlive(s, box.name);
      const evidence = `${r.out.trim().replace(/\n/g, '; ')} (${r.durationMs} ms)`;
      if (wrote >= 2560 * MiB) return { escaped: 'no disk limit: 2.5 GiB landed on the host disk', evidence };
      return { escaped: others, evidence };
    },
  },
  {
    name: 'multi-GB stdout (cap 1 MiB)',
    box: 'out',
    async run(s, box) {
      const r = await s.exec(box, 'head -c 4000000000 /dev/zero', {
        maxOutputBytes: MiB,
        timeoutMs: 15_000,
      });
      const evidence = `truncated ${r.truncated} timedOut ${r.timedOut} exit ${r.exitCode} in ${r.durationMs} ms`;
      if (!r.truncated) return { escaped: 'output not capped', evidence };
      if (r.timedOut || r.durationMs > 8000)
        return { escaped: 'the cap did not stop the command (it ran until killed)', evidence };
      return { escaped: null, evidence };
    },
  },
  {
    name: 'output tar traversal (absolute/relative symlinks, symlinked dir, fifo)',
    box: 'out',
    async run(s, box) {
      await s.exec(
        box,
        'mkdir -p trav/sub && echo ok > trav/ok.txt && ln -s /etc/passwd trav/abs && ' +
          'ln -s ../../../../../../etc/shadow trav/up && ln -s / trav/root && ln -s .. trav/sub/dotdot && ' +
          'mkfifo trav/fifo && ln -s ok.txt trav/fine',
      );
      const parent = await mkdtemp(join(tmpdir(), 'paddock-sec-tar-'));
      try {
        const dest = join(parent, 'dest');
        await mkdir(dest);
        const c = await copyOut(box, ['trav/**'], dest);
        const outside = (await readdir(parent)).filter((n) => n !== 'dest');
        const evidence = `files [${c.files.join(', ')}]; rejected ${c.rejected.map((x) => `${x.path} (${x.reason})`).join(', ')}`;
        if (outside.length > 0) return { escaped: `wrote outside the destination: ${outside}`, evidence };
        for (const f of c.files) {
          const st = await lstat(join(dest, f));
          if (st.isSymbolicLink() && !['trav/fine', 'trav/sub/dotdot'].includes(f))
            return { escaped: `unsafe symlink written: ${f}`, evidence };
        }
        // trav/sub/dotdot -> .. stays inside the destination: allowed.
        const bad = c.files.filter((f) => !['trav/ok.txt', 'trav/fine', 'trav/sub/dotdot'].includes(f));
        if (bad.length > 0) return { escaped: `unexpected files copied: ${bad}`, evidence };
        if (!c.files.includes('trav/ok.txt')) return { escaped: 'the safe file was not copied', evidence };
        return { escaped: null, evidence };
      } finally {
        await rm(parent, { recursive: true, force: true });
      }
    },
  },
  {
    name: 'copy-out of a 1 GiB sparse file stops at the copy cap (1 MiB)',
    box: 'out',
    async run(s, box) {
      await s.exec(box, 'mkdir -p big && truncate -s 1G big/sparse');
      const dest = await mkdtemp(join(tmpdir(), 'paddock-sec-big-'));
      try {
        const started = Date.now();
        const c = await copyOut(box, ['big/**'], dest, { maxBytes: MiB });
        const ms = Date.now() - started;
        const evidence = `${ms} ms; files [${c.files.join(', ')}]; rejected ${c.rejected.map((x) => x.reason).join(', ')}`;
        if (c.files.length > 0) return { escaped: 'the file was copied past the cap', evidence };
        if (ms > 5000) return { escaped: 'the copy kept reading past the cap', evidence };
        return { escaped: null, evidence };
      } finally {
        await rm(dest, { recursive: true, force: true });
      }
    },
  },
];
