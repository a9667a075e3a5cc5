/**
 * The results contract: `results.json` (schema `paddock.results/v7`) and the per-run `run.json`.
 * The eval engine writes these; reports read them. Layout (DESIGN.md "Results"):
 *
 *   results.json  junit.xml  summary.md  egress.jsonl
 *   setup/        setup.json  stdout.log  stderr.log  events.jsonl   (with `setup:`)
 *   runs/<run>/   run.json  stdout.log  stderr.log  events.jsonl  out/…
 */

export const RESULTS_SCHEMA = 'paddock.results/v7';

/**
 * The schemas a reader accepts: v1 lacks `spec.digest`, `shard` and `merge`; v2 lacks `cells`, `verify`, `score`;
 * v3 lacks `setup`; v4 lacks per-run `landlock`; v5 lacks `method` and `path` on request denials (docs/results.md).
 */
export const READABLE_SCHEMAS: readonly string[] = [
  'paddock.results/v1',
  'paddock.results/v2',
  'paddock.results/v3',
  'paddock.results/v4',
  'paddock.results/v5',
  'paddock.results/v6',
  RESULTS_SCHEMA,
];

export type RunStatus = 'passed' | 'failed' | 'egress' | 'timeout' | 'error' | 'cancelled';

/** One denied (or audited) destination, aggregated per run. */
export interface DeniedTarget {
  readonly binary: string | null;
  readonly host: string | null;
  readonly ip: string | null;
  readonly port: number | null;
  readonly layer: string;
  /** A request-level denial (`layer: http`): its method and path (query values redacted). */
  readonly method?: string;
  readonly path?: string;
  readonly count: number;
}

/** An entry copy-out did not copy (its path in the sandbox) and why; one may say the copy stopped there. */
export interface Refusal {
  readonly path: string;
  readonly reason: string;
}

export interface RunResult {
  /** Stable, filesystem-safe id of the matrix combination, e.g. `model-a__prompt-x`; `<cell>#<k>` for a repetition. */
  readonly id: string;
  /** With `repeat:`, the matrix cell this run repeats, and which repetition it is (1-based). */
  readonly cell?: string;
  readonly repetition?: number;
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
  /** The run's denied destinations (expected or not), aggregated: the first 1,000 (DENIED_LISTED). */
  readonly denied: readonly DeniedTarget[];
  /** Denied destinations past those listed in `denied`, counted; absent when every one is listed. */
  readonly deniedOmitted?: number;
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
  /** Files copied back into `paths.out`, relative to it: the first OUTPUTS_LIST_BYTES of their names. */
  readonly outputs?: readonly string[];
  /** Files copied back but not in `outputs` (past its budget of names); absent when none. They are in `paths.out`. */
  readonly outputsOmitted?: number;
  /** Entries copy-out refused (links out, fifos, …) or stopped at (a limit): how many, the first 20; absent when none. */
  readonly outputsRefused?: { readonly count: number; readonly first: readonly Refusal[] };
  /** How the gateway attributed the run's connections: at connect() (`process.identity`) or from /proc. */
  readonly attribution?: 'connect-time' | 'procfs';
  /** Landlock in the run's sandbox: the ABI paddock-init used (0: none), and whether its rules were enforced. */
  readonly landlock?: {
    readonly compatibility: 'best_effort' | 'hard_requirement';
    readonly abi: number;
    readonly enforced: boolean;
    readonly reason?: string;
  };
  /**
   * With `verify:`: the verify phase (its exit code decided the run against `expect.exit-code`; `exitCode` above
   * stays the agent's). Its decisions are its own (`denials` here, not the run's; events in `paths.events`).
   */
  readonly verify?: VerifyResult;
  /** From verify's `score.json`: 0..1, and named metrics. */
  readonly score?: number;
  readonly metrics?: Readonly<Record<string, number | string | boolean>>;
}

export interface VerifyResult {
  /** Null when it did not run or never reported. */
  readonly exitCode: number | null;
  readonly timedOut: boolean;
  readonly durationMs: number;
  /** Deny decisions of the verify phase (its policy's), reported, not judged. */
  readonly denials: number;
  readonly denied: readonly DeniedTarget[];
  /** Denied destinations past those listed in `denied`, counted; absent when every one is listed. */
  readonly deniedOmitted?: number;
  /** Why verify could not run, or its score.json was not valid; absent when it was fine. */
  readonly error?: string;
  readonly paths: {
    readonly dir: string;
    readonly stdout: string;
    readonly stderr: string;
    readonly events: string;
  };
}

/**
 * The setup phase (`setup:`), also written alone as `setup/setup.json`. It ran once before any run, or its image
 * was found (`cached`); every run used `imageId`. When it gave no image, no run started: each is an `error`.
 */
export interface SetupResult {
  /** `passed`: the image is there (built now or found); otherwise why there is none. */
  readonly status: 'passed' | 'failed' | 'timeout' | 'error' | 'cancelled';
  /** The image's tag, `paddock/setup:<first 24 hex digits of key>`. */
  readonly image: string;
  /** The image id every run used; null when the setup gave none. */
  readonly imageId: string | null;
  /** SHA-256 of what the image is built from: base image id, command, files' contents, network policies. */
  readonly key: string;
  /** The image existed already: setup did not run (no logs, no events). */
  readonly cached: boolean;
  /** The setup command's exit code; null when it did not run (cached) or never reported. */
  readonly exitCode: number | null;
  readonly timedOut: boolean;
  /** The setup command's time (the image lookup's alone when cached). */
  readonly durationMs: number;
  /** Deny decisions of the setup phase (its policy's), reported, not judged. */
  readonly denials: number;
  readonly denied: readonly DeniedTarget[];
  /** Denied destinations past those listed in `denied`, counted; absent when every one is listed. */
  readonly deniedOmitted?: number;
  /** Why the setup gave no image, in one line; empty when it gave one. */
  readonly reason: string;
  readonly paths: {
    readonly dir: string;
    readonly stdout: string;
    readonly stderr: string;
    readonly events: string;
    readonly json: string;
  };
}

/** Present when the results hold one shard of the matrix (`eval run --shard K/N`). */
export interface ShardInfo {
  /** 1-based. */
  readonly index: number;
  readonly count: number;
  /** Every run id of the whole matrix, in plan order: merge checks completeness and order against it. */
  readonly plan: readonly string[];
}

/** Present when the results were merged from shards (`report merge`). */
export interface MergeInfo {
  /** How many shards the matrix was split into. */
  readonly count: number;
  /** The shards merged, by index, with the session each ran in. */
  readonly shards: readonly { readonly index: number; readonly session: string }[];
  /** Shards that were not there (merged with `--allow-missing`); reports say so. */
  readonly missingShards: readonly number[];
  /** Runs of the matrix in no merged shard, in plan order. */
  readonly missingRuns: readonly string[];
}

/** One matrix cell of an eval with `repeat:` (or `expect.pass-rate`): its repetitions and their pass rate. */
export interface CellResult {
  readonly id: string;
  readonly matrix: Readonly<Record<string, string>>;
  /** Its runs' ids, in order. */
  readonly runs: readonly string[];
  readonly passed: number;
  readonly total: number;
  /** passed / total, 0..1. */
  readonly passRate: number;
  /** The mean score of its runs that have one; absent when none has. */
  readonly meanScore?: number;
  /**
   * How many runs `meanScore` is over (a run whose verify failed has no score, so a mean over fewer runs than
   * `total` can flatter the cell); present with `meanScore`.
   */
  readonly scored?: number;
  /** `passed` when passRate reaches the required pass rate. */
  readonly status: 'passed' | 'failed';
}

export interface Results {
  readonly schema: typeof RESULTS_SCHEMA;
  /** The eval's session; for merged results, the shards' sessions joined with `,`. */
  readonly session: string;
  /** `digest`: SHA-256 of the spec's text (null when unknown), so shards of different specs are told apart. */
  readonly spec: { readonly file: string; readonly name: string; readonly digest: string | null };
  readonly shard?: ShardInfo;
  readonly merge?: MergeInfo;
  /** The image asked for (`image:`); with `setup:` the runs used `setup.imageId`, built from it. */
  readonly image: { readonly ref: string; readonly digest: string | null };
  readonly policy: { readonly source: string };
  /** With `setup:`: the setup phase (one record, also for merged shards). */
  readonly setup?: SetupResult;
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
  /**
   * With `repeat:` above 1 or `expect.pass-rate` below 1: the runs by cell, and the pass rate each cell needs.
   * Then cells, not runs, decide the verdict (a failed repetition in a cell that meets its rate fails nothing).
   */
  readonly cells?: readonly CellResult[];
  readonly requiredPassRate?: number;
}
