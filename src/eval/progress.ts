import { formatDuration } from '../common/duration.js';
import type { SourcePos } from '../common/errors.js';
import { escapeText } from '../common/event.js';
import { formatRate } from './cells.js';
import type { RunResult, RunStatus } from './results.js';

/** Where the engine's progress goes. The CLI writes to stderr; the Action routes it through core.info. */
export interface EvalLog {
  info(line: string): void;
  /** A recoverable problem, optionally pointing at a spec or policy line. */
  warning(line: string, where?: SourcePos): void;
}

export const silentLog: EvalLog = { info: () => undefined, warning: () => undefined };

const SYMBOL: Record<RunStatus, string> = {
  passed: '✔',
  failed: '✘',
  egress: '✘',
  timeout: '✘',
  error: '✘',
  cancelled: '⊘',
};
const COLOR: Record<RunStatus, number> = {
  passed: 32,
  failed: 31,
  egress: 31,
  timeout: 33,
  error: 35,
  cancelled: 90,
};

/**
 * `[12/32] ✔ model-a__prompt-x 3.2s` or `[3/32] ✘ model-b__prompt-y 1.1s egress: evil.test:443`. The reason
 * names what the agent chose (a raw DNS label may hold any byte): escaped to one inert line (`escapeText`).
 */
export function runLine(result: RunResult, done: number, total: number, color = false): string {
  const width = String(total).length;
  const symbol = color
    ? `\x1b[${COLOR[result.status]}m${SYMBOL[result.status]}\x1b[0m`
    : SYMBOL[result.status];
  const time = formatDuration(Math.max(0, Math.round(result.durationMs / 100) * 100));
  const reason = result.reason ? ` ${escapeText(result.reason)}` : '';
  const score = result.score === undefined ? '' : ` score ${formatRate(result.score)}`;
  return `[${String(done).padStart(width)}/${total}] ${symbol} ${escapeText(result.id)} ${time}${score}${reason}`;
}

export interface Counts {
  readonly total: number;
  readonly done: number;
  readonly running: number;
  readonly byStatus: Readonly<Record<RunStatus, number>>;
  readonly elapsedMs: number;
}

/** `… 12/32 done (10 passed, 2 failed), 8 running, 12 waiting, 1m20s` */
export function summaryLine(c: Counts): string {
  const failed = c.done - c.byStatus.passed;
  const waiting = c.total - c.done - c.running;
  const elapsed = formatDuration(Math.round(c.elapsedMs / 1000) * 1000);
  return `… ${c.done}/${c.total} done (${c.byStatus.passed} passed, ${failed} not), ${c.running} running, ${waiting} waiting, ${elapsed}`;
}

export function emptyByStatus(): Record<RunStatus, number> {
  return { passed: 0, failed: 0, egress: 0, timeout: 0, error: 0, cancelled: 0 };
}
