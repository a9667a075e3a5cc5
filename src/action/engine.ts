import { errorMessage, PaddockError } from '../common/errors.js';
import type { EgressEvent } from '../common/event.js';
import type { Results } from '../eval/results.js';
import { suggestPolicy } from '../policy/index.js';
import type { Suggestion } from '../report/index.js';
import { prune } from '../sandbox/prune.js';
import type { SessionState } from './state.js';

/** What main hands the eval engine (everything already validated). */
export interface EvalRequest {
  readonly spec: string;
  readonly concurrency: number | undefined;
  readonly resultsDir: string;
  readonly failOnEgress: boolean;
  readonly policy: string | undefined;
  readonly image: string | undefined;
  readonly sessionId: string;
  readonly stateDir: string;
  readonly log: { info(line: string): void; warning(line: string): void };
  readonly signal: AbortSignal;
}

/** The seam between the Action and the core, so the wiring can be tested with fakes. */
export interface ActionEngine {
  runEval(request: EvalRequest): Promise<Results>;
  /** A policy that would allow what the session denied; null when nothing was denied. */
  suggest(results: Results, events: readonly EgressEvent[]): Promise<Suggestion | null>;
  /** Stop the session's gateway and remove all its resources. Bounded by `signal`. */
  close(state: SessionState, signal: AbortSignal): Promise<string>;
}

export const coreEngine: ActionEngine = {
  async runEval() {
    throw new PaddockError('INTERNAL', 'the eval engine is not wired into the Action yet');
  },
  async suggest(_results, events) {
    if (!events.some((e) => e.action === 'deny' || e.action === 'audit')) return null;
    return { yaml: suggestPolicy(events).yaml };
  },
  async close(state, signal) {
    const notes: string[] = [];
    if (state.gatewayPid !== null) {
      try {
        process.kill(state.gatewayPid, 'SIGTERM');
        notes.push(`gateway ${state.gatewayPid} stopped`);
      } catch (error) {
        notes.push(`gateway ${state.gatewayPid}: ${errorMessage(error)}`);
      }
    }
    const removed = await prune({ session: state.sessionId, signal });
    notes.push(
      `removed ${removed.containers} containers, ${removed.networks} networks, ${removed.volumes} volumes`,
    );
    return notes.join('; ');
  },
};
