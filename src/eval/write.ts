import { createHash } from 'node:crypto';
import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { EgressEvent } from '../common/event.js';
import { chownToInvoker, writeFileAtomic } from '../common/files.js';
import { emptyByStatus } from './progress.js';
import { RESULTS_SCHEMA, type Results, type RunResult, type SetupResult } from './results.js';

/** Paths of one run's files, relative to the results directory (DESIGN.md "Results"). */
export function runPaths(id: string): RunResult['paths'] {
  const dir = `runs/${id}`;
  return {
    dir,
    stdout: `${dir}/stdout.log`,
    stderr: `${dir}/stderr.log`,
    events: `${dir}/events.jsonl`,
    out: `${dir}/out`,
  };
}

/** The setup phase's folder (setup-result.ts `setupPaths`). */
const SETUP_DIR = 'setup';

/** Files of an earlier eval that this one may not write again, so they would outlive it and mislead. */
const STALE_REPORTS = ['suggested-policy.yaml'];

/**
 * Make the results directory so it holds only this eval: every `runs/*` that is not one of `ids` (left by an
 * earlier, wider eval) is removed, the folders of the runs about to happen are cleared, and so are reports a
 * rerun need not write again.
 */
export async function prepareResultsDir(dir: string, ids: readonly string[]): Promise<void> {
  await mkdir(join(dir, 'runs'), { recursive: true });
  await chownToInvoker(dir);
  await chownToInvoker(join(dir, 'runs'));
  const keep = new Set(ids);
  for (const name of await readdir(join(dir, 'runs'))) {
    if (!keep.has(name)) await rm(join(dir, 'runs', name), { recursive: true, force: true });
  }
  for (const name of STALE_REPORTS) await rm(join(dir, name), { force: true });
  await rm(join(dir, SETUP_DIR), { recursive: true, force: true }); // an earlier eval's setup is not this one's
  // Each run's folder on its own (they share nothing): at once, not one after the other.
  await Promise.all(
    ids.map(async (id) => {
      const paths = runPaths(id);
      await rm(join(dir, paths.dir), { recursive: true, force: true });
      await mkdir(join(dir, paths.out), { recursive: true });
      await chownToInvoker(join(dir, paths.dir));
      await chownToInvoker(join(dir, paths.out));
    }),
  );
}

/**
 * Events as JSON lines, in chunks of 1,000 lines: a flood of logged denials can make a log longer than one
 * string may be (512 MiB), which a join could not write.
 */
export function* jsonl(events: readonly EgressEvent[]): Generator<string> {
  for (let i = 0; i < events.length; i += JSONL_CHUNK)
    yield events
      .slice(i, i + JSONL_CHUNK)
      .map((e) => `${JSON.stringify(e)}\n`)
      .join('');
}

const JSONL_CHUNK = 1000;

/** What a run's files hold: the same signature means the same files (finalize then need not write them again). */
export function runSignature(result: RunResult, events: readonly EgressEvent[]): string {
  const hash = createHash('sha256').update(JSON.stringify(result));
  for (const chunk of jsonl(events)) hash.update(chunk);
  return hash.digest('hex');
}

/** `run.json` and `events.jsonl`, each written atomically. */
export async function writeRun(
  dir: string,
  result: RunResult,
  events: readonly EgressEvent[],
): Promise<void> {
  // The verify phase's decisions go beside its logs; the run's own events file holds the agent's.
  const verifying = result.verify !== undefined;
  await writeOwned(
    join(dir, result.paths.events),
    jsonl(events.filter((e) => !verifying || e.phase !== 'verify')),
  );
  if (result.verify) {
    await writeOwned(
      join(dir, result.verify.paths.events),
      jsonl(events.filter((e) => e.phase === 'verify')),
    );
    for (const log of [result.verify.paths.stdout, result.verify.paths.stderr])
      await chownToInvoker(join(dir, log));
  }
  await writeOwned(join(dir, result.paths.dir, 'run.json'), `${JSON.stringify(result, null, 2)}\n`);
  for (const log of [result.paths.stdout, result.paths.stderr]) await chownToInvoker(join(dir, log));
}

/** `setup/setup.json` and `setup/events.jsonl` (its logs were written by the exec), owned by the invoking user. */
export async function writeSetup(
  dir: string,
  setup: SetupResult,
  events: readonly EgressEvent[],
): Promise<void> {
  await mkdir(join(dir, setup.paths.dir), { recursive: true });
  await chownToInvoker(join(dir, setup.paths.dir));
  await writeOwned(join(dir, setup.paths.events), jsonl(events));
  for (const log of [setup.paths.stdout, setup.paths.stderr]) await chownToInvoker(join(dir, log));
  await writeOwned(join(dir, setup.paths.json), `${JSON.stringify(setup, null, 2)}\n`);
}

/** `egress.jsonl` then `results.json` (last, so a reader that sees it sees everything it points at). */
export async function writeResults(
  dir: string,
  results: Results,
  events: readonly EgressEvent[],
): Promise<void> {
  await writeOwned(join(dir, 'egress.jsonl'), jsonl(events));
  await writeOwned(join(dir, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
}

/** Atomic write; under sudo the file goes back to the invoking user (later steps must be able to clean up). */
async function writeOwned(path: string, data: string | Iterable<string>): Promise<void> {
  await writeFileAtomic(path, data);
  await chownToInvoker(path);
}

export function totals(runs: readonly RunResult[]): Results['totals'] {
  const byStatus = emptyByStatus();
  let denied = 0;
  for (const r of runs) {
    byStatus[r.status]++;
    denied += r.denials + (r.expectedDenials ?? 0);
  }
  return {
    total: runs.length,
    passed: byStatus.passed,
    failed: runs.length - byStatus.passed,
    denied,
    byStatus,
  };
}

/** What a results set says about itself, before its runs are known. */
export type ResultsHeader = Omit<Results, 'schema' | 'finishedAt' | 'durationMs' | 'totals' | 'runs'>;

/** results.json (and an empty egress.jsonl) for a results set without runs. */
export async function emptyResults(dir: string, header: ResultsHeader): Promise<Results> {
  const finishedAt = new Date();
  const results: Results = {
    schema: RESULTS_SCHEMA,
    ...header,
    finishedAt: finishedAt.toISOString(),
    durationMs: finishedAt.getTime() - Date.parse(header.startedAt),
    totals: totals([]),
    runs: [],
  };
  await writeResults(dir, results, []);
  return results;
}
