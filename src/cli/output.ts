import { CommanderError } from 'commander';
import { EXIT, exitCodeFor, formatProblem, isPaddockError } from '../common/errors.js';
import { escapeText } from '../common/event.js';

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

/**
 * JSON as the CLI prints it: `JSON.stringify`, with the `[` of every `##[` (only ever inside a string) written
 * `\u005b`. It reads back the same; in a CI log GitHub's runner would run `##[cmd]` found anywhere in a line.
 */
export function jsonText(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replaceAll('##[', '##\\u005b');
}

/**
 * Render rows as an aligned plain-text table. Cells are escaped to inert text (`escapeText`): a run's reason
 * names what an agent chose, and this output reaches terminals and CI logs.
 */
export function table(headers: string[], given: string[][]): string {
  const rows = given.map((r) => r.map(escapeText));
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(headers), ...rows.map(line)].join('\n') + '\n';
}
