import type { Duplex } from 'node:stream';
import { connectEngine } from './engine.js';
import { execResult, initNotStarted, MAX_HELD_BYTES, NOT_FOUND, notStartedMessage } from './exec.js';
import { CommandGuard } from './guard.js';
import { FENCE_SIGNAL, RUN_STOP_SIGNAL } from './init.js';
import { CappedSink, DEFAULT_MAX_OUTPUT, Demuxer } from './output.js';
import { RunEnd } from './run-end.js';
import { signalInit } from './signal.js';
import type { ExecOptions, ExecResult, HeldRun } from './types.js';

/** After the stop signal, how long init gets to report before the container is killed from the host. */
const STOP_GRACE_MS = 5000;

export type RunOptions = Omit<ExecOptions, 'command' | 'env' | 'stdin' | 'tty'>;

/**
 * Start a held run (a sandbox created with `command`): attach to the container's streams, release init (the
 * fence signal), and read stdout and stderr until init's keyed end line gives the status (run-end.ts). No
 * exec: the command is the container's own. The sandbox stays up after, for copy-out and verify.
 */
export async function startHeldRun(run: HeldRun, options: RunOptions): Promise<ExecResult> {
  const started = Date.now();
  options.signal?.throwIfAborted();
  const { docker } = await connectEngine();
  const container = docker.getContainer(run.id);
  const max = options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT;
  const [out, err] = await Promise.all([
    CappedSink.open(options.stdout, max),
    CappedSink.open(options.stderr, max),
  ]);
  // init writes its end line on both streams; each is copied on its own, so both must have it before the
  // command's output is known to be complete.
  const end = { stdout: new RunEnd(run.key), stderr: new RunEnd(run.key) };
  let outputLimit: string | undefined;
  let stopping = false;
  let held: Buffer[] | undefined;
  let heldBytes = 0;
  const stream = (await container.attach({ stream: true, stdout: true, stderr: true })) as Duplex;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    signalInit(container, run.pid, RUN_STOP_SIGNAL).catch(() => undefined);
    // init kills the tree and reports; if it cannot (the container is wedged), the host kills the container.
    guard.grace(STOP_GRACE_MS, () => container.kill().catch(() => undefined));
  };
  const guard = new CommandGuard(options, stop, () => stopping);
  const deliver = (sink: CappedSink, which: string, data: Buffer): void => {
    sink.write(data);
    if (sink.truncated && outputLimit === undefined) {
      outputLimit = `${which} passed the output limit of ${max} bytes; the command was killed`;
      stop();
    }
  };
  const onStderr = (data: Buffer): void => {
    if (data.length === 0) return;
    // paddock-init's "not started" line is held to the end: the status says whether it was the whole story.
    if (held === undefined && err.written === 0 && initNotStarted(data)) held = [];
    if (held && heldBytes + data.length <= MAX_HELD_BYTES) {
      held.push(data);
      heldBytes += data.length;
      return;
    }
    if (held) for (const h of held.splice(0)) deliver(err, 'stderr', h);
    deliver(err, 'stderr', data);
  };
  const ended = new Promise<void>((resolve) => {
    const demux = new Demuxer((which, data) => {
      if (which === 'stdout') deliver(out, 'stdout', end.stdout.push(data));
      else onStderr(end.stderr.push(data));
      if (end.stdout.ended && end.stderr.ended) resolve();
    });
    stream.on('data', (chunk: Buffer) => demux.push(chunk));
    stream
      .once('end', resolve)
      .once('close', resolve)
      .once('error', () => resolve());
  });
  try {
    await signalInit(container, run.pid, FENCE_SIGNAL); // the release: init starts the command now
    await ended;
  } finally {
    guard.dispose();
    stream.destroy();
  }
  deliver(out, 'stdout', end.stdout.flush());
  onStderr(end.stderr.flush());
  // Both lines are init's; a status only when both came and agree (anything else: unknown, never success).
  const both = end.stdout.ended && end.stderr.ended && end.stdout.status === end.stderr.status;
  const code = both ? end.stderr.status : null;
  const notStarted =
    held !== undefined && held.length > 0 && (code === 126 || code === NOT_FOUND)
      ? notStartedMessage(run.command)
      : undefined;
  if (notStarted) err.write(Buffer.from(`paddock: ${notStarted}\n`));
  else if (held) for (const h of held.splice(0)) err.write(h);
  await Promise.all([out.close(), err.close()]);
  guard.throwIfCancelled();
  const truncated = out.truncated || err.truncated;
  return execResult({ code, timedOut: guard.timedOut, truncated, outputLimit, notStarted, started });
}
