import type { CredentialSpec } from '../../session/credentials.js';

/** A parsed eval spec (`paddock.yml`, DESIGN.md "Eval spec"). Paths stay relative to `dir`. */
export interface EvalSpec {
  /** The spec file as given. */
  readonly file: string;
  /** Its folder: globs, `files`, a policy path resolve against it. */
  readonly dir: string;
  /** From `name:`, else the spec folder's name. */
  readonly name: string;
  /** Image reference; undefined means the default base image. */
  readonly image?: string;
  readonly policy: PolicyRef;
  readonly matrix: MatrixSpec;
  /** `sh -c` command, run in /sandbox; a list is the exec form (program and arguments, no shell). */
  readonly run: string | readonly string[];
  /** Globs (relative to `dir`) copied into /sandbox before the run; each must match a file (plan checks). */
  readonly files: readonly SpecPattern[];
  /** Globs (relative to /sandbox) copied back into runs/<run>/out. */
  readonly outputs: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  /** Secrets from the runner's environment, given to the gateway; runs see placeholders. @default [] */
  readonly credentials: readonly CredentialSpec[];
  /** @default 600000 (10m) */
  readonly timeoutMs: number;
  /** Parallel runs; undefined means the engine's default. */
  readonly concurrency?: number;
  readonly expect: Expectation;
  readonly gateway: {
    readonly hosts: Readonly<Record<string, string>>;
    readonly upstreamDns?: string;
    /** CA files (absolute; written relative to the spec) upstream TLS servers may chain to. @default [] */
    readonly upstreamCa?: readonly string[];
    /** `proxy-only`: the user's opt-in to weaker enforcement (no fence, no binary checks). @default 'enforce' */
    readonly enforcement?: 'enforce' | 'proxy-only';
  };
  /** Guard against matrix explosion (counts every repetition). @default 256 */
  readonly maxRuns: number;
  /** Runs of every matrix cell. @default 1 */
  readonly repeat: number;
  /** Grades each run after its command, in the same sandbox, under its own network policy. */
  readonly verify?: VerifySpec;
  /** Runs once before any run, as root; its result becomes the image every run uses. */
  readonly setup?: SetupSpec;
  /** The 1-based line of each top-level key as written, so later errors (image, policy file) can point there. */
  readonly lines: Readonly<Record<string, number>>;
}

/** A phase besides the run (`verify:`, `setup:`): a command, its network policy, timeout and files. */
export interface PhaseSpec {
  /** `sh -c` command, run in /sandbox. */
  readonly run: string;
  /** Network policy of the phase. @default shipped `strict` (verify), `setup` (setup) */
  readonly policy: PolicyRef;
  /** @default 10m */
  readonly timeoutMs: number;
  /** Globs (relative to the spec folder) copied into /sandbox just before the phase's command. */
  readonly files: readonly SpecPattern[];
}

/** `verify:`: a command run after the agent's, as a process the agent did not start; it may write `score.json`. */
export type VerifySpec = PhaseSpec;

/** `setup:`: a command run once per image as root (no capabilities, writable root); its result is committed. */
export type SetupSpec = PhaseSpec;

/** `policy:` as written: a path or shipped name, or an inline mapping (parsed against the spec file). */
export type PolicyRef =
  | { readonly kind: 'ref'; readonly ref: string; readonly line?: number }
  | {
      readonly kind: 'inline';
      readonly line?: number /** Where in the spec. @default ['policy'] */;
      readonly at?: readonly string[];
    };

export type EgressExpectation = 'no-denials' | 'allow-denials' | { readonly denied: readonly string[] };

export interface Expectation {
  /** @default 0 */
  readonly exitCode: number;
  /** @default 'no-denials' */
  readonly egress: EgressExpectation;
  /** Share of a cell's repetitions that must pass for the cell to pass (0..1). @default 1 */
  readonly passRate: number;
}

/** A `files:` pattern as written, with where it was written. */
export interface SpecPattern {
  readonly value: string;
  readonly line?: number;
  readonly field: string;
}

/** One matrix value as written, with where it was written. */
export interface AxisValue {
  readonly value: string;
  /** True when the value is a glob that expands to files. */
  readonly glob: boolean;
  readonly line?: number;
  readonly field: string;
}

export interface MatrixSpec {
  /** Axes in the order the spec lists them. */
  readonly axes: readonly { readonly key: string; readonly values: readonly AxisValue[] }[];
  readonly include: readonly Combination[];
  readonly exclude: readonly Combination[];
}

export interface Combination {
  readonly values: Readonly<Record<string, string>>;
  readonly line?: number;
  readonly field: string;
}

export const DEFAULT_TIMEOUT_MS = 10 * 60_000;
export const DEFAULT_MAX_RUNS = 256;
/** Most repetitions of one cell (`repeat:`). */
export const MAX_REPEAT = 100;
export const DEFAULT_POLICY = 'default';
/** The verify phase's policy unless the spec names one. */
export const DEFAULT_VERIFY_POLICY = 'strict';
/** The setup phase's policy unless the spec names one. */
export const DEFAULT_SETUP_POLICY = 'setup';
