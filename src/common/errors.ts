/** Stable error codes. Code matches on these, never on message text. */
export type ErrorCode =
  | 'POLICY_INVALID'
  | 'SPEC_INVALID'
  | 'INPUT_INVALID'
  | 'ENGINE_UNAVAILABLE'
  | 'IMAGE_UNAVAILABLE'
  | 'SANDBOX_NOT_FOUND'
  | 'SANDBOX_FAILED'
  | 'SANDBOX_EXISTS'
  | 'COPY_REJECTED'
  | 'FENCE_FAILED'
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
  usage: 2,
  invalidInput: 3,
  engine: 4,
  gateway: 5,
  internal: 70,
  /** Stopped by SIGINT/SIGTERM (128 + 2); results so far were written. */
  cancelled: 130,
} as const;

export function exitCodeFor(error: unknown): number {
  if (!isPaddockError(error)) return EXIT.internal;
  switch (error.code) {
    case 'POLICY_INVALID':
    case 'SPEC_INVALID':
    case 'INPUT_INVALID':
    case 'SANDBOX_NOT_FOUND':
      return EXIT.invalidInput;
    case 'ENGINE_UNAVAILABLE':
    case 'IMAGE_UNAVAILABLE':
      return EXIT.engine;
    case 'GATEWAY_UNAVAILABLE':
    case 'GATEWAY_FAILED':
    case 'EVIDENCE_INCOMPLETE':
    case 'FENCE_FAILED':
    case 'PRIVILEGE_REQUIRED':
      return EXIT.gateway;
    default:
      return EXIT.failed;
  }
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
