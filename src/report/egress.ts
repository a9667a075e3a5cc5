import type { EgressEvent } from '../common/event.js';
import type { DeniedTarget, Results } from '../eval/results.js';

/** One row of the egress table: a (binary, destination) pair with how often and in which runs. */
export interface EgressRow {
  readonly action: 'deny' | 'audit';
  readonly binary: string;
  /** `host:port`, `host` (DNS), the IP when no name is known, or `METHOD host/path` for a request. */
  readonly destination: string;
  readonly count: number;
  /** Run ids, sorted; `(setup)` for the setup phase's, `-` for decisions no run could be attributed to. */
  readonly runs: readonly string[];
}

type Target = Pick<DeniedTarget, 'binary' | 'host' | 'ip' | 'port'> &
  Partial<Pick<EgressEvent, 'method' | 'path'>>;

/**
 * `evil.test:443`, `evil.test` (a DNS denial has no port), `198.51.100.7:80`; a request-level decision is
 * `POST github.com/o/r.git/git-receive-pack` (the port shown when it is not 443 or 80).
 */
export function formatDestination(t: Target): string {
  const where = t.host ?? t.ip ?? '?';
  if (t.method && t.path !== undefined) {
    const port =
      t.port === null || t.port === undefined || t.port === 443 || t.port === 80 ? '' : `:${t.port}`;
    return `${t.method} ${where}${port}${t.path}`;
  }
  return t.port === null || t.port === undefined ? where : `${where}:${t.port}`;
}

/** `/usr/bin/curl -> evil.test:443`: the line users grep for. */
export function formatTarget(t: Target): string {
  return `${t.binary ?? 'unknown'} -> ${formatDestination(t)}`;
}

/**
 * Aggregate denied and audited decisions by (action, binary, destination).
 * Events are the ground truth; when there are none (a results.json read alone) the runs' denied lists stand in.
 * Rows are ordered: denials first, then by count (descending), then by text.
 */
export function aggregateEgress(results: Results, events: readonly EgressEvent[]): EgressRow[] {
  const rows = new Map<
    string,
    { action: 'deny' | 'audit'; binary: string; destination: string; count: number; runs: Set<string> }
  >();
  const add = (action: 'deny' | 'audit', t: Target, run: string | null, count: number): void => {
    const binary = t.binary ?? 'unknown';
    const destination = formatDestination(t);
    const key = `${action}\0${binary}\0${destination}`;
    const row = rows.get(key) ?? { action, binary, destination, count: 0, runs: new Set<string>() };
    row.count += count;
    row.runs.add(run ?? '-');
    rows.set(key, row);
  };
  const flagged = events.filter((e) => e.action === 'deny' || e.action === 'audit');
  if (flagged.length > 0) {
    // The setup phase serves no run: its decisions are listed as `(setup)`.
    for (const e of flagged) add(e.action as 'deny' | 'audit', e, e.phase === 'setup' ? '(setup)' : e.run, 1);
  } else {
    for (const run of results.runs) for (const t of run.denied) add('deny', t, run.id, t.count);
  }
  return [...rows.values()]
    .map((r) => ({ ...r, runs: [...r.runs].sort() }))
    .sort(
      (a, b) =>
        (a.action === b.action ? 0 : a.action === 'deny' ? -1 : 1) ||
        b.count - a.count ||
        a.binary.localeCompare(b.binary) ||
        a.destination.localeCompare(b.destination),
    );
}
