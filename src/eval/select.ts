import { plan, type RunPlan } from './plan.js';
import { type Shard, selectShard } from './shard.js';
import { listFiles, loadSpec } from './spec/load.js';
import type { EvalSpec } from './spec/types.js';

export interface SelectOptions {
  /** Path of `paddock.yml`. */
  readonly spec: string;
  /** `KEY=VALUE` matrix filters. @default [] */
  readonly filters?: readonly string[];
  /** Overrides the spec's `max-runs`. */
  readonly maxRuns?: number;
  /** Keep only this shard of the (filtered) matrix. */
  readonly shard?: Shard;
  /** The eval's results folder: when it is inside the spec folder, its files are not the spec's. */
  readonly resultsDir?: string;
}

export interface Selection {
  readonly spec: EvalSpec;
  readonly text: string;
  /** Every file under the spec folder (what globs expanded against). */
  readonly files: readonly string[];
  /** The whole (filtered) matrix, in plan order. */
  readonly planned: readonly RunPlan[];
  /** What this eval runs: `planned`, or its shard. */
  readonly runs: readonly RunPlan[];
}

/** Spec file → the runs an eval would make: what `eval run` runs and `eval plan` lists. */
export async function selectRuns(options: SelectOptions): Promise<Selection> {
  const { spec, text } = await loadSpec(options.spec);
  const files = await listFiles(spec.dir, options.resultsDir ? { skip: [options.resultsDir] } : {});
  const planned = plan(spec, {
    files,
    ...(options.maxRuns ? { maxRuns: options.maxRuns } : {}),
    filters: options.filters ?? [],
  });
  const runs = options.shard ? selectShard(planned, options.shard) : planned;
  return { spec, text, files, planned, runs };
}
