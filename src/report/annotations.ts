import type { Results, RunResult } from '../eval/results.js';
import { aggregateEgress } from './egress.js';

/** One CI annotation (what `core.error/warning/notice` takes), kept free of @actions types. */
export interface Annotation {
  readonly level: 'error' | 'warning' | 'notice';
  readonly title: string;
  readonly message: string;
  readonly file?: string;
  readonly startLine?: number;
}

export interface AnnotationOptions {
  /** The spec's text, to point annotations at the line of the key they concern. */
  readonly specText?: string;
  /** Most egress destinations named one per annotation; the rest are folded into one. @default 5 */
  readonly maxEgress?: number;
}

/** 1-based line of a top-level `key:` in a YAML text, if present. */
export function topLevelKeyLine(text: string, key: string): number | undefined {
  const lines = text.split('\n');
  const index = lines.findIndex((l) => l.startsWith(`${key}:`));
  return index === -1 ? undefined : index + 1;
}

const listRuns = (runs: readonly string[], max = 5): string =>
  runs.slice(0, max).join(', ') + (runs.length > max ? ` and ${runs.length - max} more` : '');

const describe = (run: RunResult): string =>
  `${run.id} (${run.status === 'timeout' ? 'timeout' : run.exitCode === null ? run.reason || run.status : `exit ${run.exitCode}`})`;

/**
 * A handful of aggregated annotations (GitHub shows at most 10 per level per step):
 * one per denied destination up to `maxEgress` plus one for the rest, one for runs that failed
 * on exit code or timeout, one for infrastructure errors, one for weakened enforcement.
 * Egress annotations point at the spec's `policy:` line, failures at its `run:` line.
 */
export function annotations(results: Results, options: AnnotationOptions = {}): Annotation[] {
  const file = results.spec.file;
  const at = (key: string) => {
    const line = options.specText === undefined ? undefined : topLevelKeyLine(options.specText, key);
    return line === undefined ? { file } : { file, startLine: line };
  };
  const out: Annotation[] = [];
  const failing = new Set(results.runs.filter((r) => r.status === 'egress').map((r) => r.id));

  const egress = aggregateEgress(results, []).filter((r) => r.runs.some((id) => failing.has(id)));
  const maxEgress = options.maxEgress ?? 5;
  for (const r of egress.slice(0, maxEgress)) {
    out.push({
      level: 'error',
      title: 'Paddock: unexpected egress',
      message: `${r.binary} -> ${r.destination} denied ${r.count}x in ${listRuns(r.runs)}. Allow it in the policy if it is expected.`,
      ...at('policy'),
    });
  }
  if (egress.length > maxEgress) {
    const rest = egress.slice(maxEgress);
    out.push({
      level: 'error',
      title: 'Paddock: unexpected egress',
      message: `${rest.length} more denied destinations (${rest.reduce((n, r) => n + r.count, 0)} attempts); see the job summary.`,
      ...at('policy'),
    });
  }

  const failed = results.runs.filter((r) => r.status === 'failed' || r.status === 'timeout');
  if (failed.length > 0) {
    out.push({
      level: 'error',
      title: `Paddock: ${failed.length} run${failed.length === 1 ? '' : 's'} failed`,
      message: listRuns(failed.map(describe), 10),
      ...at('run'),
    });
  }
  const errors = results.runs.filter((r) => r.status === 'error');
  if (errors.length > 0) {
    out.push({
      level: 'error',
      title: `Paddock: ${errors.length} run${errors.length === 1 ? '' : 's'} could not run`,
      message: listRuns(
        errors.map((r) => `${r.id}: ${r.reason || 'error'}`),
        5,
      ),
    });
  }
  const cancelled = results.totals.byStatus.cancelled;
  if (cancelled > 0) {
    out.push({
      level: 'warning',
      title: 'Paddock: cancelled',
      message: `${cancelled} run${cancelled === 1 ? ' was' : 's were'} cancelled.`,
    });
  }
  if (results.enforcement === 'proxy-only') {
    out.push({
      level: 'warning',
      title: 'Paddock: proxy-only enforcement',
      message:
        'Only clients that honour HTTP(S)_PROXY went through the gateway; other egress was not fenced or logged.',
      ...at('policy'),
    });
  }
  return out;
}
