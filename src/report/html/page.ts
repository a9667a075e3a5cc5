import { createHash } from 'node:crypto';
import type { EgressEvent } from '../../common/event.js';
import type { Results, RunResult, RunStatus } from '../../eval/results.js';
import { formatTarget } from '../egress.js';
import type { RunLogs } from '../junit.js';
import { setupLine } from '../setup.js';
import { type Suggestion, verdictLine } from '../summary.js';
import { formatDuration, escapeHtml as h, specTitle, tail } from '../text.js';
import { CSS, JS } from './assets.js';
import { type EgressEdge, egressEdges, egressSvg } from './graph.js';

export interface HtmlOptions {
  /** Bytes of stdout and stderr tails in the whole page, shared out over the runs (each 256 B to 4 KiB). @default 1000000 */
  readonly maxLogBytes?: number;
  /** Egress edges drawn in the graph (the table lists them all, up to `maxEdgeRows`). @default 120 */
  readonly maxEdges?: number;
  /** @default 500 */
  readonly maxEdgeRows?: number;
}

export interface HtmlInput {
  readonly results: Results;
  readonly events: readonly EgressEvent[];
  readonly suggestion: Suggestion | null;
  /** The tails of each run's logs, keyed by run id. */
  readonly logsTail?: ReadonlyMap<string, RunLogs>;
}

const STATUSES: readonly RunStatus[] = ['passed', 'failed', 'egress', 'timeout', 'error', 'cancelled'];
/** A dot coloured by CSS, then the status: no emoji, which not every machine has a font for. */
const label = (s: RunStatus): string => `<span class="dot"></span>${s}`;
/** A link relative to report.html, one encoded segment per path part (names come from the sandbox). */
const href = (path: string): string => path.split('/').map(encodeURIComponent).join('/');
const plain = (markdown: string): string => markdown.replace(/\*\*/g, '');

function header(r: Results): string {
  const { byStatus, failed, total } = r.totals;
  const chips = STATUSES.filter((s) => byStatus[s] > 0)
    .map((s) => `<button class="chip s-${s}" data-status="${s}"><b>${byStatus[s]}</b>${label(s)}</button>`)
    .join('');
  const notes: string[] = [];
  if (r.enforcement === 'proxy-only')
    notes.push(
      'Enforcement was <b>proxy-only</b>: only clients that honour HTTP(S)_PROXY went through the gateway; other traffic was neither fenced nor logged.',
    );
  if (r.merge) {
    const m = r.merge;
    notes.push(
      `Merged from ${m.shards.length} of ${m.count} shard${m.count === 1 ? '' : 's'} (${m.shards.map((s) => `${s.index}/${m.count}`).join(', ')}).`,
    );
    if (m.missingShards.length > 0 || m.missingRuns.length > 0)
      notes.push(
        `<b>Incomplete:</b> shard${m.missingShards.length === 1 ? '' : 's'} ${h(m.missingShards.map((i) => `${i}/${m.count}`).join(', ') || '-')} missing; ` +
          `${m.missingRuns.length} run${m.missingRuns.length === 1 ? '' : 's'} not in these results: <code>${h(m.missingRuns.join(' '))}</code>`,
      );
  }
  if (r.setup) {
    const files = ['setup.json', 'stdout.log', 'stderr.log', 'events.jsonl']
      .filter((f) => !r.setup?.cached || f === 'setup.json' || f === 'events.jsonl')
      .map((f) => `<a href="${href(`${r.setup?.paths.dir}/${f}`)}">${f}</a>`)
      .join(' · ');
    const line = h(setupLine(r.setup));
    notes.push(`${r.setup.status === 'passed' ? line : `<b>${line}</b>`} · ${files}`);
  }
  if (r.shard)
    notes.push(
      `Shard ${r.shard.index}/${r.shard.count}: ${total} of the matrix's ${r.shard.plan.length} runs.`,
    );
  return [
    `<h1>Paddock: ${h(specTitle(r.spec))}</h1>`,
    `<div class="verdict ${failed === 0 && total > 0 ? 'ok' : 'bad'}">${h(plain(verdictLine(r)).replace(/^\S+\s+/u, ''))}</div>`,
    `<div class="meta">${formatDuration(r.durationMs)} · spec <code>${h(r.spec.file)}</code> · image <code>${h(r.image.ref)}</code>` +
      `${r.image.digest ? ` <code>${h(r.image.digest)}</code>` : ''} · policy <code>${h(r.policy.source)}</code> · session <code>${h(r.session)}</code> · started ${h(r.startedAt)}</div>`,
    ...notes.map((n) => `<div class="note">${n}</div>`),
    `<div class="chips">${chips}</div>`,
  ].join('\n');
}

function filters(r: Results, keys: readonly string[]): string {
  const statusOptions = STATUSES.filter((s) => r.totals.byStatus[s] > 0)
    .map((s) => `<option value="${s}">${s} (${r.totals.byStatus[s]})</option>`)
    .join('');
  const axisSelects = keys.map((key, i) => {
    const values = [...new Set(r.runs.map((run) => run.matrix[key]).filter((v) => v !== undefined))].sort();
    const options = values
      .map((v) => `<option value="${h(v as string)}">${h(v as string)}</option>`)
      .join('');
    return `<label>${h(key)} <select data-axis="${i}" id="f-m${i}"><option value="">all</option>${options}</select></label>`;
  });
  return (
    `<div class="filters"><label>status <select id="f-status"><option value="">all</option>${statusOptions}</select></label>` +
    `${axisSelects.join('')}<label>search <input id="f-text" type="search" placeholder="run, reason…"></label>` +
    `<span id="shown">${r.runs.length} of ${r.runs.length} runs</span></div>`
  );
}

function runRow(run: RunResult, i: number, keys: readonly string[]): string {
  const axes = keys
    .map((k, j) => (run.matrix[k] === undefined ? '' : ` data-m${j}="${h(run.matrix[k] as string)}"`))
    .join('');
  const cells = [
    `<td class="status s-${run.status}" data-v="${run.status}">${label(run.status)}</td>`,
    `<td class="mono">${h(run.id)}</td>`,
    ...keys.map((k) => `<td>${h(run.matrix[k] ?? '')}</td>`),
    `<td class="num" data-v="${run.durationMs}">${formatDuration(run.durationMs)}</td>`,
    `<td class="num" data-v="${run.exitCode ?? -1}">${run.exitCode ?? '-'}</td>`,
    `<td class="num">${run.denials + (run.expectedDenials ?? 0)}</td>`,
    `<td>${h(run.reason)}</td>`,
  ];
  return `<tr class="run" data-i="${i}" data-status="${run.status}"${axes} aria-expanded="false">${cells.join('')}</tr>`;
}

function details(
  run: RunResult,
  i: number,
  cols: number,
  logs: RunLogs | undefined,
  logBytes: number,
): string {
  const facts: [string, string][] = [
    ['status', `${h(run.status)}${run.reason ? ` — ${h(run.reason)}` : ''}`],
    ['exit code', run.exitCode === null ? '-' : String(run.exitCode)],
    ['duration', formatDuration(run.durationMs)],
    ['started', h(run.startedAt ?? '-')],
    ['finished', h(run.finishedAt ?? '-')],
    ['sandbox', `<code>${h(run.sandbox)}</code>`],
    ['denials', `${run.denials} unexpected, ${run.expectedDenials ?? 0} expected`],
    [
      'files',
      ['run.json', 'stdout.log', 'stderr.log', 'events.jsonl']
        .map((f) => `<a href="${href(`${run.paths.dir}/${f}`)}">${f}</a>`)
        .join(' · '),
    ],
  ];
  if (run.verify) {
    const v = run.verify;
    const files = ['stdout.log', 'stderr.log', 'events.jsonl']
      .map((f) => `<a href="${href(`${v.paths.dir}/${f}`)}">${f}</a>`)
      .join(' · ');
    const exit = v.timedOut ? 'timed out' : `exit code ${v.exitCode ?? '-'}`;
    facts.push(['verify', `${exit}, ${v.denials} denied${v.error ? ` — ${h(v.error)}` : ''} · ${files}`]);
  }
  if (run.score !== undefined) {
    const metrics = Object.entries(run.metrics ?? {}).map(([k, v]) => `${h(k)} ${h(String(v))}`);
    facts.push(['score', `${run.score}${metrics.length > 0 ? ` (${metrics.join(', ')})` : ''}`]);
  }
  if (run.truncated) facts.push(['note', 'stdout or stderr hit the size cap and was truncated']);
  const denied =
    run.denied.length > 0
      ? `<div>Denied</div><ul>${run.denied.map((t) => `<li><code>${h(formatTarget(t))}</code> ${t.count}× (${h(t.layer)})</li>`).join('')}${run.deniedOmitted ? `<li>… ${run.deniedOmitted} more (events.jsonl)</li>` : ''}</ul>`
      : '';
  const outputs = run.outputs ?? [];
  const total = outputs.length + (run.outputsOmitted ?? 0);
  const outList =
    total > 0
      ? `<div>Outputs (${total})</div><ul>${outputs
          .slice(0, 200)
          .map((f) => `<li><a href="${href(`${run.paths.out}/${f}`)}">${h(f)}</a></li>`)
          .join('')}${total > 200 ? `<li>… ${total - Math.min(200, outputs.length)} more</li>` : ''}</ul>`
      : '<div>Outputs: none</div>';
  const refused = run.outputsRefused;
  const refusedList = refused
    ? `<div>Refused outputs (${refused.count})</div><ul>${refused.first
        .map((r) => `<li><code>${h(r.path)}</code> ${h(r.reason)}</li>`)
        .join(
          '',
        )}${refused.count > refused.first.length ? `<li>… ${refused.count - refused.first.length} more</li>` : ''}</ul>`
    : '';
  const log = (name: string, text: string | undefined) =>
    text ? `<div>${name} (tail)</div><pre>${h(tail(text, logBytes))}</pre>` : `<div>${name}: empty</div>`;
  return (
    `<tr class="details" id="d-${i}" hidden><td colspan="${cols}"><dl class="grid">${facts.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('')}</dl>` +
    `${denied}${outList}${refusedList}${log('stdout', logs?.stdout)}${log('stderr', logs?.stderr)}</td></tr>`
  );
}

function runsSection(
  r: Results,
  logsTail: ReadonlyMap<string, RunLogs> | undefined,
  maxLogBytes: number,
): string {
  const keys: string[] = [];
  for (const run of r.runs) for (const k of Object.keys(run.matrix)) if (!keys.includes(k)) keys.push(k);
  const heads = ['Status', 'Run', ...keys, 'Duration', 'Exit', 'Denied', 'Reason'];
  const numeric = new Set(['Duration', 'Exit', 'Denied']);
  const th = heads
    .map((name, i) => {
      const num = (i < 2 || i >= 2 + keys.length) && numeric.has(name);
      return `<th data-sort="${i}"${num ? ' class="num"' : ''}>${h(name)}</th>`;
    })
    .join('');
  const logBytes = Math.max(256, Math.min(4096, Math.floor(maxLogBytes / Math.max(1, 2 * r.runs.length))));
  const body = r.runs
    .map((run, i) => runRow(run, i, keys) + details(run, i, heads.length, logsTail?.get(run.id), logBytes))
    .join('\n');
  return `<h2>Runs</h2>${filters(r, keys)}<p class="meta">Click a run for its details.</p>
<table id="runs"><thead><tr>${th}</tr></thead><tbody>
${body}
</tbody></table>`;
}

function egressSection(edges: readonly EgressEdge[], options: HtmlOptions): string {
  if (edges.length === 0) return '<h2>Egress</h2><p>No gateway decisions were recorded.</p>';
  const drawn = Math.min(edges.length, options.maxEdges ?? 120);
  const maxRows = options.maxEdgeRows ?? 500;
  const rows = edges
    .slice(0, maxRows)
    .map(
      (e) =>
        `<tr><td><code>${h(e.binary)}</code></td><td><code>${h(e.destination)}</code></td><td class="num">${e.allowed}</td>` +
        `<td class="num">${e.denied}</td><td class="num">${e.audited}</td><td class="mono">${h(e.runs.slice(0, 10).join(' '))}${e.runs.length > 10 ? ` +${e.runs.length - 10} more` : ''}</td></tr>`,
    )
    .join('');
  return [
    '<h2>Egress</h2>',
    '<p class="legend"><span class="allowed">━ allowed</span><span class="denied">━ denied</span><span class="audited">━ audited</span>binaries on the left, destinations on the right; numbers are decisions</p>',
    egressSvg(edges, options),
    drawn < edges.length
      ? `<p class="meta">${edges.length - drawn} smaller edges are not drawn; all are in the table.</p>`
      : '',
    `<table id="egress"><thead><tr><th>Binary</th><th>Destination</th><th class="num">Allowed</th><th class="num">Denied</th><th class="num">Audited</th><th>Runs</th></tr></thead><tbody>${rows}</tbody></table>`,
    edges.length > maxRows
      ? `<p class="meta">… ${edges.length - maxRows} more rows; see egress.jsonl.</p>`
      : '',
  ].join('\n');
}

function policySection(suggestion: Suggestion | null): string {
  if (suggestion === null || suggestion.yaml.trim() === '')
    return '<h2>Suggested policy</h2><p>Nothing was denied, so there is nothing to suggest.</p>';
  return (
    '<h2>Suggested policy</h2><p>Allows what was denied, extending the policy the eval ran with. Review it before applying. ' +
    '<button class="copy" id="copy-policy" type="button">Copy</button></p>' +
    `<pre id="policy">${h(suggestion.yaml)}</pre>`
  );
}

/**
 * report.html: one self-contained page (inline CSS, script and SVG; a Content-Security-Policy that allows no
 * network and no other script). Every piece of run data is escaped markup; the script only sorts, filters and
 * toggles what is already there. Pure.
 */
export function reportHtml(input: HtmlInput, options: HtmlOptions = {}): string {
  const r = input.results;
  const scriptHash = createHash('sha256').update(JS).digest('base64');
  const csp = `default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-${scriptHash}'; img-src data:; base-uri 'none'; form-action 'none'`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Paddock: ${h(specTitle(r.spec))}</title>
<style>${CSS}</style></head>
<body>
${header(r)}
${runsSection(r, input.logsTail, options.maxLogBytes ?? 1_000_000)}
${egressSection(egressEdges(r, input.events), options)}
${policySection(input.suggestion)}
<footer>${h(r.schema)} · written by Paddock · this page makes no network requests</footer>
<script>${JS}</script>
</body></html>
`;
}
