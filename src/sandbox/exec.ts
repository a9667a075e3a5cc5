import type { Duplex } from 'node:stream';
import type Docker from 'dockerode';
import { errorMessage, PaddockError } from '../common/errors.js';
import { SANDBOX_DIR } from './create-options.js';
import { connectEngine } from './engine.js';
import { CommandGuard } from './guard.js';
import { commandArgv, execCommand, KILL_COMMAND } from './init.js';
import { LABEL } from './names.js';
import { CappedSink, DEFAULT_MAX_OUTPUT, Demuxer } from './output.js';
import type { ExecOptions, ExecResult, SandboxInfo } from './types.js';

const KILL_GRACE_MS = 5000;

interface Target {
  readonly container: Docker.Container;
  readonly id: string;
  readonly user: string;
}

async function target(sandbox: SandboxInfo | string): Promise<Target> {
  const { docker } = await connectEngine();
  if (typeof sandbox !== 'string')
    return { container: docker.getContainer(sandbox.id), id: sandbox.id, user: sandbox.user };
  const container = docker.getContainer(sandbox);
  const info = await container.inspect().catch((error: unknown) => {
    throw new PaddockError('SANDBOX_NOT_FOUND', `no sandbox ${sandbox}: ${errorMessage(error)}`, {
      cause: error,
    });
  });
  if (!info.Config.Labels?.[LABEL.session])
    throw new PaddockError('SANDBOX_NOT_FOUND', `${sandbox} is not a paddock sandbox`);
  return { container, id: info.Id, user: info.Config.User };
}

function envList(env: Readonly<Record<string, string>> | undefined): string[] {
  return Object.entries(env ?? {}).map(([k, v]) => {
    if (k === '' || k.includes('='))
      throw new PaddockError('INPUT_INVALID', `env key ${JSON.stringify(k)} is not a valid variable name`);
    return `${k}=${v}`;
  });
}

/**
 * Kill every process of the sandbox user (PID 1, paddock-init, is exempt), which takes the whole tree, also
 * daemonised children: `paddock-init kill` (no shell needed). The exec is retried because a tree at its pids
 * limit can leave no room for the killer to start.
 */
async function killTree(t: Target, hostPid: number | undefined): Promise<void> {
  for (let attempt = 0; attempt < 30; attempt++) {
    try {
      const exec = await t.container.exec({
        Cmd: KILL_COMMAND,
        User: t.user,
        AttachStdout: true,
      });
      const stream = await exec.start({ hijack: true, stdin: false });
      stream.resume();
      await new Promise((resolve) =>
        stream.once('end', resolve).once('close', resolve).once('error', resolve),
      );
      if ((await exitCodeOf(exec)).code === 0) return;
    } catch (error) {
      // Gone: nothing is left to kill. Otherwise the exec could not start (a tree at its pids limit leaves
      // no room): try again, and SIGKILL from the host below if it never does.
      if ((error as { statusCode?: number }).statusCode === 404) return;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  if (hostPid) {
    try {
      process.kill(hostPid, 'SIGKILL');
    } catch (error) {
      // Gone already, or not ours to signal (a remote engine's pid): nothing more can be done from here.
      if (!['ESRCH', 'EPERM'].includes((error as NodeJS.ErrnoException).code ?? '')) throw error;
    }
  }
}

async function exitCodeOf(exec: Docker.Exec): Promise<{ code: number | null; neverStarted: boolean }> {
  for (let i = 0; i < 40; i++) {
    const info = await exec.inspect().catch(() => undefined);
    if (!info) return { code: null, neverStarted: false };
    if (!info.Running) {
      const code = typeof info.ExitCode === 'number' ? info.ExitCode : null;
      return { code, neverStarted: neverStarted(info) };
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  return { code: null, neverStarted: false };
}

/** The engine could not start the process (no pid ever, exit 126/127): the command is missing or not executable. */
function neverStarted(info: Docker.ExecInspectInfo): boolean {
  return !info.Running && !info.Pid && (info.ExitCode === 126 || info.ExitCode === 127);
}

/** Output held while it may be only the engine's or paddock-init's "not started" text (far shorter). */
export const MAX_HELD_BYTES = 64 * 1024;

/** What paddock-init writes, and nothing else, when it could not start the command (exit 126 or 127). */
const INIT_NOT_STARTED = Buffer.from('paddock-init: not started: ');

/** Whether `data` is, or begins like, paddock-init's "not started" line. */
export function initNotStarted(data: Buffer): boolean {
  const n = Math.min(data.length, INIT_NOT_STARTED.length);
  return data.subarray(0, n).equals(INIT_NOT_STARTED.subarray(0, n));
}

/** Exit status of a command that could not be found, as a shell gives it. */
export const NOT_FOUND = 127;

/** What paddock says instead of the engine's raw OCI error when a command cannot start. */
export function notStartedMessage(command: readonly string[]): string {
  const name = command[0] ?? '';
  const hint = name.includes('/') ? '' : ' (/sandbox is the working directory but not on PATH: use ./NAME)';
  return `${JSON.stringify(name)}: command not found in the sandbox, or not executable${hint}`;
}

/**
 * Run a command in the sandbox as its user, in /sandbox. Returns the real exit code. The raw driver: whether
 * user code may run yet (the fence is in) is the session engine's check (src/session/ready.ts).
 */
/**
 * Kill every process of the sandbox user in the sandbox (what a timeout does), e.g. before an eval's verify
 * phase, so nothing the agent left running can talk to what runs next. Resolves when they are gone.
 */
export async function stopSandboxProcesses(sandbox: SandboxInfo | string): Promise<void> {
  await killTree(await target(sandbox), undefined);
}

export async function execInSandbox(
  sandbox: SandboxInfo | string,
  options: ExecOptions,
): Promise<ExecResult> {
  const started = Date.now();
  options.signal?.throwIfAborted();
  const t = await target(sandbox);
  const tty = options.tty === true;
  const Cmd = commandArgv(options.command);
  const max = options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT;
  const [out, err] = await Promise.all([
    CappedSink.open(options.stdout, max),
    CappedSink.open(options.stderr, max),
  ]);
  const exec = await t.container.exec({
    Cmd: execCommand(Cmd),
    User: t.user,
    WorkingDir: SANDBOX_DIR,
    Env: envList(options.env),
    AttachStdin: options.stdin !== undefined,
    AttachStdout: true,
    AttachStderr: true,
    Tty: tty,
  });
  const stream = (await exec.start({ hijack: true, stdin: options.stdin !== undefined, Tty: tty })) as Duplex;
  let outputLimit: string | undefined;
  let killing: Promise<void> | undefined;
  const deliver = (which: 'stdout' | 'stderr', data: Buffer): void => {
    const sink = which === 'stderr' ? err : out;
    sink.write(data);
    if (sink.truncated && outputLimit === undefined) {
      outputLimit = `${which} passed the output limit of ${max} bytes; the command was killed`;
      kill(); // dropping the rest is not enough: a command that writes forever would run until its timeout
    }
  };
  // Output is held until the engine says the process started: when it never did, what came is the engine's
  // (or paddock-init's) own error text, replaced below by a message that names the command.
  const held: [which: 'stdout' | 'stderr', data: Buffer][] = [];
  let heldBytes = 0;
  let gate: Promise<void> | undefined;
  let open = false;
  const release = (): void => {
    open = true;
    for (const [w, d] of held.splice(0)) deliver(w, d);
  };
  const write = (which: 'stdout' | 'stderr', data: Buffer): void => {
    if (open) {
      deliver(which, data);
      return;
    }
    held.push([which, data]);
    heldBytes += data.length;
    // The engine's error is one short frame: this much output means the command runs.
    if (heldBytes > MAX_HELD_BYTES) {
      release();
      return;
    }
    // paddock-init's line is held to the end: the exit code says whether it was the whole story.
    if (held.length === 1 && initNotStarted(data)) return;
    gate ??= exec.inspect().then(
      (info) => {
        if (!neverStarted(info)) release();
      },
      () => release(),
    );
  };
  const demux = new Demuxer(write);
  stream.on('data', (chunk: Buffer) => (tty ? write('stdout', chunk) : demux.push(chunk)));
  if (options.stdin) options.stdin.pipe(stream);

  const ended = new Promise<void>((resolve) => {
    stream
      .once('end', resolve)
      .once('close', resolve)
      .once('error', () => resolve());
  });
  function kill(): void {
    if (killing) return;
    killing = exec
      .inspect()
      .then((i) => killTree(t, i.Pid))
      .catch(() => killTree(t, undefined));
    guard.grace(KILL_GRACE_MS, () => stream.destroy());
  }
  const guard = new CommandGuard(options, kill, () => killing !== undefined);
  let result: { code: number | null; neverStarted: boolean };
  try {
    await ended;
    await gate;
    result = await exitCodeOf(exec);
    const byInit = !open && held.length === 1 && (result.code === 126 || result.code === NOT_FOUND);
    if (byInit && initNotStarted(held[0]?.[1] ?? Buffer.alloc(0))) result = { ...result, neverStarted: true };
    if (result.neverStarted) held.length = 0;
    else release(); // may start a kill for output past the cap
    await killing; // a killer still looping must not hit the next command
  } finally {
    guard.dispose();
    options.stdin?.unpipe(stream);
  }
  const notStarted = result.neverStarted ? notStartedMessage(Cmd) : undefined;
  if (notStarted) err.write(Buffer.from(`paddock: ${notStarted}\n`));
  await Promise.all([out.close(), err.close()]);
  guard.throwIfCancelled();
  const truncated = out.truncated || err.truncated;
  return execResult({
    code: result.code,
    timedOut: guard.timedOut,
    truncated,
    outputLimit,
    notStarted,
    started,
  });
}

/** What a command's driver saw (an exec here, a held run in run.ts), once its streams are closed. */
export interface Finished {
  readonly code: number | null;
  readonly timedOut: boolean;
  readonly truncated: boolean;
  readonly outputLimit: string | undefined;
  readonly notStarted: string | undefined;
  readonly started: number;
}

/** The result of a finished command, the same for an exec and a held run. */
export function execResult(f: Finished): ExecResult {
  const durationMs = Date.now() - f.started;
  const { timedOut, notStarted, outputLimit } = f;
  if (notStarted) return { exitCode: NOT_FOUND, timedOut, truncated: false, durationMs, notStarted };
  return {
    // Killed for its output: a 0 that raced the kill would read as success, so it is reported as unknown.
    exitCode: outputLimit !== undefined && f.code === 0 ? null : f.code,
    timedOut,
    truncated: f.truncated,
    durationMs,
    ...(outputLimit === undefined ? {} : { outputLimit }),
  };
}
