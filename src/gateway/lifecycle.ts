import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { GatewayClient } from './client.js';
import { type GatewayHandle, statePaths } from './start.js';

const run = promisify(execFile);

export interface GatewayStatus {
  readonly running: boolean;
  readonly pid: number | null;
  readonly socketPath: string;
  readonly eventsPath: string;
  readonly logPath: string;
  readonly proxyUrl: string;
  readonly noProxy: string;
  readonly enforcement: GatewayHandle['enforcement'] | null;
  readonly handle: GatewayHandle | null;
}

async function readPid(path: string): Promise<number | null> {
  const n = Number((await readFile(path, 'utf8').catch(() => '')).trim());
  return Number.isInteger(n) && n > 1 ? n : null;
}

/** Is the process alive? EPERM means it is (it belongs to root). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Signal pid; when it is root's and we are not, through `sudo -n kill`. */
async function signal(pid: number, sig: 'SIGTERM' | 'SIGKILL'): Promise<void> {
  try {
    process.kill(pid, sig);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return;
    await run('sudo', ['-n', 'kill', `-${sig.slice(3)}`, String(pid)]).catch(() => undefined);
  }
}

/** The gateway of a state dir: running when its pid is alive and its control socket answers. */
export async function gatewayStatus(stateDir: string): Promise<GatewayStatus> {
  const paths = statePaths(stateDir);
  const pid = await readPid(paths.pid);
  const handle = JSON.parse(await readFile(paths.handle, 'utf8').catch(() => 'null')) as GatewayHandle | null;
  let running = pid !== null && alive(pid);
  if (running)
    running = await new GatewayClient(paths.socket).health().then(
      () => true,
      () => false,
    );
  return {
    running,
    pid,
    socketPath: paths.socket,
    eventsPath: paths.events,
    logPath: paths.log,
    proxyUrl: handle?.proxyUrl ?? '',
    noProxy: handle?.noProxy ?? '',
    enforcement: handle?.enforcement ?? null,
    handle,
  };
}

/** SIGTERM, wait up to `timeoutMs`, then SIGKILL. True when a gateway was running. */
export async function stopGateway(stateDir: string, timeoutMs = 5000): Promise<boolean> {
  const pid = await readPid(statePaths(stateDir).pid);
  if (pid === null || !alive(pid)) return false;
  await signal(pid, 'SIGTERM');
  const deadline = Date.now() + timeoutMs;
  while (alive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
  if (alive(pid)) {
    await signal(pid, 'SIGKILL');
    while (alive(pid) && Date.now() < deadline + 2000) await new Promise((r) => setTimeout(r, 25));
  }
  return true;
}
