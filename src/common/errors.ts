/** Stable error codes. Code matches on these, never on message text. */
export type ErrorCode =
  | 'USAGE'
  | 'POLICY_INVALID'
  | 'SPEC_INVALID'
  | 'INPUT_INVALID'
  | 'ENGINE_UNAVAILABLE'
  | 'IMAGE_UNAVAILABLE'
  | 'SANDBOX_NOT_FOUND'
  | 'SANDBOX_FAILED'
  /** The sandbox exists but its fence is not in place yet: no user code may run in it. */
  | 'SANDBOX_NOT_READY'
  | 'SANDBOX_EXISTS'
  | 'COPY_REJECTED'
  | 'FENCE_FAILED'
  /** `landlock.compatibility: hard_requirement`, and the kernel (or the engine's seccomp) gives no Landlock. */
  | 'LANDLOCK_UNAVAILABLE'
  | 'GATEWAY_UNAVAILABLE'
  | 'GATEWAY_FAILED'
  /** The decision log could not be written or read whole: the run's evidence is incomplete. */
  | 'EVIDENCE_INCOMPLETE'
  | 'PRIVILEGE_REQUIRED'
  | 'TIMEOUT'
  | 'CANCELLED'
  | 'INTERNAL';

/** A source position inside a user file (1-based line and column). */
export interface SourcePos {
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
  /** Dotted field path, e.g. `network_policies.github.endpoints[2].host`. */
  readonly field?: string;
}

/** One problem found in a user file. */
export interface Problem extends SourcePos {
  readonly message: string;
}

export class PaddockError extends Error {
  override readonly name = 'PaddockError';
  readonly code: ErrorCode;
  /** Every problem found, for input errors that collect more than one. */
  readonly problems: readonly Problem[];

  constructor(code: ErrorCode, message: string, options: { cause?: unknown; problems?: Problem[] } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.problems = options.problems ?? [];
  }
}

export function isPaddockError(error: unknown, code?: ErrorCode): error is PaddockError {
  return error instanceof PaddockError && (code === undefined || error.code === code);
}

/** `file:line:column: field: message` — the form editors and CI annotations understand. */
export function formatProblem(p: Problem): string {
  const where = [p.file, p.line, p.line !== undefined ? p.column : undefined].filter((x) => x !== undefined);
  const field = p.field ? `${p.field}: ` : '';
  return `${where.join(':')}: ${field}${p.message}`;
}

/** Exit statuses the CLI and the Action use. 1 is reserved for "the eval ran and something failed". */
export const EXIT = {
  ok: 0,
  failed: 1,
  /** Unknown command or option, a bad flag value, a missing command or argument. */
  usage: 2,
  invalidInput: 3,
  engine: 4,
  gateway: 5,
  internal: 70,
  /** `--timeout` fired, as timeout(1). */
  timeout: 124,
  /** Interrupted by SIGINT (128 + 2); results so far were written. */
  interrupted: 130,
  /** Terminated by SIGTERM (128 + 15); results so far were written. */
  terminated: 143,
} as const;

/** The one table from error codes to exit statuses. Every code has a row (the type makes sure). */
export const EXIT_FOR_CODE: Readonly<Record<ErrorCode, number>> = {
  USAGE: EXIT.usage,
  POLICY_INVALID: EXIT.invalidInput,
  SPEC_INVALID: EXIT.invalidInput,
  INPUT_INVALID: EXIT.invalidInput,
  SANDBOX_NOT_FOUND: EXIT.invalidInput,
  SANDBOX_EXISTS: EXIT.invalidInput,
  COPY_REJECTED: EXIT.invalidInput,
  ENGINE_UNAVAILABLE: EXIT.engine,
  IMAGE_UNAVAILABLE: EXIT.engine,
  SANDBOX_FAILED: EXIT.engine,
  LANDLOCK_UNAVAILABLE: EXIT.engine,
  FENCE_FAILED: EXIT.gateway,
  SANDBOX_NOT_READY: EXIT.gateway,
  GATEWAY_UNAVAILABLE: EXIT.gateway,
  GATEWAY_FAILED: EXIT.gateway,
  EVIDENCE_INCOMPLETE: EXIT.gateway,
  PRIVILEGE_REQUIRED: EXIT.gateway,
  TIMEOUT: EXIT.timeout,
  CANCELLED: EXIT.interrupted,
  INTERNAL: EXIT.internal,
};

/** Exit statuses for the signals paddock stops on (128 + the signal's number). */
export const EXIT_FOR_SIGNAL = { SIGINT: EXIT.interrupted, SIGTERM: EXIT.terminated, SIGHUP: 129 } as const;
export type StopSignal = keyof typeof EXIT_FOR_SIGNAL;
export const STOP_SIGNALS = Object.keys(EXIT_FOR_SIGNAL) as StopSignal[];

/** The exit status for stopping on `signal`; SIGINT's when it is unknown. */
export function exitForSignal(signal: string | undefined): number {
  return EXIT_FOR_SIGNAL[signal as StopSignal] ?? EXIT.interrupted;
}

/** The exit status for an error: its code's row, or 70 for anything that is not a PaddockError (a bug). */
export function exitCodeFor(error: unknown): number {
  return isPaddockError(error) ? EXIT_FOR_CODE[error.code] : EXIT.internal;
}

/** A usage mistake (exit 2): a missing command or argument, a flag value that cannot be right. */
export function usageError(message: string): PaddockError {
  return new PaddockError('USAGE', message);
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
