// The gateway benchmark's descriptor scenario: processes in the sandbox holding many descriptors (issue 17:
// attribution must not cost more with 100k fds). The sandbox's RLIMIT_NOFILE comes from its limits.
import type { SandboxInfo } from '../src/sandbox/types.js';
import { type Measured, type Path, round, summary } from './latency.js';
import { sh } from './lib.js';
import type { Outcomes } from './probes.js';

// argv: count, per. Forks holders that open `per` descriptors of /dev/null each (`count` in all), say so on a
// pipe and wait for SIGTERM; the parent returns once they hold them all, so the next command runs beside them.
const HOLD = `
import os, signal, sys
count, per = int(sys.argv[1]), int(sys.argv[2]); r, w = os.pipe(); pids = []
while count > 0:
    n = min(per, count); count -= n; pid = os.fork()
    if pid == 0:
        os.setsid(); null = os.open('/dev/null', os.O_RDWR)
        for fd in (0, 1, 2): os.dup2(null, fd)
        fds = [os.open('/dev/null', os.O_RDONLY) for _ in range(n)]
        os.write(w, b'h'); signal.pause(); os._exit(0)
    pids.append(pid)
os.close(w); got = 0
while got < len(pids):
    b = os.read(r, len(pids) - got)
    if not b: sys.exit('a holder died before holding its descriptors')
    got += len(b)
print(' '.join(map(str, pids)))
`;

/**
 * Start processes in `box` holding `count` descriptors in all, at most `per` each (the sandbox's RLIMIT_NOFILE
 * bounds one process); resolves once they hold them, with how to stop them.
 */
export async function holdDescriptors(
  box: SandboxInfo,
  count: number,
  per: number,
): Promise<() => Promise<void>> {
  const pids = (await sh(box, ['python3', '-c', HOLD, String(count), String(per)])).trim().split(' ');
  return async () => {
    await sh(box, ['kill', ...pids]);
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
  per: number,
  rounds: number,
  connections: number,
): Promise<{ without: Record<K, Measured>; held: Record<K, Measured> }> {
  const without = {} as Record<K, Outcomes[]>;
  const held = {} as Record<K, Outcomes[]>;
  for (let i = 0; i < rounds; i++) {
    await round(paths, connections, without);
    const stop = await holdDescriptors(box, count, per);
    try {
      await round(paths, connections, held);
    } finally {
      await stop();
    }
  }
  return { without: summary(without), held: summary(held) };
}
