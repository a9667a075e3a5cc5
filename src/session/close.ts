import { rm } from 'node:fs/promises';
import { errorMessage } from '../common/errors.js';
import { plural } from '../common/plural.js';
import { stopGateway } from '../gateway/index.js';
import { type PruneResult, prune } from '../sandbox/index.js';
import { clearAllReady } from './ready.js';

/** A session as teardown finds it: its id (on every resource's label) and its state folder. */
export interface SessionRef {
  readonly id: string;
  readonly stateDir: string;
}

export interface CloseOptions {
  /**
   * Remove the state folder (gateway log, socket, events, CLI records) once the gateway is known to be stopped.
   * It is never removed while the gateway may still run: it is how that gateway is found again. @default false
   */
  readonly removeState?: boolean;
  /** Bounds the prune. */
  readonly signal?: AbortSignal;
}

/** What teardown did; `problems` is empty only when everything it tried succeeded. */
export interface CloseReport {
  /**
   * `stopped`: it ran and now does not; `none`: none ran (or it was not this caller's to stop); `running`: it
   * could not be stopped; `left`: kept running on purpose (a shared session still has other sandboxes).
   */
  readonly gateway: 'stopped' | 'none' | 'running' | 'left';
  /** What was removed; null when the prune failed. */
  readonly removed: PruneResult | null;
  readonly stateRemoved: boolean;
  readonly problems: readonly string[];
}

/**
 * The one teardown of a whole session (eval end, Action post, `sandbox prune`, `run --audit`): stop its gateway,
 * remove every container, volume and network labelled with its id, then (when asked, and only once the gateway
 * is stopped) its state folder. Never throws; the report says what did not happen.
 */
export async function closeSession(session: SessionRef, options: CloseOptions = {}): Promise<CloseReport> {
  const problems: string[] = [];
  const gateway = await stopGateway(session.stateDir).then(
    (was): CloseReport['gateway'] => (was ? 'stopped' : 'none'),
    (error: unknown): CloseReport['gateway'] => {
      problems.push(`gateway: ${errorMessage(error)}`);
      return 'running';
    },
  );
  const removed = await prune({
    session: session.id,
    ...(options.signal ? { signal: options.signal } : {}),
  }).catch((error: unknown) => {
    problems.push(`prune: ${errorMessage(error)}`);
    return null;
  });
  // With every container gone, no readiness marker can be true any more.
  if (removed) await clearAllReady(session.stateDir).catch((e: unknown) => problems.push(errorMessage(e)));
  let stateRemoved = false;
  if (options.removeState && gateway !== 'running') {
    stateRemoved = await rm(session.stateDir, { recursive: true, force: true }).then(
      () => true,
      (error: unknown) => {
        problems.push(`state folder ${session.stateDir}: ${errorMessage(error)}`);
        return false;
      },
    );
  }
  return { gateway, removed, stateRemoved, problems };
}

/** One line for a log: what was stopped and removed, and what was not. Pure. */
export function describeClose(report: CloseReport): string {
  const parts: string[] = [];
  if (report.gateway === 'stopped') parts.push('gateway stopped');
  if (report.gateway === 'left') parts.push('gateway left running for the rest of the session');
  if (report.removed) {
    const r = report.removed;
    parts.push(
      `removed ${plural(r.containers, 'container')}, ${plural(r.networks, 'network')}, ${plural(r.volumes, 'volume')}`,
    );
  }
  if (report.problems.length > 0) parts.push(`NOT cleaned up: ${report.problems.join('; ')}`);
  return parts.join('; ');
}
