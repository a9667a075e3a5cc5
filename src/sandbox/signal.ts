import { readFile } from 'node:fs/promises';
import type Docker from 'dockerode';

// init's signals (the fence release, the run's stop) must come from outside the sandbox's pid namespace. The
// engine sends them for anyone, but each `kill` is a daemon → containerd → shim round trip (~30–70 ms on a busy
// engine, on every run's critical path). A host process that may signal init (root, engine on this host) sends
// it straight: init sees the same SI_USER with si_pid 0. Anything else goes through the engine.

/**
 * Whether /proc's `cgroup` and `status` text describe the init of container `id`: PID 1 of its own pid
 * namespace (NSpid ends in 1) and in that container's cgroup. Pure.
 */
export function isInitOf(cgroup: string, status: string, id: string): boolean {
  if (!/^[0-9a-f]{64}$/.test(id)) return false;
  const nspid = /^NSpid:\s+([\d\s]+)$/m.exec(status)?.[1]?.trim().split(/\s+/);
  if (!nspid || nspid.length < 2 || nspid[nspid.length - 1] !== '1') return false;
  return cgroup.split('\n').some((line) => line.includes(id));
}

/** Signal init of `container` (host pid `pid`): directly when this process can and the pid is still it. */
export async function signalInit(
  container: Docker.Container,
  pid: number,
  signal: NodeJS.Signals,
): Promise<void> {
  if (await signalDirect(container.id, pid, signal)) return;
  await container.kill({ signal });
}

async function signalDirect(id: string, pid: number, signal: NodeJS.Signals): Promise<boolean> {
  if (!(pid > 1)) return false;
  try {
    const [cgroup, status] = await Promise.all([
      readFile(`/proc/${pid}/cgroup`, 'utf8'),
      readFile(`/proc/${pid}/status`, 'utf8'),
    ]);
    if (!isInitOf(cgroup, status, id)) return false; // another /proc (a remote engine), or not init any more
    // Microseconds after the check; a reused pid would need init to die and the pid space to wrap in between.
    process.kill(pid, signal);
    return true;
  } catch {
    return false; // gone, hidden, or not ours to signal (EPERM): the engine does it
  }
}
