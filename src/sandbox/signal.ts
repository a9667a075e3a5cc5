import { readFile } from 'node:fs/promises';
import { constants } from 'node:os';
import type Docker from 'dockerode';
import { PaddockError } from '../common/errors.js';

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

/** Whether /proc's `status` text shows signal number `signo` blocked (its `SigBlk` mask). Pure. */
export function blocks(status: string, signo: number): boolean {
  const mask = /^SigBlk:\s+([0-9a-f]+)$/m.exec(status)?.[1];
  return mask !== undefined && ((BigInt(`0x${mask}`) >> BigInt(signo - 1)) & 1n) === 1n;
}

/** rt_sigtimedwait's number, by architecture (the first field of /proc/<pid>/syscall while in it). */
const SIGTIMEDWAIT: Partial<Record<string, number>> = { x64: 128, arm64: 137 };

/**
 * Whether /proc's `syscall` text shows the process waiting in sigwaitinfo (which takes the waited signals out
 * of `SigBlk` while it waits; the kernel still holds them). Null when it cannot tell (another arch). Pure.
 */
export function inSigwait(syscall: string, arch: string = process.arch): boolean | null {
  const nr = SIGTIMEDWAIT[arch];
  return nr === undefined ? null : syscall.split(' ')[0] === String(nr);
}

/** How long init may take from its start to blocking its signals (its first steps) before the host gives up. */
const READY_WAIT_MS = 10_000;

/**
 * Signal init of `container` (host pid `pid`): directly when this process can and the pid is still it.
 * PID 1 drops a signal it neither handles nor blocks, and init blocks them only once it runs: a release sent
 * in the instant after `start` (a loaded host) is lost, and the run waits for its timeout. So where init's /proc
 * is readable (root, engine on this host), the signal waits until init has blocked it or waits for it.
 */
export async function signalInit(
  container: Docker.Container,
  pid: number,
  signal: NodeJS.Signals,
): Promise<void> {
  if ((await initReady(container.id, pid, constants.signals[signal])) && signalDirect(pid, signal)) return;
  await container.kill({ signal });
}

/**
 * True once init blocks `signo` or waits for it; false where /proc does not show this container's init or
 * cannot tell (a remote engine, not root, init gone): the engine then signals it as before. There is no event
 * for a signal mask, so it is read again every 2 ms; throws if init is not ready within READY_WAIT_MS.
 */
async function initReady(id: string, pid: number, signo: number): Promise<boolean> {
  if (!(pid > 1)) return false;
  const deadline = Date.now() + READY_WAIT_MS;
  for (;;) {
    let ready: boolean | null;
    try {
      const [cgroup, status] = await Promise.all([
        readFile(`/proc/${pid}/cgroup`, 'utf8'),
        readFile(`/proc/${pid}/status`, 'utf8'),
      ]);
      if (!isInitOf(cgroup, status, id)) return false; // another /proc (a remote engine), or not init any more
      ready = blocks(status, signo) || inSigwait(await readFile(`/proc/${pid}/syscall`, 'utf8'));
    } catch {
      return false; // gone, hidden, or not ours to read (not root): the engine does it
    }
    if (ready === null) return false;
    if (ready) return true;
    if (Date.now() > deadline)
      throw new PaddockError(
        'SANDBOX_FAILED',
        `paddock-init of ${id.slice(0, 12)} did not get ready for signals within ${READY_WAIT_MS / 1000} s`,
      );
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

function signalDirect(pid: number, signal: NodeJS.Signals): boolean {
  try {
    // Microseconds after the check; a reused pid would need init to die and the pid space to wrap in between.
    process.kill(pid, signal);
    return true;
  } catch {
    return false; // not ours to signal (EPERM, not root): the engine does it
  }
}
