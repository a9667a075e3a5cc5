import { cellsOf, formatRate } from '../eval/cells.js';
import type { CellResult, Results } from '../eval/results.js';
import { escapeCode, escapeInline } from './text.js';

const td = (cells: readonly string[], tag = 'td'): string =>
  `<tr>${cells.map((c) => `<${tag}>${c}</${tag}>`).join('')}</tr>`;

/**
 * `0.67 (2/3) · score 0.72`, marked ❌ when a cell in it is below the required rate; `(2 of 3 runs scored)` when
 * the mean is over fewer runs than there are (results before v7 have no `scored`: their cells count whole).
 */
function rateText(cells: readonly CellResult[]): string {
  const passed = cells.reduce((n, c) => n + c.passed, 0);
  const total = cells.reduce((n, c) => n + c.total, 0);
  const bad = cells.some((c) => c.status === 'failed') ? '❌ ' : '';
  const scored = cells.filter((c) => c.meanScore !== undefined);
  const weight = (c: CellResult) => c.scored ?? c.total;
  const runs = scored.reduce((n, c) => n + weight(c), 0);
  const mean = scored.reduce((n, c) => n + (c.meanScore ?? 0) * weight(c), 0) / runs;
  const over = runs < total ? ` (${runs} of ${total} runs scored)` : '';
  const score = scored.length === 0 ? '' : ` · score ${formatRate(mean)}${over}`;
  return `${bad}${formatRate(total === 0 ? 0 : passed / total)} (${passed}/${total})${score}`;
}

/**
 * Pass rates by cell, as an HTML table for the job summary and the PR comment: with two or more matrix axes a
 * pivot (the first axis down, the second across; further axes are pooled), else one row per cell. Empty when the
 * results have no cells. Every value is escaped (matrix values come from the spec, run ids from them).
 */
export function cellsTable(results: Pick<Results, 'cells' | 'requiredPassRate' | 'runs'>): string {
  // Two or more axes always get the pivot (from the runs, one cell each, when the eval has no repeats).
  const axes = Object.keys(results.runs[0]?.matrix ?? {});
  const cells = results.cells ?? (axes.length >= 2 ? cellsOf(results.runs, 1) : []);
  if (cells.length === 0) return '';
  const need = `pass rate needed: ${formatRate(results.requiredPassRate ?? 1)}`;
  if (axes.length < 2) {
    const rows = cells.map((c) => td([`<code>${escapeCode(c.id)}</code>`, rateText([c])]));
    return [`<table>`, td(['Cell', `Pass rate (${need})`], 'th'), ...rows, '</table>'].join('\n');
  }
  const [down, across] = axes as [string, string];
  const distinct = (key: string) => [...new Set(cells.map((c) => c.matrix[key] ?? ''))];
  const cols = distinct(across);
  const head = td([`${escapeInline(down)} \\ ${escapeInline(across)}`, ...cols.map(escapeInline)], 'th');
  const rows = distinct(down).map((v) =>
    td([
      `<code>${escapeCode(v)}</code>`,
      ...cols.map((w) => {
        const here = cells.filter((c) => c.matrix[down] === v && c.matrix[across] === w);
        return here.length === 0 ? '–' : rateText(here);
      }),
    ]),
  );
  return [
    `<p>Pass rate by ${escapeInline(down)} and ${escapeInline(across)} (${need})</p>`,
    '<table>',
    head,
    ...rows,
    '</table>',
  ].join('\n');
}
