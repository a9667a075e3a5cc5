import type { EgressEvent } from '../../common/event.js';
import type { Results } from '../../eval/results.js';
import { formatDestination } from '../egress.js';
import { escapeHtml } from '../text.js';

/** One edge of the egress graph: what one binary did to one destination, counted per decision. */
export interface EgressEdge {
  readonly binary: string;
  readonly destination: string;
  readonly allowed: number;
  readonly denied: number;
  readonly audited: number;
  /** Run ids, sorted; `-` for decisions no run was attributed to. */
  readonly runs: readonly string[];
}

const total = (e: EgressEdge): number => e.allowed + e.denied + e.audited;

/**
 * Every (binary, destination) pair with its allowed, denied and audited counts. Events are the ground truth;
 * without them (a results.json alone) the runs' denied lists stand in. Ordered by count, then by text. Pure.
 */
export function egressEdges(results: Results, events: readonly EgressEvent[]): EgressEdge[] {
  type Acc = {
    binary: string;
    destination: string;
    allowed: number;
    denied: number;
    audited: number;
    runs: Set<string>;
  };
  const edges = new Map<string, Acc>();
  const add = (
    action: EgressEvent['action'],
    t: Parameters<typeof formatDestination>[0],
    run: string | null,
    n: number,
  ) => {
    const binary = t.binary ?? 'unknown';
    const destination = formatDestination(t);
    const key = `${binary}\0${destination}`;
    const e = edges.get(key) ?? {
      binary,
      destination,
      allowed: 0,
      denied: 0,
      audited: 0,
      runs: new Set<string>(),
    };
    if (action === 'allow') e.allowed += n;
    else if (action === 'deny') e.denied += n;
    else e.audited += n;
    e.runs.add(run ?? '-');
    edges.set(key, e);
  };
  if (events.length > 0) for (const e of events) add(e.action, e, e.run, 1);
  else for (const run of results.runs) for (const t of run.denied) add('deny', t, run.id, t.count);
  return [...edges.values()]
    .map((e) => ({ ...e, runs: [...e.runs].sort() }))
    .sort(
      (a, b) =>
        total(b) - total(a) || a.binary.localeCompare(b.binary) || a.destination.localeCompare(b.destination),
    );
}

export interface GraphOptions {
  /** Edges drawn; the rest are listed in the table only. @default 120 */
  readonly maxEdges?: number;
}

const ROW = 26;
const WIDTH = 960;
const LEFT = 330;
const RIGHT = WIDTH - 330;
const LABEL = 46;

const short = (text: string): string => (text.length > LABEL ? `…${text.slice(-(LABEL - 1))}` : text);
const width = (n: number): number => Math.min(9, 1.5 + Math.log2(n));

/**
 * The egress graph as inline SVG: binaries on the left, destinations on the right, one curve per kind of
 * decision (allowed green, denied red, audited amber) whose width grows with its count, the count on the curve.
 * All labels are escaped; full texts are in `<title>`s. Pure.
 */
export function egressSvg(edges: readonly EgressEdge[], options: GraphOptions = {}): string {
  const shown = edges.slice(0, options.maxEdges ?? 120);
  if (shown.length === 0) return '';
  const rank = (key: 'binary' | 'destination') => {
    const sum = new Map<string, number>();
    for (const e of shown) sum.set(e[key], (sum.get(e[key]) ?? 0) + total(e));
    return [...sum].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([name]) => name);
  };
  const binaries = rank('binary');
  const destinations = rank('destination');
  const height = Math.max(binaries.length, destinations.length) * ROW + 16;
  const yOf = (list: readonly string[], name: string) => {
    const offset = (height - list.length * ROW) / 2;
    return offset + list.indexOf(name) * ROW + ROW / 2;
  };
  const parts: string[] = [];
  const curve = (e: EgressEdge, kind: 'allowed' | 'denied' | 'audited', shift: number, slot: number) => {
    const n = e[kind];
    if (n === 0) return;
    const y1 = yOf(binaries, e.binary) + shift;
    const y2 = yOf(destinations, e.destination) + shift;
    const mid = (LEFT + RIGHT) / 2;
    const title = escapeHtml(`${e.binary} → ${e.destination}: ${n} ${kind}`);
    parts.push(
      `<g class="edge ${kind}"><title>${title}</title><path d="M${LEFT + 6} ${y1} C${mid} ${y1} ${mid} ${y2} ${RIGHT - 6} ${y2}" stroke-width="${width(n).toFixed(1)}"/>` +
        `<text x="${RIGHT - 24 - slot * 26}" y="${(y2 - 4).toFixed(1)}">${n}</text></g>`,
    );
  };
  for (const e of shown) {
    const kinds = (['allowed', 'denied', 'audited'] as const).filter((k) => e[k] > 0);
    for (const [i, k] of kinds.entries()) curve(e, k, (i - (kinds.length - 1) / 2) * 5, i);
  }
  const node = (name: string, x: number, y: number, anchor: 'start' | 'end', cls: string) =>
    `<g class="node ${cls}"><title>${escapeHtml(name)}</title><rect x="${x - 5}" y="${y - 9}" width="10" height="18" rx="3"/>` +
    `<text x="${anchor === 'end' ? x - 10 : x + 10}" y="${y + 4}" text-anchor="${anchor}">${escapeHtml(short(name))}</text></g>`;
  for (const b of binaries) parts.push(node(b, LEFT, yOf(binaries, b), 'end', 'binary'));
  for (const d of destinations) parts.push(node(d, RIGHT, yOf(destinations, d), 'start', 'destination'));
  return (
    `<svg id="egress-graph" viewBox="0 0 ${WIDTH} ${height}" width="100%" ` +
    `role="img" aria-label="Egress: binaries to destinations">${parts.join('')}</svg>`
  );
}
