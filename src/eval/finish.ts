import { errorMessage } from '../common/errors.js';
import type { EgressEvent } from '../common/event.js';
import { cellsOf } from './cells.js';
import { judge, listDenied } from './expect.js';
import { eventsFromLog, type Finished, sandboxName } from './lifecycle.js';
import type { RunPlan } from './plan.js';
import { RESULTS_SCHEMA, type Results, type RunResult, type SetupResult } from './results.js';
import { type SetupOutcome, setupResult } from './setup-result.js';
import { type VerifyOutcome, verifyPaths } from './verify.js';
import {
  type ResultsHeader,
  runPaths,
  runSignature,
  totals,
  writeResults,
  writeRun,
  writeSetup,
} from './write.js';

export interface JudgeSettings {
  readonly failOnEgress: boolean;
}

/**
 * Bytes of output names (each name and one more) one run lists in results.json. The copy takes up to 100,000
 * entries of up to 4,095 bytes each; results.json is one string (at most 2^29 characters in V8): two such runs
 * made it fail to write, losing every run's results.
 */
export const OUTPUTS_LIST_BYTES = 64 * 1024;

/** `outputs` as listed: names while they fit in `maxBytes`, and how many did not. Pure. */
export function listOutputs(
  files: readonly string[],
  maxBytes = OUTPUTS_LIST_BYTES,
): Pick<RunResult, 'outputs' | 'outputsOmitted'> {
  let bytes = 0;
  let n = 0;
  for (const file of files) {
    bytes += Buffer.byteLength(file) + 1;
    if (bytes > maxBytes) break;
    n++;
  }
  return n === files.length
    ? { outputs: files }
    : { outputs: files.slice(0, n), outputsOmitted: files.length - n };
}

/** Refused copy-out entries a run lists in results.json; the count says how many there were. */
export const REFUSED_LISTED = 20;

/** A finished run and its events → the run's entry in results.json. */
export function toResult(
  run: RunPlan,
  f: Finished,
  events: readonly EgressEvent[],
  settings: JudgeSettings,
): RunResult {
  // Decisions of the verify phase are its own: reported with it, never judged as the agent's egress.
  const agent = events.filter((e) => e.phase !== 'verify');
  const v = f.verify;
  // With verify, its exit code (and timeout, and failure to run) decide against `expect`, not the agent's.
  const judged = v
    ? {
        ...f.outcome,
        exitCode: v.exitCode,
        timedOut: v.timedOut,
        timeoutMs: v.timedOut ? (run.verify?.timeoutMs ?? f.outcome.timeoutMs) : f.outcome.timeoutMs,
        ...(v.error && !f.outcome.error ? { error: v.error } : {}),
      }
    : f.outcome;
  const verdict = judge({ ...judged, events: agent }, run.expect, settings);
  const byVerify = v && (verdict.status === 'failed' || (verdict.status === 'timeout' && v.timedOut));
  const reason = byVerify ? `verify: ${verdict.reason}` : verdict.reason;
  // Never started (cancelled, or no image from setup): no times.
  const never = f.outcome.exitCode === null && f.startedAt === f.finishedAt;
  return {
    id: run.id,
    ...(run.repetition ? { cell: run.cell, repetition: run.repetition } : {}),
    matrix: run.matrix,
    sandbox: sandboxName(run.id),
    status: verdict.status,
    exitCode: f.outcome.exitCode,
    durationMs: f.finishedAt - f.startedAt,
    startedAt: never ? null : new Date(f.startedAt).toISOString(),
    finishedAt: never ? null : new Date(f.finishedAt).toISOString(),
    denials: verdict.denials,
    expectedDenials: verdict.expectedDenials,
    denied: verdict.denied,
    ...(verdict.deniedOmitted ? { deniedOmitted: verdict.deniedOmitted } : {}),
    reason,
    paths: runPaths(run.id),
    truncated: f.truncated,
    ...listOutputs(f.outputs),
    ...(f.refused && f.refused.length > 0
      ? { outputsRefused: { count: f.refused.length, first: f.refused.slice(0, REFUSED_LISTED) } }
      : {}),
    ...(f.landlock ? { landlock: f.landlock } : {}),
    ...(f.attribution ? { attribution: f.attribution } : {}),
    ...(v
      ? verifyFields(
          run.id,
          v,
          events.filter((e) => e.phase === 'verify'),
        )
      : {}),
  };
}

/** `verify`, `score` and `metrics` of a run whose verify phase ran. */
function verifyFields(
  runId: string,
  v: VerifyOutcome,
  events: readonly EgressEvent[],
): Pick<RunResult, 'verify' | 'score' | 'metrics'> {
  const denies = events.filter((e) => e.action === 'deny');
  return {
    verify: {
      exitCode: v.exitCode,
      timedOut: v.timedOut,
      durationMs: v.finishedAt - v.startedAt,
      denials: denies.length,
      ...listDenied(denies),
      ...(v.error ? { error: v.error } : {}),
      paths: verifyPaths(runId),
    },
    ...(v.score ? { score: v.score.score, metrics: v.score.metrics } : {}),
  };
}

/** `cells` and `requiredPassRate` when the plan repeats cells or asks for a pass rate below 1. */
function cellsFor(
  plan: readonly RunPlan[],
  runs: readonly RunResult[],
): Pick<Results, 'cells' | 'requiredPassRate'> {
  const required = plan[0]?.expect.passRate ?? 1;
  if (!plan.some((r) => r.repetition) && required >= 1) return {};
  return { cells: cellsOf(runs, required), requiredPassRate: required };
}

export interface FinalizeInput {
  readonly resultsDir: string;
  readonly eventsPath: string;
  /**
   * Set when the session is shared (named by the caller): only decisions of this eval's sandboxes logged since
   * this ISO time are its own. An own session's decisions are all the eval's.
   */
  readonly sharedSince?: string;
  /** The setup phase, when the spec has one: its result and events go to setup/ and results.json. */
  readonly setup?: SetupOutcome;
  readonly runs: readonly RunPlan[];
  readonly finished: ReadonlyMap<string, Finished>;
  /** What each run's files already hold (runSignature): a run judged the same again is not written again. */
  readonly written?: ReadonlyMap<string, string>;
  readonly settings: JudgeSettings;
  readonly header: ResultsHeader;
}

/**
 * Judge every finished run once more from the session's decision log (the authority: a decision can land
 * after a run's first verdict), rewrite its files where that changed them, then write egress.jsonl and
 * results.json. Only this eval's decisions count: in a shared session, those of its sandboxes logged since it
 * started.
 */
export async function finalize(input: FinalizeInput): Promise<Results> {
  // An unreadable or malformed log makes every run an error (evidence incomplete), never a pass.
  const mine = new Set(input.runs.map((r) => sandboxName(r.id)));
  const setupSandbox = input.setup?.sandbox;
  if (setupSandbox) mine.add(setupSandbox);
  const since = input.sharedSince;
  const own = (e: EgressEvent): boolean =>
    since === undefined || (e.sandbox !== null && mine.has(e.sandbox) && e.time >= since);
  const log = await eventsFromLog(input.eventsPath).then(
    (events) => ({ events: events.filter(own), problem: null }),
    (error: unknown) => ({ events: null, problem: `evidence incomplete: ${errorMessage(error)}` }),
  );
  const runs: RunResult[] = [];
  const seen: EgressEvent[] = [];
  let setup: SetupResult | undefined;
  if (input.setup) {
    const events = setupSandbox ? (log.events?.filter((e) => e.sandbox === setupSandbox) ?? []) : [];
    seen.push(...events);
    setup = setupResult(input.setup, events);
    await writeSetup(input.resultsDir, setup, events);
  }
  for (const run of input.runs) {
    const found = input.finished.get(run.id);
    if (!found) continue;
    const done: Finished = log.problem
      ? { ...found, outcome: { ...found.outcome, error: found.outcome.error ?? log.problem } }
      : found;
    const logged = log.events?.filter((e) => e.sandbox === sandboxName(run.id)) ?? [];
    const events = logged.length >= done.outcome.events.length ? logged : done.outcome.events;
    seen.push(...events);
    const result = toResult(run, done, events, input.settings);
    runs.push(result);
    if (input.written?.get(run.id) !== runSignature(result, events))
      await writeRun(input.resultsDir, result, events);
  }
  const finishedAt = new Date();
  const results: Results = {
    schema: RESULTS_SCHEMA,
    ...input.header,
    ...(setup ? { setup } : {}),
    finishedAt: finishedAt.toISOString(),
    durationMs: finishedAt.getTime() - Date.parse(input.header.startedAt),
    totals: totals(runs),
    runs,
    ...cellsFor(input.runs, runs),
  };
  await writeResults(input.resultsDir, results, log.events ?? seen);
  return results;
}
