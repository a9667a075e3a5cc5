// The gateway benchmark's descriptor scenario: a process in the sandbox holding many descriptors (issue 17:
// attribution must not cost more with 100k fds). The sandbox's RLIMIT_NOFILE comes from its limits.
import type { SandboxInfo } from '../src/sandbox/types.js';
import { type Measured, type Path, round, summary } from './latency.js';
import { sh } from './lib.js';
import type { Outcomes } from './probes.js';

// argv: count. Forks a holder that opens `count` descriptors of /dev/null, says so on a pipe and waits for
// SIGTERM; the parent returns once the holder holds them all, so the next command runs beside it.
const HOLD = `
import os, signal, sys
count = int(sys.argv[1]); r, w = os.pipe()
if os.fork() == 0:
    os.setsid(); null = os.open('/dev/null', os.O_RDWR)
    for fd in (0, 1, 2): os.dup2(null, fd)
    fds = [os.open('/dev/null', os.O_RDONLY) for _ in range(count)]
    os.write(w, b'%d' % os.getpid()); signal.pause(); os._exit(0)
os.close(w); pid = os.read(r, 16).decode()
if not pid: sys.exit('the holder died before holding its descriptors')
print(pid)
`;

/** Start a process in `box` holding `count` descriptors; resolves once it holds them, with how to stop it. */
export async function holdDescriptors(box: SandboxInfo, count: number): Promise<() => Promise<void>> {
  const pid = Number((await sh(box, ['python3', '-c', HOLD, String(count)])).trim());
  return async () => {
    await sh(box, ['kill', String(pid)]);
  };
}

/**
 * Connections from `box` without a descriptor holder, then with one holding `count`, in interleaved rounds
 * (the holder is started and stopped each round).
 */
export async function withAndWithout<K extends string>(
  box: SandboxInfo,
  paths: Readonly<Record<K, Path>>,
  count: number,
  rounds: number,
  connections: number,
): Promise<{ without: Record<K, Measured>; held: Record<K, Measured> }> {
  const without = {} as Record<K, Outcomes[]>;
  const held = {} as Record<K, Outcomes[]>;
  for (let i = 0; i < rounds; i++) {
    await round(paths, connections, without);
    const stop = await holdDescriptors(box, count);
    try {
      await round(paths, connections, held);
    } finally {
      await stop();
    }
  }
  return { without: summary(without), held: summary(held) };
}
