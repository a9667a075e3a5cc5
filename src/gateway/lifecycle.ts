import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { errorMessage, PaddockError } from '../common/errors.js';
import { GatewayClient } from './client.js';
import { type GatewayHandle, statePaths } from './state.js';

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

/**
 * Signal pid; when it is root's and we are not, through `sudo -n kill`. Resolves with why the signal could not be
 * sent (undefined when it was, or when the process is gone): the caller checks whether the process really ended.
 */
async function signal(pid: number, sig: 'SIGTERM' | 'SIGKILL'): Promise<string | undefined> {
  try {
    process.kill(pid, sig);
    return undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return undefined; // ESRCH: gone already
  }
  return run('sudo', ['-n', 'kill', `-${sig.slice(3)}`, String(pid)]).then(
    () => undefined,
    (error: unknown) => `sudo -n kill -${sig.slice(3)} ${pid}: ${errorMessage(error).split('\n')[0]}`,
  );
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

const until = async (done: () => boolean, deadline: number): Promise<void> => {
  while (!done() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
};

/**
 * SIGTERM, wait up to `timeoutMs`, then SIGKILL. Resolves true when a gateway was running and has stopped, false
 * when none ran. Throws GATEWAY_FAILED when it still runs (e.g. `sudo -n kill` was refused): a caller must then
 * keep the state folder, which is how the gateway is found again.
 */
export async function stopGateway(stateDir: string, timeoutMs = 5000): Promise<boolean> {
  const pid = await readPid(statePaths(stateDir).pid);
  if (pid === null || !alive(pid)) return false;
  const refused: string[] = [];
  const note = (why: string | undefined) => void (why && refused.push(why));
  note(await signal(pid, 'SIGTERM'));
  const deadline = Date.now() + timeoutMs;
  await until(() => !alive(pid), deadline);
  if (alive(pid)) {
    note(await signal(pid, 'SIGKILL'));
    await until(() => !alive(pid), Date.now() + 2000);
  }
  if (alive(pid)) {
    throw new PaddockError(
      'GATEWAY_FAILED',
      `the gateway of ${stateDir} (pid ${pid}) still runs${refused.length > 0 ? `: ${refused.join('; ')}` : ''}`,
    );
  }
  return true;
}
