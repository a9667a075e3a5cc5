import { CommanderError } from 'commander';
import { EXIT, exitCodeFor, formatProblem, isPaddockError } from '../common/errors.js';

/** Print an error the way users read it (stderr) and return the exit status for it. */
export function reportError(error: unknown): number {
  if (error instanceof CommanderError) {
    // commander already printed its message.
    return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  }
  if (isPaddockError(error)) {
    process.stderr.write(`paddock: ${error.message}\n`);
    for (const p of error.problems) process.stderr.write(`  ${formatProblem(p)}\n`);
  } else {
    const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
    process.stderr.write(`paddock: internal error: ${text}\n`);
  }
  return exitCodeFor(error);
}

/** Render rows as an aligned plain-text table. */
export function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(headers), ...rows.map(line)].join('\n') + '\n';
}
