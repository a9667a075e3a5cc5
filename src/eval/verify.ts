import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { errorMessage } from '../common/errors.js';
import type { RunSandbox } from './drivers.js';
import { filesToCopy } from './files.js';
import type { RunContext } from './lifecycle.js';
import type { RunPlan } from './plan.js';

/** What `score.json` may hold: a score from 0 to 1 and named metrics. */
export interface Score {
  readonly score: number;
  readonly metrics: Readonly<Record<string, number | string | boolean>>;
}

/** How the verify phase went. `error`: it could not run, or its score.json is not valid. */
export interface VerifyOutcome {
  readonly exitCode: number | null;
  readonly timedOut: boolean;
  readonly truncated: boolean;
  readonly startedAt: number;
  readonly finishedAt: number;
  readonly score?: Score;
  readonly error?: string;
}

/**
 * Added to verify's environment: it says which phase this is, and Python ignores the user site-packages under
 * HOME (/sandbox, which the agent could write: a `usercustomize.py` there would run inside the grader).
 */
export const VERIFY_ENV = { PADDOCK_PHASE: 'verify', PYTHONNOUSERSITE: '1' } as const;

/**
 * The largest `score.json` read. A grader may put what the agent wrote into a metric; results.json is one string
 * (at most 2^29 characters in V8), so two runs of 300 MB metrics made it fail to write, losing every run's results.
 */
export const SCORE_MAX_BYTES = 64 * 1024;

/** `score.json` as copied out, as text; throws when it is over SCORE_MAX_BYTES, without reading it. */
async function readScore(path: string): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    if (size > SCORE_MAX_BYTES)
      throw new Error(`score.json: ${size} bytes, over the limit of ${SCORE_MAX_BYTES}`);
    return await handle.readFile('utf8');
  } finally {
    await handle.close();
  }
}

/** Where the verify phase's files land, relative to the results directory. */
export function verifyPaths(runId: string): { dir: string; stdout: string; stderr: string; events: string } {
  const dir = `runs/${runId}/verify`;
  return { dir, stdout: `${dir}/stdout.log`, stderr: `${dir}/stderr.log`, events: `${dir}/events.jsonl` };
}

/**
 * `score.json` as verify wrote it → a Score; throws saying what is wrong. Pure.
 * `{"score": 0.8, "metrics": {"tests": 8}}`; metrics are optional, scalar values only.
 */
export function parseScore(text: string): Score {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`score.json is not JSON (${errorMessage(error)})`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new Error('score.json: expected an object such as {"score": 0.8}');
  const { score, metrics = {} } = value as { score?: unknown; metrics?: unknown };
  if (typeof score !== 'number' || !Number.isFinite(score) || score < 0 || score > 1)
    throw new Error(`score.json: expected "score" to be a number from 0 to 1, got ${JSON.stringify(score)}`);
  if (typeof metrics !== 'object' || metrics === null || Array.isArray(metrics))
    throw new Error('score.json: expected "metrics" to be an object of numbers, strings or booleans');
  const kept: Record<string, number | string | boolean> = {};
  for (const [k, v] of Object.entries(metrics)) {
    if (!['number', 'string', 'boolean'].includes(typeof v))
      throw new Error(`score.json: metric ${JSON.stringify(k)} is not a number, string or boolean`);
    // 1e400 parses as Infinity, which results.json would hold as null.
    if (typeof v === 'number' && !Number.isFinite(v))
      throw new Error(`score.json: metric ${JSON.stringify(k)} is not a finite number (${v})`);
    kept[k] = v as number | string | boolean;
  }
  return { score, metrics: kept };
}

/**
 * The verify phase of one run, in the agent's sandbox after the agent's command: every process the agent left
 * is killed and the network policy becomes verify's (decisions stamped `phase: verify`), verify's files are
 * copied in (the agent never saw them), the command runs with its own timeout and output files, and
 * `score.json` (in /sandbox, its working directory) is read when it wrote one. Never throws.
 */
export async function runVerify(
  run: RunPlan,
  sandbox: RunSandbox,
  ctx: RunContext,
  signal: AbortSignal,
): Promise<VerifyOutcome> {
  const verify = run.verify;
  const now = Date.now();
  const failed = (error: string): VerifyOutcome => ({
    exitCode: null,
    timedOut: false,
    truncated: false,
    startedAt: now,
    finishedAt: Date.now(),
    error,
  });
  if (!verify || !ctx.verifyPolicy) return failed('no verify phase');
  const paths = verifyPaths(run.id);
  try {
    await sandbox.enterPhase('verify', ctx.verifyPolicy);
    // A score.json the agent left would read as the grader's when the grader writes none.
    const cleared = await sandbox.exec({
      command: 'rm -rf -- /sandbox/score.json',
      timeoutMs: 30_000,
      stdout: new PassThrough().resume(),
      stderr: new PassThrough().resume(),
      maxOutputBytes: 4096,
      signal,
    });
    if (cleared.exitCode !== 0)
      throw new Error(`cannot remove the score.json left in /sandbox (exit ${cleared.exitCode})`);
    await sandbox.copyIn(filesToCopy(verify.files, ctx.specFiles, ctx.specDir));
  } catch (error) {
    return failed(`verify could not start: ${errorMessage(error)}`);
  }
  const startedAt = Date.now();
  let exit: { exitCode: number | null; timedOut: boolean; truncated: boolean };
  try {
    exit = await sandbox.exec({
      command: verify.command,
      env: VERIFY_ENV,
      timeoutMs: verify.timeoutMs,
      stdout: join(ctx.resultsDir, paths.stdout),
      stderr: join(ctx.resultsDir, paths.stderr),
      maxOutputBytes: ctx.maxOutputBytes,
      signal,
    });
  } catch (error) {
    return { ...failed(`verify failed to run: ${errorMessage(error)}`), startedAt };
  }
  const finishedAt = Date.now();
  const base = { ...exit, startedAt, finishedAt };
  try {
    const { files } = await sandbox.copyOut(['score.json'], join(ctx.resultsDir, paths.dir));
    if (!files.includes('score.json')) return base;
    const score = parseScore(await readScore(join(ctx.resultsDir, paths.dir, 'score.json')));
    return { ...base, score };
  } catch (error) {
    return { ...base, error: errorMessage(error) };
  }
}
