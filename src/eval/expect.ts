import { formatDuration } from '../common/duration.js';
import type { EgressEvent } from '../common/event.js';
import { formatDestination } from '../report/egress.js';
import type { DeniedTarget, RunStatus } from './results.js';
import type { EgressExpectation, Expectation } from './spec/types.js';

/** What happened to one run, before it is judged against its expectation. */
export interface RunOutcome {
  /** Null when the command never ran or never reported. */
  readonly exitCode: number | null;
  readonly timedOut: boolean;
  readonly cancelled: boolean;
  /** Infrastructure failure: what broke, in one line. */
  readonly error?: string;
  readonly timeoutMs: number;
  /** The run's gateway decisions. */
  readonly events: readonly EgressEvent[];
}

export interface Verdict {
  readonly status: RunStatus;
  readonly reason: string;
  /** Deny decisions the expectation did not allow for (they count against the run). */
  readonly denials: number;
  /** Deny decisions the expectation allowed for. */
  readonly expectedDenials: number;
  readonly denied: DeniedTarget[];
  /** Denied targets past the first DENIED_LISTED, counted, not listed. */
  readonly deniedOmitted?: number;
}

export interface JudgeOptions {
  /** When false, egress never fails a run (as if every run said `egress: allow-denials`). @default true */
  readonly failOnEgress?: boolean;
}

/** Status precedence: cancelled, error, timeout, egress, failed (exit code), passed. */
export function judge(
  outcome: RunOutcome,
  expect: Pick<Expectation, 'exitCode' | 'egress'>,
  options: JudgeOptions = {},
): Verdict {
  const denies = outcome.events.filter((e) => e.action === 'deny');
  const egress = options.failOnEgress === false ? 'allow-denials' : expect.egress;
  const { unexpected, missing } = checkEgress(denies, egress);
  const base = {
    denials: unexpected.length,
    expectedDenials: denies.length - unexpected.length,
    ...listDenied(denies),
  };
  const verdict = (status: RunStatus, reason: string): Verdict => ({ status, reason, ...base });
  if (outcome.cancelled)
    return verdict('cancelled', outcome.exitCode === null ? 'cancelled before it finished' : 'cancelled');
  if (outcome.error) return verdict('error', outcome.error);
  if (outcome.timedOut) return verdict('timeout', `timed out after ${formatDuration(outcome.timeoutMs)}`);
  if (unexpected.length > 0) return verdict('egress', `egress: ${listTargets(unexpected)}`);
  if (missing.length > 0)
    return verdict('egress', `egress: expected denial of ${missing.join(', ')} did not happen`);
  if (outcome.exitCode !== expect.exitCode) {
    return verdict('failed', `exit code ${outcome.exitCode ?? 'unknown'}, expected ${expect.exitCode}`);
  }
  return verdict('passed', '');
}

/** Denials the expectation does not cover, and expected denials that never happened. */
export function checkEgress(
  denies: readonly EgressEvent[],
  egress: EgressExpectation,
): { unexpected: EgressEvent[]; missing: string[] } {
  if (egress === 'allow-denials') return { unexpected: [], missing: [] };
  if (egress === 'no-denials') return { unexpected: [...denies], missing: [] };
  const unexpected = denies.filter((e) => !egress.denied.some((want) => matchesTarget(e, want)));
  const missing = egress.denied.filter((want) => !denies.some((e) => matchesTarget(e, want)));
  return { unexpected, missing };
}

/** `evil.test`, `evil.test:443`, `*.evil.test` (any depth) or an IP. DNS denials ignore the port. */
export function matchesTarget(event: EgressEvent, want: string): boolean {
  const m = /^(.*?)(?::(\d+))?$/.exec(want.toLowerCase());
  const host = m?.[1] ?? '';
  const port = m?.[2] === undefined ? undefined : Number(m[2]);
  if (port !== undefined && event.layer !== 'dns' && event.port !== port) return false;
  const name = event.host?.toLowerCase().replace(/\.$/, '') ?? null;
  if (host.startsWith('*.')) return name !== null && name.endsWith(host.slice(1));
  return name === host || event.ip === host;
}

function listTargets(events: readonly EgressEvent[]): string {
  const names = [...new Set(events.map(targetName))];
  const shown = names.slice(0, 3).join(', ');
  return names.length > 3 ? `${shown} (+${names.length - 3} more)` : shown;
}

export function targetName(e: EgressEvent): string {
  const where = e.host ?? e.ip ?? '?';
  if (e.layer === 'dns') return `${where} (dns)`;
  if (e.layer === 'udp') return `${where}:${e.port ?? '?'}/udp`;
  if (e.protocol === 'icmp') return `${where} (icmp)`;
  // A request (`layer: http`): `METHOD host/path`, as the reports write it.
  return formatDestination(e);
}

/** Denied targets a run, its verify phase or the setup lists; the rest are counted (`deniedOmitted`). */
export const DENIED_LISTED = 1000;

/**
 * The first DENIED_LISTED targets of `denies`, aggregated, and how many more there were: an agent asking for
 * new DNS names as fast as it may makes ~87,000 targets in 10 minutes, and listed whole a few such runs made
 * results.json longer than one string may be. Every decision stays in the run's events.jsonl.
 */
export function listDenied(denies: readonly EgressEvent[]): {
  denied: DeniedTarget[];
  deniedOmitted?: number;
} {
  const all = aggregate(denies);
  return all.length <= DENIED_LISTED
    ? { denied: all }
    : { denied: all.slice(0, DENIED_LISTED), deniedOmitted: all.length - DENIED_LISTED };
}

/** One entry per (binary, host, ip, port, layer), in first-seen order. */
export function aggregate(denies: readonly EgressEvent[]): DeniedTarget[] {
  const out = new Map<string, DeniedTarget>();
  for (const e of denies) {
    const key = JSON.stringify([e.binary, e.host, e.ip, e.port, e.layer, e.method, e.path]);
    const prev = out.get(key);
    out.set(key, {
      binary: e.binary,
      host: e.host,
      ip: e.ip,
      port: e.port,
      layer: e.layer,
      // A request is named as `METHOD host/path` in reports (JUnit, HTML, summary).
      ...(e.method && e.path !== undefined ? { method: e.method, path: e.path } : {}),
      count: (prev?.count ?? 0) + 1,
    });
  }
  return [...out.values()];
}
