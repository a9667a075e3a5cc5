import { cellsOf } from '../../eval/cells.js';
import { RESULTS_SCHEMA, type Results, type RunResult } from '../../eval/results.js';
import { setupPaths } from '../../eval/setup-result.js';
import { runPaths, totals } from '../../eval/write.js';
import type { MergePlan } from './check.js';

/**
 * The checked shards → one results set, as one unsharded eval would have written it: runs in plan order,
 * totals recounted, the eval's time span from the first start to the last finish. `merge` records the shards,
 * the session of each (also joined in `session`) and anything missing. Pure.
 */
export function combineResults(merge: MergePlan): Results {
  const byId = new Map<string, RunResult>();
  for (const set of merge.sets)
    for (const run of set.results.runs) byId.set(run.id, { ...run, paths: runPaths(run.id) });
  const runs = merge.plan.flatMap((id) => byId.get(id) ?? []);
  const all = merge.sets.map((s) => s.results);
  const first = all[0] as Results;
  const required = all.find((r) => r.requiredPassRate !== undefined)?.requiredPassRate;
  const digests = new Set(all.map((r) => r.image.digest).filter((d) => d !== null));
  const startedAt = Math.min(...all.map((r) => Date.parse(r.startedAt)));
  const finishedAt = Math.max(...all.map((r) => Date.parse(r.finishedAt)));
  return {
    schema: RESULTS_SCHEMA,
    session: all.map((r) => r.session).join(','),
    spec: { file: first.spec.file, name: first.spec.name, digest: first.spec.digest ?? null },
    merge: {
      count: merge.count,
      shards: merge.sets.map((s) => ({ index: s.results.shard?.index ?? 1, session: s.results.session })),
      missingShards: merge.missingShards,
      missingRuns: merge.missingRuns,
    },
    // Shards that pulled different images leave the digest unknown rather than name one of them.
    image: { ref: first.image.ref, digest: digests.size === 1 ? ([...digests][0] as string) : null },
    policy: first.policy,
    ...setupOf(merge),
    enforcement: all.some((r) => r.enforcement === 'proxy-only') ? 'proxy-only' : 'enforce',
    startedAt: new Date(startedAt).toISOString(),
    finishedAt: new Date(finishedAt).toISOString(),
    durationMs: finishedAt - startedAt,
    totals: totals(runs),
    runs,
    // Repetitions of one cell may sit in different shards: the cells are counted again over every run.
    ...(required === undefined ? {} : { cells: cellsOf(runs, required), requiredPassRate: required }),
  };
}

/**
 * Each shard may have run setup itself (or found its image): the merge keeps one record, from `setupShard`. Pure.
 */
function setupOf(merge: MergePlan): Pick<Results, 'setup'> {
  const i = setupShard(merge);
  const setup = i === undefined ? undefined : merge.sets[i]?.results.setup;
  // Its paths are the layout's, as a run's are: a shard's (anyone can edit an artifact) could name any folder.
  return setup ? { setup: { ...setup, paths: setupPaths() } } : {};
}

/**
 * The shard whose setup record the merge keeps (its setup/ folder is copied): the first whose setup gave no
 * image (its runs say why), else the first that built it, else the first. Undefined without setup. Pure.
 */
export function setupShard(merge: MergePlan): number | undefined {
  const setups = merge.sets.map((s) => s.results.setup);
  const pick = [
    setups.findIndex((s) => s !== undefined && s.status !== 'passed'),
    setups.findIndex((s) => s !== undefined && !s.cached),
    setups.findIndex((s) => s !== undefined),
  ].find((i) => i >= 0);
  return pick;
}
