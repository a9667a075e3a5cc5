import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { errorMessage, PaddockError } from '../common/errors.js';
import { checkFence, type FenceParams, fenceRules, fenceScript } from './fence.js';

export interface InstallFenceOptions extends FenceParams {
  /** Host pid of a process in the sandbox netns (the holder). */
  readonly pid: number;
  /** @default 10_000 */
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
}

/** Run `cmd args` with `input` on stdin; resolve with stdout, reject with stderr on a non-zero exit. */
export function runWithInput(
  cmd: string,
  args: readonly string[],
  input: string,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'], timeout: timeoutMs, signal });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    child.on('error', reject);
    child.on('close', (code, sig) => {
      if (code === 0) resolve(Buffer.concat(out).toString());
      else reject(new Error(`${cmd} exited ${code ?? sig}: ${Buffer.concat(err).toString().trim()}`));
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(input);
  });
}

/**
 * Install the fence in the sandbox netns from outside (one nsenter), then verify every rule and the route.
 * Any failure is FENCE_FAILED: the caller must not start user code.
 */
export async function installFence(options: InstallFenceOptions): Promise<void> {
  if (!Number.isInteger(options.pid) || options.pid <= 1) {
    throw new PaddockError(
      'FENCE_FAILED',
      `cannot fence sandbox ${options.sandboxIp}: bad holder pid ${options.pid}`,
    );
  }
  let output: string;
  let routes: string;
  try {
    output = await runWithInput(
      'nsenter',
      ['-t', String(options.pid), '-n', 'sh', '-c', fenceScript(options)],
      fenceRules(options),
      options.timeoutMs ?? 10_000,
      options.signal,
    );
    routes = await readFile(`/proc/${options.pid}/net/route`, 'utf8'); // the same netns, no process
  } catch (error) {
    throw new PaddockError(
      'FENCE_FAILED',
      `cannot install the fence for sandbox ${options.sandboxIp} (pid ${options.pid}): ${errorMessage(error)}`,
      { cause: error },
    );
  }
  const problems = checkFence(output, options, routes);
  if (problems.length > 0) {
    throw new PaddockError(
      'FENCE_FAILED',
      `fence for sandbox ${options.sandboxIp} not in place after install: ${problems.join('; ')}`,
    );
  }
}
