import { PaddockError, type Problem } from '../../common/errors.js';
import { READABLE_SCHEMAS, type Refusal, type Results, type RunResult } from '../../eval/results.js';
import { assignShards } from '../../eval/shard.js';

/** One results directory offered to a merge. */
export interface ShardSet {
  readonly dir: string;
  readonly results: Results;
}

export interface MergeCheckOptions {
  /** Merge even when shards (or runs of present shards) are missing; the reports say so. @default false */
  readonly allowMissing?: boolean;
}

/** What the checks found: the whole plan, the shard count, and what is missing (empty unless allowed). */
export interface MergePlan {
  readonly count: number;
  /** Every run id of the matrix, in plan order. */
  readonly plan: readonly string[];
  /** The sets ordered by shard index. */
  readonly sets: readonly ShardSet[];
  readonly missingShards: readonly number[];
  readonly missingRuns: readonly string[];
}

/** A run id that is safe as one path segment under `runs/` (ids come from artifacts, which anyone can edit). */
export function isSafeRunId(id: unknown): id is string {
  return (
    typeof id === 'string' &&
    id !== '' &&
    id !== '.' &&
    id !== '..' &&
    id.length <= 200 &&
    !/[/\\\0]/.test(id)
  );
}

const STATUSES: readonly unknown[] = ['passed', 'failed', 'egress', 'timeout', 'error', 'cancelled'];
const count = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;
const exit = (v: unknown): boolean => v === null || Number.isSafeInteger(v);
const finite = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v);
const text = (v: unknown): boolean => typeof v === 'string';
const textOrNull = (v: unknown): boolean => v === null || typeof v === 'string';
const optional = (v: unknown, ok: (v: unknown) => boolean): boolean => v === undefined || ok(v);
const record = (v: unknown, ok: (v: unknown) => boolean): boolean =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every(ok);
const scalar = (v: unknown): boolean => ['string', 'number', 'boolean'].includes(typeof v);
const refusal = (v: unknown): boolean => {
  const r = v as Partial<Refusal> | null;
  return typeof r === 'object' && r !== null && text(r.path) && text(r.reason);
};
const refusals = (v: unknown): boolean => {
  const r = v as { count?: unknown; first?: unknown } | null;
  return (
    typeof r === 'object' && r !== null && count(r.count) && Array.isArray(r.first) && r.first.every(refusal)
  );
};

/**
 * The first field of a run that is not what Paddock writes, among those the reports use: they print numbers
 * and the status as they are (never escaped) and call string methods on text. Undefined when all are. Pure.
 */
export function badRunField(run: Partial<RunResult>): string | undefined {
  const v = run.verify as Partial<RunResult['verify']> | undefined;
  const checks: [string, boolean][] = [
    ['status', STATUSES.includes(run.status)],
    ['exitCode', exit(run.exitCode)],
    ['durationMs', finite(run.durationMs)],
    ['denials', count(run.denials)],
    ['expectedDenials', optional(run.expectedDenials, count)],
    ['score', optional(run.score, (s) => finite(s) && (s as number) >= 0 && (s as number) <= 1)],
    ['metrics', optional(run.metrics, (m) => record(m, scalar))],
    ['repetition', optional(run.repetition, count)],
    ['cell', optional(run.cell, text)],
    ['matrix', record(run.matrix, text)],
    ['sandbox', text(run.sandbox)],
    ['reason', text(run.reason)],
    ['startedAt', textOrNull(run.startedAt)],
    ['finishedAt', textOrNull(run.finishedAt)],
    ['outputs', optional(run.outputs, (o) => Array.isArray(o) && o.every(text))],
    ['outputsOmitted', optional(run.outputsOmitted, count)],
    ['deniedOmitted', optional(run.deniedOmitted, count)],
    ['outputsRefused', optional(run.outputsRefused, refusals)],
    ['denied', Array.isArray(run.denied)],
    ...(Array.isArray(run.denied) ? run.denied : []).flatMap((t, i): [string, boolean][] => [
      [`denied[${i}]`, typeof t === 'object' && t !== null],
      [`denied[${i}].count`, count(t?.count)],
      [`denied[${i}].binary`, textOrNull(t?.binary)],
      [`denied[${i}].host`, textOrNull(t?.host)],
      [`denied[${i}].ip`, textOrNull(t?.ip)],
      [`denied[${i}].port`, t?.port === null || count(t?.port)],
      [`denied[${i}].layer`, text(t?.layer)],
      [`denied[${i}].method`, optional(t?.method, text)],
      [`denied[${i}].path`, optional(t?.path, text)],
    ]),
    ['verify', optional(v, (x) => typeof x === 'object' && x !== null)],
    ['verify.exitCode', v === undefined || exit(v?.exitCode)],
    ['verify.durationMs', v === undefined || finite(v?.durationMs)],
    ['verify.denials', v === undefined || count(v?.denials)],
    ['verify.error', v === undefined || optional(v?.error, text)],
  ];
  return checks.find(([, ok]) => !ok)?.[0];
}

const shardOf = (set: ShardSet) =>
  set.results.shard ?? { index: 1, count: 1, plan: set.results.runs.map((r) => r.id) };
const where = (set: ShardSet): string => `${set.dir}/results.json`;
const list = (items: readonly (string | number)[], max = 8): string =>
  items.slice(0, max).join(', ') + (items.length > max ? ` and ${items.length - max} more` : '');

function refuse(message: string, problems: Problem[]): never {
  throw new PaddockError('INPUT_INVALID', message, { problems });
}

/**
 * Check that the sets are the shards of one eval and may be merged: same spec (file, digest, image, policy,
 * matrix), no shard or run twice, every run where the shard assignment puts it, and nothing missing unless
 * `allowMissing`. Pure; throws INPUT_INVALID naming every offending directory.
 */
export function checkShards(sets: readonly ShardSet[], options: MergeCheckOptions = {}): MergePlan {
  if (sets.length === 0) refuse('nothing to merge: no results directories were given', []);
  for (const set of sets) {
    const r = set.results as Partial<Results> | null;
    if (!r || typeof r !== 'object' || !READABLE_SCHEMAS.includes(String(r.schema)) || !Array.isArray(r.runs))
      refuse(`${where(set)} is not a Paddock results file`, [
        { file: where(set), field: 'schema', message: `expected one of ${READABLE_SCHEMAS.join(', ')}` },
      ]);
    if (r.merge) refuse(`${where(set)} is already a merge of shards; merge the shards themselves`, []);
    const s = r.shard as Partial<NonNullable<Results['shard']>> | undefined;
    if (s !== undefined) {
      // The summary prints index and count as they are.
      if (!(count(s.count) && count(s.index) && s.index >= 1 && s.index <= s.count))
        refuse(`${where(set)} has a shard record that is not what Paddock writes`, []);
      if (!(Array.isArray(s.plan) && s.plan.every(isSafeRunId)))
        refuse(`${where(set)} has a shard plan that is not a list of run ids`, []);
    }
    for (const run of r.runs) {
      if (!isSafeRunId(run?.id))
        refuse(`${where(set)} holds a run id that is not a plain name: ${JSON.stringify(run?.id)}`, []);
      const field = badRunField(run);
      if (field)
        refuse(`${where(set)} holds a run whose ${field} is not what Paddock writes (run ${run.id})`, []);
    }
  }

  const first = sets[0] as ShardSet;
  const ref = shardOf(first);
  const same = (set: ShardSet): string | null => {
    const a = first.results;
    const b = set.results;
    const s = shardOf(set);
    if (a.spec.file !== b.spec.file) return `spec ${b.spec.file} instead of ${a.spec.file}`;
    if ((a.spec.digest ?? null) !== (b.spec.digest ?? null)) return `a different text of ${a.spec.file}`;
    if (a.image.ref !== b.image.ref) return `image ${b.image.ref} instead of ${a.image.ref}`;
    if (a.policy.source !== b.policy.source) return `policy ${b.policy.source} instead of ${a.policy.source}`;
    if (s.count !== ref.count) return `${s.count} shards instead of ${ref.count}`;
    if (s.plan.length !== ref.plan.length || s.plan.some((id, i) => id !== ref.plan[i]))
      return 'a different matrix (other runs, filters or order)';
    return null;
  };
  const differ = sets
    .map((set) => ({ set, why: same(set) }))
    .filter((d): d is { set: ShardSet; why: string } => d.why !== null);
  if (differ.length > 0)
    refuse(
      `cannot merge shards of different evals: ${first.dir} differs from ${list(differ.map((d) => d.set.dir))}`,
      differ.map((d) => ({ file: where(d.set), message: `ran ${d.why}` })),
    );

  const byIndex = new Map<number, ShardSet>();
  const overlaps: Problem[] = [];
  for (const set of sets) {
    const { index } = shardOf(set);
    const other = byIndex.get(index);
    if (other)
      overlaps.push({
        file: where(set),
        message: `shard ${index}/${ref.count} again (also in ${other.dir})`,
      });
    else byIndex.set(index, set);
  }
  const assigned = assignShards(ref.plan, ref.count);
  const owner = new Map<string, ShardSet>();
  for (const set of sets) {
    const { index } = shardOf(set);
    for (const run of set.results.runs) {
      const seen = owner.get(run.id);
      if (seen && seen !== set)
        overlaps.push({ file: where(set), message: `run ${run.id} also in ${seen.dir}` });
      owner.set(run.id, set);
      const belongs = assigned.get(run.id);
      if (belongs === undefined)
        overlaps.push({ file: where(set), message: `run ${run.id} is not in the matrix` });
      else if (belongs !== index)
        overlaps.push({
          file: where(set),
          message: `run ${run.id} belongs to shard ${belongs}/${ref.count}, not ${index}/${ref.count}`,
        });
    }
  }
  if (overlaps.length > 0)
    refuse(
      `cannot merge overlapping shards (${overlaps.length} problem${overlaps.length === 1 ? '' : 's'})`,
      overlaps,
    );

  const missingShards = Array.from({ length: ref.count }, (_, i) => i + 1).filter((i) => !byIndex.has(i));
  const missingRuns = ref.plan.filter((id) => !owner.has(id));
  if ((missingShards.length > 0 || missingRuns.length > 0) && !options.allowMissing) {
    const what =
      missingShards.length > 0
        ? `shard${missingShards.length === 1 ? '' : 's'} ${list(missingShards.map((i) => `${i}/${ref.count}`))} missing`
        : 'runs missing from their shards';
    refuse(
      `cannot merge: ${what} (${missingRuns.length} of ${ref.plan.length} runs: ${list(missingRuns)}); ` +
        'pass --allow-missing (Action: allow-missing-shards: true) to merge what is there',
      [],
    );
  }
  return {
    count: ref.count,
    plan: ref.plan,
    sets: [...byIndex.keys()].sort((a, b) => a - b).map((i) => byIndex.get(i) as ShardSet),
    missingShards,
    missingRuns,
  };
}
