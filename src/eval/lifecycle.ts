import { join } from 'node:path';
import { errorMessage, isPaddockError } from '../common/errors.js';
import { type EgressEvent, readEventLog } from '../common/event.js';
import type { Policy } from '../policy/types.js';
import type { LandlockStatus } from '../sandbox/index.js';
import type { CredentialRequest } from '../session/credentials.js';
import type { EvalSession, RunSandbox } from './drivers.js';
import type { RunOutcome } from './expect.js';
import { filesToCopy } from './files.js';
import type { RunPlan } from './plan.js';
import type { Refusal } from './results.js';
import { runVerify, type VerifyOutcome } from './verify.js';
import { runPaths } from './write.js';

/** What every run of one eval shares. */
export interface RunContext {
  readonly session: EvalSession;
  readonly resultsDir: string;
  readonly specDir: string;
  /** Every file under the spec folder, relative to it. */
  readonly specFiles: readonly string[];
  readonly image: string;
  readonly policy: Policy;
  /** The verify phase's policy (the sandbox's, with verify's network policies), when the spec has verify. */
  readonly verifyPolicy?: Policy;
  readonly maxOutputBytes: number;
  /** Resolved once per eval from the runner's environment. @default [] */
  readonly credentials?: readonly CredentialRequest[];
}

/** A run after its sandbox was made (or failed to be). */
export interface Prepared {
  readonly sandbox?: RunSandbox;
  /** Infrastructure failure while preparing. */
  readonly error?: string;
  /** When preparing began: a run that never got to its command is timed from here. */
  readonly startedAt: number;
}

/** A run after its command ended; `judge` turns the outcome into a status. */
export interface Finished {
  readonly outcome: RunOutcome;
  /** When the command started (its sandbox may have been prepared long before): the run's own time. */
  readonly startedAt: number;
  readonly finishedAt: number;
  readonly truncated: boolean;
  readonly outputs: readonly string[];
  /** What copy-out refused, or where it stopped; absent when nothing was. */
  readonly refused?: readonly Refusal[];
  /** The verify phase, when the spec has one and the agent's command ended on its own. */
  readonly verify?: VerifyOutcome;
  /** Landlock as the run's sandbox had it. */
  readonly landlock?: LandlockStatus;
  /** How the run's connections were attributed. */
  readonly attribution?: 'connect-time' | 'procfs';
}

/** The sandbox's name in the session (and in its events): `eval-<run>`; a repetition `<cell>#k` is `eval-<cell>.rk`. */
export const sandboxName = (runId: string): string => `eval-${runId.replace(/#(\d+)$/, '.r$1')}`;

/** Create the sandbox (fenced before any user code) and copy the run's files in. Throws only on abort. */
export async function prepareRun(run: RunPlan, ctx: RunContext, signal: AbortSignal): Promise<Prepared> {
  const startedAt = Date.now();
  let sandbox: RunSandbox;
  try {
    sandbox = await ctx.session.createSandbox({
      name: sandboxName(run.id),
      run: run.id,
      image: ctx.image,
      policy: ctx.policy,
      env: run.env,
      command: run.command,
      ...(ctx.credentials?.length ? { credentials: ctx.credentials } : {}),
      signal,
    });
  } catch (error) {
    signal.throwIfAborted();
    return { error: `sandbox create failed: ${describeError(error)}`, startedAt };
  }
  try {
    await sandbox.copyIn(filesToCopy(run.files, ctx.specFiles, ctx.specDir));
  } catch (error) {
    return { sandbox, error: `copy in failed: ${describeError(error)}`, startedAt };
  }
  return { sandbox, startedAt };
}

/** Run the command, then collect outputs and the run's gateway events. Never throws. */
export async function executeRun(
  run: RunPlan,
  prepared: Prepared,
  ctx: RunContext,
  signal: AbortSignal,
): Promise<Finished> {
  const paths = runPaths(run.id);
  const base = { exitCode: null, timedOut: false, cancelled: false, timeoutMs: run.timeoutMs, events: [] };
  const { sandbox } = prepared;
  if (!sandbox || prepared.error) {
    const outcome = { ...base, error: prepared.error ?? 'no sandbox' };
    return { outcome, startedAt: prepared.startedAt, finishedAt: Date.now(), truncated: false, outputs: [] };
  }
  const startedAt = Date.now();
  let exit: { exitCode: number | null; timedOut: boolean; truncated: boolean } | undefined;
  let error: string | undefined;
  try {
    exit = await sandbox.run({
      timeoutMs: run.timeoutMs,
      stdout: join(ctx.resultsDir, paths.stdout),
      stderr: join(ctx.resultsDir, paths.stderr),
      maxOutputBytes: ctx.maxOutputBytes,
      signal,
    });
  } catch (e) {
    if (!signal.aborted) error = `run failed: ${describeError(e)}`;
  }
  const endedAt = Date.now(); // the run's time is its command's, not its copy-out's
  const cancelled = signal.aborted;
  const exitCode = exit?.exitCode ?? null;
  // A command that ended by itself, with nothing to copy out or verify, goes straight to its events: they come
  // from the gateway, so only when they cannot be had is the gateway asked whether it stopped (one round trip
  // fewer per run). Anything else is checked first: copy-out and verify need a sandbox and a gateway.
  const askLater = !killed(exitCode) && run.outputs.length === 0 && !run.verify;
  // A command killed because its sandbox went away is an infrastructure failure, not the agent's exit code.
  const checkHealth = async (): Promise<void> => {
    if (error || cancelled) return;
    const broken = await healthAfter(sandbox, exitCode);
    if (broken) error = `${broken} during the run (exit code ${exitCode ?? 'unknown'})`;
  };
  if (!askLater) await checkHealth();
  let outputs: readonly string[] = [];
  let refused: readonly Refusal[] = [];
  if (run.outputs.length > 0 && !error) {
    try {
      const copied = await sandbox.copyOut(run.outputs, join(ctx.resultsDir, paths.out));
      outputs = copied.files;
      refused = copied.rejected ?? [];
    } catch (e) {
      if (!cancelled) error = `copy out failed: ${describeError(e)}`;
    }
  }
  // Verify grades what the agent did; it runs when the agent's command ended by itself (any exit code).
  const verify =
    run.verify && !error && !cancelled && !exit?.timedOut
      ? await runVerify(run, sandbox, ctx, signal)
      : undefined;
  let events: EgressEvent[] = [];
  try {
    events = await sandbox.events().catch(async () => {
      if (askLater) await checkHealth();
      return eventsFromLog(ctx.session.eventsPath, sandbox.name);
    });
  } catch (e) {
    // Without the whole decision log a run cannot pass: its evidence is incomplete.
    error ??= `evidence incomplete: ${describeError(e)}`;
  }
  const outcome: RunOutcome = {
    ...base,
    exitCode: exit?.exitCode ?? null,
    timedOut: exit?.timedOut ?? false,
    cancelled: cancelled || signal.aborted, // a cancel during verify is a cancel, not its error
    ...(error ? { error } : {}),
    events,
  };
  return {
    outcome,
    startedAt,
    finishedAt: endedAt,
    truncated: exit?.truncated ?? false,
    outputs,
    ...(refused.length > 0 ? { refused } : {}),
    ...(verify ? { verify } : {}),
    ...(sandbox.landlock ? { landlock: sandbox.landlock } : {}),
    ...(sandbox.attribution ? { attribution: sandbox.attribution } : {}),
  };
}

/** A command that did not end by itself: no status, or one of a signal (128 + n). */
const killed = (exitCode: number | null): boolean => exitCode === null || exitCode >= 128;

/**
 * After a command died of a signal (or without an exit code), ask a few times whether its sandbox is gone:
 * the engine reports the container's end a moment after the command's.
 */
async function healthAfter(sandbox: RunSandbox, exitCode: number | null): Promise<string | undefined> {
  const ended = !killed(exitCode);
  const tries = ended ? 1 : 6;
  for (let i = 0; i < tries; i++) {
    if (i > 0) await new Promise((r) => setTimeout(r, 250));
    const broken = await sandbox.health(ended).catch(() => undefined);
    if (broken) return broken;
  }
  return undefined;
}

/** Read the session's decision log and keep one sandbox's events; throws EVIDENCE_INCOMPLETE when unreadable. */
export async function eventsFromLog(path: string, sandbox?: string): Promise<EgressEvent[]> {
  return readEventLog(path, sandbox === undefined ? {} : { sandbox });
}

function describeError(error: unknown): string {
  const message = errorMessage(error).split('\n')[0] ?? '';
  return isPaddockError(error) ? `${error.code}: ${message}` : message;
}
