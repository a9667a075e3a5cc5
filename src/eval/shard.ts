import { createHash } from 'node:crypto';
import { PaddockError } from '../common/errors.js';

/** One part of a matrix split over CI jobs: shard `index` of `count`, both 1-based (`2/4`). */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** Largest `N` in `K/N`: GitHub allows 256 jobs per matrix. */
export const MAX_SHARDS = 256;

/** `K/N` → a shard, with 1 ≤ K ≤ N ≤ MAX_SHARDS. The one grammar for `--shard` and the Action's `shard:`. */
export function parseShard(value: string): Shard {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(value);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || count > MAX_SHARDS || index < 1 || index > count) {
    throw new PaddockError(
      'INPUT_INVALID',
      `Expected a shard as K/N with 1 ≤ K ≤ N ≤ ${MAX_SHARDS} (e.g. 2/4), got ${JSON.stringify(value)}`,
    );
  }
  return { index, count };
}

export const formatShard = (shard: Shard): string => `${shard.index}/${shard.count}`;

const rank = (id: string): string => createHash('sha256').update(id).digest('hex');

/**
 * Which shard (1-based) each run id belongs to. Ids are ordered by their SHA-256 (ties by id) and dealt out
 * round-robin, so shards differ in size by at most one, the assignment depends only on the set of ids (not on
 * the order of the spec), and neighbouring cells (the same model, the same prompt) spread over shards.
 */
export function assignShards(ids: readonly string[], count: number): Map<string, number> {
  const ordered = [...new Set(ids)]
    .map((id) => ({ id, rank: rank(id) }))
    .sort((a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return new Map(ordered.map((r, i) => [r.id, (i % count) + 1]));
}

/** The runs of one shard, in their original (plan) order. */
export function selectShard<T extends { readonly id: string }>(runs: readonly T[], shard: Shard): T[] {
  const assigned = assignShards(
    runs.map((r) => r.id),
    shard.count,
  );
  return runs.filter((r) => assigned.get(r.id) === shard.index);
}
