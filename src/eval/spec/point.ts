import { PaddockError } from '../../common/errors.js';
import type { EvalSpec } from './types.js';

/**
 * An error caused by a spec key (a policy file that cannot be read, an image that cannot be had) points at the
 * key's line, so the CLI prints `file:line: field: …` and the Action annotates that line. Errors that already
 * carry their own problems, and other errors, pass through unchanged.
 */
export function atSpecLine(error: unknown, spec: EvalSpec, field: string, line?: number): unknown {
  if (!(error instanceof PaddockError) || error.problems.length > 0) return error;
  const at = line ?? spec.lines[field.split('.')[0] ?? field];
  const problem = {
    file: spec.file,
    ...(at === undefined ? {} : { line: at }),
    field,
    message: error.message,
  };
  return new PaddockError(error.code, error.message, { cause: error, problems: [problem] });
}
