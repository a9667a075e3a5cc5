import type { EgressEvent } from '../common/event.js';
import { plural } from '../common/plural.js';
import { failing, formatRate } from '../eval/cells.js';
import type { Results, RunResult, RunStatus } from '../eval/results.js';
import { cellsTable } from './cells.js';
import { aggregateEgress, type EgressRow } from './egress.js';
import { setupLine } from './setup.js';
import {
  byteLength,
  codeBlock,
  escapeCode,
  escapeInline,
  formatDuration,
  specTitle,
  truncateBytes,
} from './text.js';

/** A policy suggested from the session's denials (the policy engine's `suggestPolicy`). */
export interface Suggestion {
  readonly yaml: string;
}

export interface SummaryOptions {
  /** Size cap in UTF-8 bytes; GitHub rejects step summaries over 1 MiB. @default 1000000 */
  readonly maxBytes?: number;
  /** Largest suggested policy shown inline; a bigger one is replaced by a note. @default 262144 */
  readonly maxSuggestionBytes?: number;
  /** Run ids listed per egress row before "+N more". @default 20 */
  readonly maxRunsPerRow?: number;
  /** Where people find report.html: the workflow run's artifacts page. @default only the file is named */
  readonly reportUrl?: string;
}

export const STATUS_LABEL: Readonly<Record<RunStatus, string>> = {
  passed: '✅ passed',
  failed: '❌ failed',
  egress: '🚫 egress',
  timeout: '⏱️ timeout',
  error: '💥 error',
  cancelled: '⏹️ cancelled',
};

const code = (text: string): string => `<code>${escapeCode(text)}</code>`;
const row = (cells: readonly string[], tag = 'td'): string =>
  `<tr>${cells.map((c) => `<${tag}>${c}</${tag}>`).join('')}</tr>`;

/** The one line that says whether the eval passed, and why not. */
export function verdictLine(results: Results): string {
  const { total, passed, failed, denied } = results.totals;
  const egress = denied > 0 ? ` · ${plural(denied, 'denied egress attempt')}` : '';
  if (total === 0) return `⚠️ **Paddock: no runs** — the matrix expanded to nothing${egress}`;
  const cells = results.cells;
  if (cells) {
    const bad = failing(results);
    const rate = formatRate(results.requiredPassRate ?? 1);
    const runs = ` · ${passed} of ${plural(total, 'run')} passed${egress}`;
    return bad === 0
      ? `✅ **Paddock passed** — ${cells.length} of ${plural(cells.length, 'cell')} reached pass rate ${rate}${runs}`
      : `❌ **Paddock failed** — ${bad} of ${plural(cells.length, 'cell')} below pass rate ${rate}${runs}`;
  }
  if (failed === 0)
    return `✅ **Paddock passed** — ${passed} of ${plural(total, 'run')} met their expectation${egress}`;
  return `❌ **Paddock failed** — ${failed} of ${plural(total, 'run')} did not meet their expectation${egress}`;
}

/** The line that points at report.html, which sits beside summary.md in the results (and the artifact). */
export function reportLine(url?: string): string {
  const file = '<code>report.html</code>';
  return url
    ? `📊 The full report (filterable runs, egress graph) is ${file} in the [results artifact](${encodeURI(url)}).`
    : `📊 The full report (filterable runs, egress graph) is ${file} in the results directory.`;
}

function mergeNote(results: Results): string[] {
  const m = results.merge;
  if (!m) return [];
  const lines = [
    '',
    `<sub>merged from ${m.shards.length} of ${m.count} shard${m.count === 1 ? '' : 's'}: ${m.shards.map((s) => `${s.index}/${m.count}`).join(', ')}</sub>`,
  ];
  if (m.missingShards.length > 0 || m.missingRuns.length > 0) {
    const shards = m.missingShards.map((i) => `${i}/${m.count}`).join(', ') || '-';
    const runs =
      m.missingRuns.slice(0, 20).map(code).join(' ') +
      (m.missingRuns.length > 20 ? ` +${m.missingRuns.length - 20} more` : '');
    lines.push(
      '',
      '> [!WARNING]',
      `> **Incomplete results**: shard${m.missingShards.length === 1 ? '' : 's'} ${shards} missing; ${plural(m.missingRuns.length, 'run')} of the matrix are not in these totals: ${runs}`,
    );
  }
  return lines;
}

function header(results: Results): string {
  const s = results.totals.byStatus;
  const counts = (Object.keys(STATUS_LABEL) as RunStatus[])
    .filter((k) => s[k] > 0)
    .map((k) => `${s[k]} ${k}`)
    .join(', ');
  const lines = [
    `## Paddock: ${escapeInline(specTitle(results.spec))}`,
    '',
    verdictLine(results),
    '',
    `<sub>${counts || 'no runs'} · ${formatDuration(results.durationMs)} · spec ${code(results.spec.file)} · image ${code(results.image.ref)}${results.image.digest ? ` ${code(results.image.digest)}` : ''} · policy ${code(results.policy.source)} · session ${code(results.session)}</sub>`,
  ];
  lines.push(...mergeNote(results));
  if (results.setup) {
    const line = escapeInline(setupLine(results.setup));
    lines.push(
      '',
      ...(results.setup.status === 'passed' ? [`<sub>${line}</sub>`] : ['> [!CAUTION]', `> **${line}**`]),
    );
  }
  if (results.enforcement === 'proxy-only') {
    lines.push(
      '',
      '> [!WARNING]',
      '> Enforcement was **proxy-only**: only clients that honour `HTTP(S)_PROXY` went through the gateway. Other traffic was neither fenced nor logged.',
    );
  }
  return lines.join('\n');
}

function runRow(run: RunResult, scored: boolean): string {
  return row([
    STATUS_LABEL[run.status],
    code(run.id),
    formatDuration(run.durationMs),
    run.exitCode === null ? '-' : String(run.exitCode),
    String(run.denials),
    ...(scored ? [run.score === undefined ? '-' : formatRate(run.score)] : []),
    escapeInline(run.reason),
  ]);
}

function egressRow(r: EgressRow, maxRuns: number): string {
  const shown = r.runs.slice(0, maxRuns).map(code).join(' ');
  const more = r.runs.length > maxRuns ? ` +${r.runs.length - maxRuns} more` : '';
  return row([
    r.action === 'deny' ? 'denied' : 'audit',
    code(r.binary),
    code(r.destination),
    String(r.count),
    shown + more,
  ]);
}

/** A table with as many rows as fit in `budget` bytes, then a row saying how many were left out. */
function fitTable(head: string, rows: readonly string[], cols: number, what: string, budget: number): string {
  const open = `<table>\n${head}`;
  const close = '\n</table>';
  const noteFor = (n: number): string =>
    `\n<tr><td colspan="${cols}"><em>… ${n} more ${what} not shown; see results.json</em></td></tr>`;
  let used = byteLength(open) + byteLength(close) + byteLength(noteFor(rows.length));
  const kept: string[] = [];
  for (const r of rows) {
    const size = byteLength(r) + 1;
    if (used + size > budget) break;
    used += size;
    kept.push(r);
  }
  const note = kept.length < rows.length ? noteFor(rows.length - kept.length) : '';
  return `${open}${kept.map((r) => `\n${r}`).join('')}${note}${close}`;
}

function suggestionBlock(suggestion: Suggestion | null, maxBytes: number): string {
  if (suggestion === null || suggestion.yaml.trim() === '') return '';
  const size = byteLength(suggestion.yaml);
  const body =
    size > maxBytes
      ? `The suggested policy is ${Math.ceil(size / 1024)} KiB, too large to show here; it is in \`suggested-policy.yaml\` in the results.`
      : codeBlock(suggestion.yaml, 'yaml');
  return [
    '<details><summary>Suggested policy (allows what was denied; review before applying)</summary>',
    '',
    body,
    '',
    '</details>',
  ].join('\n');
}

/**
 * The job summary, as Markdown with HTML tables. Every piece of dynamic text is escaped
 * (hosts and cmdlines come from untrusted agents). Stays under `maxBytes`, truncating tables with a note.
 */
export function summaryMarkdown(
  results: Results,
  events: readonly EgressEvent[],
  suggestion: Suggestion | null,
  options: SummaryOptions = {},
): string {
  const maxBytes = options.maxBytes ?? 1_000_000;
  const top = `${header(results)}\n\n${reportLine(options.reportUrl)}`;
  const policy = suggestionBlock(suggestion, options.maxSuggestionBytes ?? 262_144);
  const egress = aggregateEgress(results, events);
  const cells = cellsTable(results);
  const runsTitle = `${cells ? `### ${results.cells ? 'Cells' : 'By matrix'}\n\n${cells}\n\n` : ''}### Runs`;
  const egressTitle = egress.length > 0 ? '### Egress' : '';

  let left =
    maxBytes - byteLength(top) - byteLength(policy) - byteLength(runsTitle) - byteLength(egressTitle) - 64;
  const egressBudget = egress.length > 0 ? Math.max(0, Math.floor(left / 2)) : 0;
  const egressTable =
    egress.length > 0
      ? fitTable(
          row(['Action', 'Binary', 'Destination', 'Count', 'Runs'], 'th'),
          egress.map((r) => egressRow(r, options.maxRunsPerRow ?? 20)),
          5,
          'destinations',
          egressBudget,
        )
      : '';
  left -= byteLength(egressTable);
  // A Score column when verify scored any run.
  const scored = results.runs.some((r) => r.score !== undefined);
  const runsTable = fitTable(
    row(['Status', 'Run', 'Duration', 'Exit', 'Denials', ...(scored ? ['Score'] : []), 'Reason'], 'th'),
    results.runs.map((r) => runRow(r, scored)),
    scored ? 7 : 6,
    'runs',
    Math.max(0, left),
  );

  const parts = [top, runsTitle, runsTable];
  if (egressTable) parts.push(egressTitle, egressTable);
  if (policy) parts.push(policy);
  const markdown = `${parts.join('\n\n')}\n`;
  if (byteLength(markdown) <= maxBytes) return markdown;
  const note = '\n\n*… the summary was cut at the size limit; see results.json and junit.xml.*\n';
  return truncateBytes(markdown, maxBytes - byteLength(note)) + note;
}

/** The job summary of an eval that never ran: what stopped it, and each problem at its file and line. */
export function setupErrorMarkdown(spec: string, message: string, problems: readonly string[] = []): string {
  const lines = [`## Paddock: ${escapeInline(spec)}`, '', `:x: **No run started.** ${escapeInline(message)}`];
  if (problems.length > 0) lines.push('', codeBlock(problems.join('\n')));
  return `${lines.join('\n')}\n`;
}
