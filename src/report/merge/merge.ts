import { cp, lstat, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { errorMessage, PaddockError } from '../../common/errors.js';
import type { EgressEvent } from '../../common/event.js';
import type { Results } from '../../eval/results.js';
import { setupPaths } from '../../eval/setup-result.js';
import { prepareResultsDir, runPaths, writeResults } from '../../eval/write.js';
import { readEvents, readResults } from '../write.js';
import { checkShards, type MergeCheckOptions, type ShardSet } from './check.js';
import { combineResults, setupShard } from './combine.js';

export interface MergeOptions extends MergeCheckOptions {
  /** Results directories of the shards (each holds a results.json). */
  readonly dirs: readonly string[];
  /** Where the merged results directory is written. */
  readonly out: string;
}

/** Read one shard's results.json; an unreadable or unparsable one is INPUT_INVALID naming it. */
async function readSet(dir: string): Promise<ShardSet> {
  try {
    return { dir, results: await readResults(dir) };
  } catch (error) {
    throw new PaddockError(
      'INPUT_INVALID',
      `cannot read ${join(dir, 'results.json')}: ${errorMessage(error)}`,
      {
        cause: error,
      },
    );
  }
}

/** Copy a run's folder; links are left out (nothing under a results directory may point outside it). */
async function copyRun(from: string, to: string): Promise<void> {
  const exists = await stat(from).then(
    () => true,
    () => false,
  );
  if (!exists) return;
  await cp(from, to, {
    recursive: true,
    force: true,
    filter: async (source) => !(await lstat(source)).isSymbolicLink(),
  });
}

/**
 * Merge shard results directories into `out`, the layout of one unsharded eval: results.json, egress.jsonl (every
 * shard's decisions, in time order) and runs/<run>/ (copied). Reports are written by the caller, as for an eval.
 */
export async function mergeResults(
  options: MergeOptions,
): Promise<{ results: Results; events: EgressEvent[] }> {
  const out = resolve(options.out);
  for (const dir of options.dirs)
    if (resolve(dir) === out)
      throw new PaddockError(
        'INPUT_INVALID',
        `the merged results cannot go into a shard's own directory (${dir})`,
      );
  const sets = await Promise.all(options.dirs.map(readSet));
  const plan = checkShards(sets, options);
  const results = combineResults(plan);

  const events: EgressEvent[] = [];
  // One by one: spread into one call, a shard's 150,000 events would pass the stack's limit.
  for (const set of plan.sets) for (const e of await readEvents(set.dir)) events.push(e);
  // A stable sort keeps each shard's own order for events logged in the same millisecond.
  events.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0));

  await prepareResultsDir(
    out,
    results.runs.map((r) => r.id),
  );
  for (const set of plan.sets)
    for (const run of set.results.runs) {
      const dir = runPaths(run.id).dir;
      await copyRun(join(set.dir, dir), join(out, dir));
    }
  const kept = setupShard(plan);
  const setup = kept === undefined ? undefined : plan.sets[kept];
  if (setup?.results.setup) {
    const dir = setupPaths().dir; // never the shard's own record of it (a path anyone could edit)
    await copyRun(join(setup.dir, dir), join(out, dir));
  }
  await writeResults(out, results, events);
  return { results, events };
}
