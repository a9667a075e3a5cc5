// Resource and copy-out probes: checked from the host (exec results, cgroup counters, the copy destination).
import { spawnSync } from 'node:child_process';
import { lstat, mkdir, mkdtemp, readdir, readFile, realpath, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { formatEvent } from '../../src/common/event.js';
import { DEFAULT_IMAGE } from '../../src/sandbox/image/bootstrap.js';
import {
  connectEngine,
  copyOut,
  LABEL,
  type SandboxInfo,
  stopSandboxProcesses,
} from '../../src/sandbox/index.js';
import { SECRET } from '../sandbox/fixture.js';
import { HELD_RUN_PROBES } from './held-run.js';
import type { BatterySession } from './session.js';

export interface Verdict {
  /** Why this counts as an escape, or null when the protection held. */
  readonly escaped: string | null;
  readonly evidence: string;
}

export interface ResourceProbe {
  readonly name: string;
  /** The sandbox it runs in; probes sharing one run one after the other. */
  readonly box: 'bomb' | 'disk' | 'out' | 'flood' | 'fs';
  run(s: BatterySession, box: SandboxInfo): Promise<Verdict>;
}

const MiB = 1024 * 1024;

/**
 * The host and the bystander sandboxes still work (a command starts and answers). Sandboxes that host resource
 * probes are not bystanders: they may be mid-attack themselves (a fork bomb at its pids limit cannot start
 * `echo`), which made the disk probe fail whenever it ran beside the bombs.
 */
/** The sandboxes only network probes use (resource and flood probes attack the others). */
const BYSTANDERS = ['a', 'b', 'peer'];

async function othersAlive(s: BatterySession, except: string): Promise<string | null> {
  if (spawnSync('true').status !== 0) return 'the host cannot start a process';
  for (const box of Object.values(s.boxes)) {
    if (box.name === except || !BYSTANDERS.includes(box.name)) continue;
    const r = await s.exec(box, 'echo alive', { timeoutMs: 10_000 });
    if (r.out.trim() !== 'alive') return `sandbox ${box.name} does not answer: ${r.out}`;
  }
  return null;
}

async function cgroup(s: BatterySession, box: SandboxInfo, files: string): Promise<string> {
  const r = await s.exec(box, `cd /sys/fs/cgroup; cat ${files} 2>/dev/null`, { timeoutMs: 10_000 });
  return r.out.trim().replace(/\s+/g, ' ');
}

/** What under `dest` resolves outside it, or holds a host file's bytes: each a short description. */
async function leaks(dest: string): Promise<string[]> {
  const root = await realpath(dest);
  const host = await readFile('/etc/passwd', 'utf8');
  const out: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const name of await readdir(dir)) {
      const path = join(dir, name);
      const st = await lstat(path);
      if (st.isDirectory()) await walk(path);
      else if (st.isSymbolicLink()) {
        const to = await realpath(path).catch(() => null);
        if (to && relative(root, to).startsWith('..')) out.push(`${relative(root, path)} -> ${to}`);
      } else if (st.isFile() && (await readFile(path, 'utf8')) === host)
        out.push(`${relative(root, path)} holds the host's /etc/passwd`);
    }
  };
  await walk(root);
  return out;
}

/** Total bytes of the regular files under `dir`. */
async function bytesUnder(dir: string): Promise<number> {
  let sum = 0;
  for (const name of await readdir(dir)) {
    const st = await lstat(join(dir, name));
    sum += st.isDirectory() ? await bytesUnder(join(dir, name)) : st.isFile() ? st.size : 0;
  }
  return sum;
}

/** Run `script` in the sandbox, copy `globs` out into a fresh folder, and judge what landed there. */
async function copyProbe(
  s: BatterySession,
  box: SandboxInfo,
  script: string,
  globs: string[],
  limits: Parameters<typeof copyOut>[3],
  judge: (c: Awaited<ReturnType<typeof copyOut>>, dest: string) => Promise<string | null>,
): Promise<Verdict> {
  const prep = await s.exec(box, script, { timeoutMs: 60_000 });
  const parent = await mkdtemp(join(tmpdir(), 'paddock-sec-copy-'));
  try {
    const dest = join(parent, 'dest');
    await mkdir(dest);
    const c = await copyOut(box, globs, dest, limits);
    const evidence = `files ${c.files.length} [${c.files.slice(0, 6).join(', ')}] bytes ${c.bytes}; rejected ${c.rejected
      .slice(0, 4)
      .map((x) => `${x.path.slice(0, 60)} (${x.reason})`)
      .join(', ')}`;
    if (prep.exitCode !== 0) return { escaped: `setup failed: ${prep.out.slice(0, 200)}`, evidence };
    const outside = (await readdir(parent)).filter((n) => n !== 'dest');
    if (outside.length > 0) return { escaped: `wrote outside the destination: ${outside}`, evidence };
    const leaked = await leaks(dest);
    if (leaked.length > 0) return { escaped: `host files reachable: ${leaked.join(', ')}`, evidence };
    return { escaped: await judge(c, dest), evidence };
  } catch (error) {
    return { escaped: `copy-out failed: ${(error as Error).message}`, evidence: '' };
  } finally {
    await rm(parent, { recursive: true, force: true });
  }
}

/** node in the sandbox: waits until it is traced (or 15 s), then asks the allowed host; ESCAPED on an answer. */
const TRACED_NODE =
  `node -e "const fs=require('fs'); fs.writeFileSync('/tmp/traced.pid', String(process.pid)); const t0=Date.now();` +
  ` const go=()=>require('http').get('http://api.anthropic.com:443/', r=>r.on('data', d=>{ if (/hello from upstream/.test(d)) console.log('ESCAPED') })).on('error', e=>console.log('denied', e.message));` +
  ` const poll=()=>/TracerPid:\\s+[1-9]/.test(fs.readFileSync('/proc/self/status','utf8')) ? (console.log('traced'), go()) : Date.now()-t0>15000 ? console.log('never traced') : setTimeout(poll, 20); poll()"`;

/**
 * A tracer from outside the sandbox's seccomp profile (a helper container sharing its pid namespace, with
 * CAP_SYS_PTRACE): PTRACE_SEIZE on node, then node asks the allowed host. The gateway must see TracerPid.
 */
async function traceFromOutside(s: BatterySession, box: SandboxInfo): Promise<Verdict> {
  const running = s.exec(box, TRACED_NODE, { timeoutMs: 30_000 });
  let pid = '';
  for (let i = 0; i < 100 && !/^\d+$/.test(pid); i++)
    pid = (await s.exec(box, 'cat /tmp/traced.pid 2>/dev/null')).out.trim();
  const { docker } = await connectEngine();
  const tracer = await docker.createContainer({
    Image: DEFAULT_IMAGE,
    User: '0',
    Labels: { [LABEL.session]: s.id },
    Cmd: [
      'python3',
      '-c',
      `import ctypes, time\nprint(ctypes.CDLL(None).ptrace(0x4206, ${Number(pid)}, 0, 0), flush=True)\ntime.sleep(20)`,
    ],
    HostConfig: {
      PidMode: `container:${box.id}`,
      NetworkMode: 'none',
      CapAdd: ['SYS_PTRACE'],
      SecurityOpt: ['seccomp=unconfined'],
      AutoRemove: false,
    },
  });
  try {
    await tracer.start();
    const r = await running;
    const seized = (await tracer.logs({ stdout: true, stderr: true }))
      .toString()
      .replace(/[^\x20-\x7e]/g, '');
    const events = (await s.events(box)).filter(
      (e) => e.host === 'api.anthropic.com' && e.pid === Number(pid),
    );
    const evidence = `node: ${r.out.trim().replace(/\s+/g, ' ')}; PTRACE_SEIZE returned ${seized}; ${events.map(formatEvent).join(' | ')}`;
    if (/ESCAPED/.test(r.out)) return { escaped: 'the traced node reached the allowed host', evidence };
    if (!/traced/.test(r.out) || /never traced/.test(r.out))
      return { escaped: 'the tracer never attached (probe did not run)', evidence };
    const tainted = events.some(
      (e) => e.action === 'deny' && e.identity === 'tainted' && /traced by pid/.test(e.reason),
    );
    return { escaped: tainted ? null : 'no tainted deny event for the traced node', evidence };
  } finally {
    await tracer.remove({ force: true }).catch(() => undefined);
  }
}

export const RESOURCE_PROBES: readonly ResourceProbe[] = [
  ...HELD_RUN_PROBES,
  {
    name: 'ptrace from outside the seccomp profile (TracerPid): a traced node is tainted',
    box: 'out',
    run: traceFromOutside,
  },
  {
    name: 'fork bomb',
    box: 'bomb',
    async run(s, box) {
      const r = await s.exec(box, 'b() { b | b & }; b; sleep 3', { timeoutMs: 5000 });
      const pids = await cgroup(s, box, 'pids/pids.max pids/pids.events pids.max pids.events');
      // The shell may end (no pid left even for `sleep`) while the bomb goes on: kill what it left, or the
      // next probe in this box (the memory bomb) runs beside 255 forking processes and gets no CPU.
      await stopSandboxProcesses(box);
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
          if (st.isSymbolicLink() && !['fine', 'sub/dotdot'].includes(f))
            return { escaped: `unsafe symlink written: ${f}`, evidence };
        }
        // Files land relative to trav/ (as upload-artifact would); sub/dotdot -> .. stays inside: allowed.
        const bad = c.files.filter((f) => !['ok.txt', 'fine', 'sub/dotdot'].includes(f));
        if (bad.length > 0) return { escaped: `unexpected files copied: ${bad}`, evidence };
        if (!c.files.includes('ok.txt')) return { escaped: 'the safe file was not copied', evidence };
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
  {
    name: 'copy-out of a symlink chain (l2 -> a/…/l1/../../etc/passwd, l1 -> ../..) and a hard link to it',
    box: 'out',
    run: (s, box) =>
      copyProbe(
        s,
        box,
        // l1 climbs to chain/; l2 passes through l1 and climbs on, past the results folder, to the host's
        // /etc/passwd, while its text alone stays inside. hl is a hard link to the symlink l2 itself.
        'set -e; mkdir -p chain/a/b/c/d/e/f/g/h && ln -s ../../../../../../../.. chain/a/b/c/d/e/f/g/h/l1 && ' +
          `ln -s a/b/c/d/e/f/g/h/l1/${'../'.repeat(9)}etc/passwd chain/l2 && ` +
          "python3 -c \"import os; os.link('chain/l2', 'chain/hl', follow_symlinks=False)\" && " +
          'echo ok > chain/ok.txt && ln -s ok.txt chain/fine',
        ['chain/**'],
        {},
        async (c) => {
          // Laid out relative to chain/ (as upload-artifact would).
          if (!c.files.includes('ok.txt') || !c.files.includes('fine'))
            return 'the safe file and link were not copied';
          return null;
        },
      ),
  },
  {
    // Docker reads the archive outside Landlock and follows the links of a base's folders inside the container.
    name: 'copy-out of res/secret with res -> /opt, and of a/b/c/secret with a/b/c -> /opt (Landlock hides /opt)',
    box: 'fs',
    run: (s, box) =>
      copyProbe(
        s,
        box,
        'set -e; ln -s /opt res && mkdir -p a/b && ln -s /opt a/b/c',
        ['res/secret', 'a/b/c/secret'],
        {},
        async (c, dest) => {
          for (const f of c.files)
            if ((await readFile(join(dest, f), 'utf8')).includes(SECRET)) return `${f} holds /opt/secret`;
          return c.files.length === 0 ? null : `copied ${c.files.join(', ')}`;
        },
      ),
  },
  {
    name: 'copy-out of 100 hard links to a 600 KiB file stops at the copy cap (1 MiB)',
    box: 'out',
    run: (s, box) =>
      copyProbe(
        s,
        box,
        'set -e; mkdir -p hard && head -c 614400 /dev/zero > hard/f && for i in $(seq 1 100); do ln hard/f hard/l$i; done',
        ['hard/**'],
        { maxBytes: MiB },
        async (c, dest) => {
          const written = await bytesUnder(dest);
          if (written > MiB) return `${written} bytes landed past a cap of ${MiB}`;
          if (c.bytes > MiB) return `counted ${c.bytes} bytes past the cap`;
          return null;
        },
      ),
  },
  {
    name: 'copy-out of 3000 empty files stops at the entry limit (1000)',
    box: 'out',
    run: (s, box) =>
      copyProbe(
        s,
        box,
        'set -e; mkdir -p many && cd many && seq 1 3000 | xargs touch',
        ['many/**'],
        { maxEntries: 1000 },
        async (c) => (c.files.length >= 1000 ? `${c.files.length} entries copied past the limit` : null),
      ),
  },
];
