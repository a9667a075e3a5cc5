/**
 * The results contract: `results.json` (schema `paddock.results/v1`) and the per-run `run.json`.
 * The eval engine writes these; reports read them. Layout (DESIGN.md "Results"):
 *
 *   results.json  junit.xml  summary.md  egress.jsonl
 *   runs/<run>/   run.json  stdout.log  stderr.log  events.jsonl  out/…
 */

export const RESULTS_SCHEMA = 'paddock.results/v1';

export type RunStatus = 'passed' | 'failed' | 'egress' | 'timeout' | 'error' | 'cancelled';

/** One denied (or audited) destination, aggregated per run. */
export interface DeniedTarget {
  readonly binary: string | null;
  readonly host: string | null;
  readonly ip: string | null;
  readonly port: number | null;
  readonly layer: string;
  readonly count: number;
}

export interface RunResult {
  /** Stable, filesystem-safe id of the matrix combination, e.g. `model-a__prompt-x`. */
  readonly id: string;
  /** The combination's values, as given in the spec (glob axes hold the file path relative to the spec). */
  readonly matrix: Readonly<Record<string, string>>;
  readonly sandbox: string;
  readonly status: RunStatus;
  /** The command's exit code; null when it never ran or its status is unknown. */
  readonly exitCode: number | null;
  readonly durationMs: number;
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
  /** Denied egress decisions that counted against the run. */
  readonly denials: number;
  /** Denied decisions the run's expectation allowed for (`egress: allow-denials`, `{ denied: […] }`). */
  readonly expectedDenials?: number;
  /** Every denied destination of the run (expected or not), aggregated. */
  readonly denied: readonly DeniedTarget[];
  /** Why the run did not pass, in one line; empty when it passed. */
  readonly reason: string;
  /** Paths relative to the results directory. */
  readonly paths: {
    readonly dir: string;
    readonly stdout: string;
    readonly stderr: string;
    readonly events: string;
    readonly out: string;
  };
  /** True when stdout or stderr hit the size cap. */
  readonly truncated: boolean;
  /** Files copied back into `paths.out`, relative to it. */
  readonly outputs?: readonly string[];
}

export interface Results {
  readonly schema: typeof RESULTS_SCHEMA;
  readonly session: string;
  readonly spec: { readonly file: string; readonly name: string };
  readonly image: { readonly ref: string; readonly digest: string | null };
  readonly policy: { readonly source: string };
  /** 'enforce' normally; 'proxy-only' when the user chose weaker enforcement (reports say so). */
  readonly enforcement: 'enforce' | 'proxy-only';
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly durationMs: number;
  readonly totals: {
    readonly total: number;
    readonly passed: number;
    /** Runs that did not meet their expectation (every status but passed, cancelled included). */
    readonly failed: number;
    /** Denied egress decisions across all runs (expected or not). */
    readonly denied: number;
    readonly byStatus: Readonly<Record<RunStatus, number>>;
  };
  readonly runs: readonly RunResult[];
}
