/** The eval engine: spec → plan → sandboxes → events → results. */

export { formatDuration } from '../common/duration.js';
export type { Drivers, EvalSession, RunSandbox, SessionOptions } from './drivers.js';
export { judge, type RunOutcome, type Verdict } from './expect.js';
export { plan, type RunPlan } from './plan.js';
export { type EvalLog, runLine, silentLog, summaryLine } from './progress.js';
export * from './results.js';
export { checkCount, defaultConcurrency, type EvalOptions, runEval } from './run-eval.js';
export { type Selection, type SelectOptions, selectRuns } from './select.js';
export { assignShards, formatShard, MAX_SHARDS, parseShard, type Shard, selectShard } from './shard.js';
export { listFiles, loadSpec } from './spec/load.js';
export { parseSpec } from './spec/parse.js';
export type { EvalSpec } from './spec/types.js';
