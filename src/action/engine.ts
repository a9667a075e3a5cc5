import * as core from '@actions/core';
import { PaddockError } from '../common/errors.js';
import type { EgressEvent } from '../common/event.js';
import type { Results } from '../eval/results.js';
import { runEval } from '../eval/run-eval.js';
import type { Shard } from '../eval/shard.js';
import { type Suggestion, suggestionFor } from '../report/index.js';
import type { CredentialSpec } from '../session/credentials.js';
import { closeSession, describeClose } from '../session/index.js';
import type { SessionState } from './state.js';

/** What main hands the eval engine (everything already validated). */
export interface EvalRequest {
  readonly spec: string;
  readonly concurrency: number | undefined;
  readonly resultsDir: string;
  readonly failOnEgress: boolean;
  readonly policy: string | undefined;
  readonly image: string | undefined;
  /** Run only this shard of the matrix. */
  readonly shard: Shard | undefined;
  /** Besides the spec's `credentials`. */
  readonly credentials: readonly CredentialSpec[];
  readonly sessionId: string;
  /** The session's state folder (gateway pid, socket, events); post reads it to stop the gateway. */
  readonly stateDir: string;
  readonly log: { info(line: string): void; warning(line: string): void };
  readonly signal: AbortSignal;
}

/** The seam between the Action and the core, so the wiring can be tested with fakes. */
export interface ActionEngine {
  runEval(request: EvalRequest): Promise<Results>;
  /** A policy that would allow what the session denied; null when nothing was denied. */
  suggest(results: Results, events: readonly EgressEvent[]): Promise<Suggestion | null>;
  /**
   * Stop the session's gateway and remove all its resources. Bounded by `signal`. Resolves with what was done;
   * rejects (post warns) when something could not be cleaned up.
   */
  close(state: SessionState, signal: AbortSignal): Promise<string>;
}

export const coreEngine: ActionEngine = {
  runEval: (r) =>
    runEval({
      spec: r.spec,
      ...(r.concurrency === undefined ? {} : { concurrency: r.concurrency }),
      resultsDir: r.resultsDir,
      failOnEgress: r.failOnEgress,
      ...(r.policy === undefined ? {} : { policy: r.policy }),
      ...(r.image === undefined ? {} : { image: r.image }),
      ...(r.shard === undefined ? {} : { shard: r.shard }),
      credentials: r.credentials,
      onSecret: (value) => core.setSecret(value),
      sessionId: r.sessionId,
      stateDir: r.stateDir,
      log: { info: r.log.info, warning: (line) => r.log.warning(line) },
      signal: r.signal,
    }),
  suggest: (results, events) => suggestionFor(results, events),
  async close(state, signal) {
    const report = await closeSession({ id: state.sessionId, stateDir: state.stateDir }, { signal });
    if (report.problems.length > 0) {
      const code = report.gateway === 'running' ? 'GATEWAY_FAILED' : 'ENGINE_UNAVAILABLE';
      throw new PaddockError(code, describeClose(report));
    }
    return describeClose(report);
  },
};
