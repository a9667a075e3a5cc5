import { type EgressEvent, formatEvent } from '../common/event.js';
import type { SandboxState } from '../sandbox/index.js';
import { table } from './output.js';

// Pure renderers for CLI output: what `list`, `get` and `run`'s summary print.

/** A sandbox as `list`/`get` show it, with the policy the CLI fenced it with. */
export interface SandboxView {
  readonly name: string;
  readonly state: string;
  readonly image: string;
  readonly ip: string;
  readonly policy: string;
  readonly user: string;
  readonly id: string;
  readonly run: string | null;
  readonly session: string;
}

export function sandboxView(state: SandboxState, policy: string): SandboxView {
  return {
    name: state.name,
    state: state.state,
    image: state.image,
    ip: state.ip,
    policy,
    user: state.user,
    id: state.id.slice(0, 12),
    run: state.run,
    session: state.session,
  };
}

export function sandboxTable(views: readonly SandboxView[]): string {
  return table(
    ['NAME', 'STATE', 'IMAGE', 'IP', 'POLICY'],
    views.map((v) => [v.name, v.state, v.image, v.ip || '-', v.policy]),
  );
}

/** `key: value` lines for one sandbox. */
export function sandboxDetails(view: SandboxView): string {
  const rows: [string, string][] = [
    ['Name', view.name],
    ['Session', view.session],
    ['State', view.state],
    ['Image', view.image],
    ['IP', view.ip || '-'],
    ['User', view.user],
    ['Policy', view.policy],
    ['Container', view.id],
  ];
  const width = Math.max(...rows.map(([k]) => k.length)) + 1;
  return rows.map(([k, v]) => `${`${k}:`.padEnd(width)} ${v}`).join('\n') + '\n';
}

/** Events as the user reads them: one human line each, or JSONL. */
export function renderEvents(events: readonly EgressEvent[], format: 'table' | 'json'): string {
  return events.map((e) => `${format === 'json' ? JSON.stringify(e) : formatEvent(e)}\n`).join('');
}

/**
 * What `paddock run` prints to stderr at the end: the distinct denials (binary, destination, reason)
 * with counts, or one line pointing at `--events FILE`; and how to turn them into an allowlist.
 * Empty when nothing was denied.
 */
export function denialSummary(events: readonly EgressEvent[], eventsFile?: string): string {
  const denied = events.filter((e) => e.action === 'deny');
  if (denied.length === 0) return '';
  const groups = new Map<string, { line: string; count: number }>();
  for (const e of denied) {
    const line = formatEvent({ ...e, pid: null });
    const group = groups.get(line) ?? { line, count: 0 };
    group.count++;
    groups.set(line, group);
  }
  const head = `paddock: ${denied.length} connection attempt${denied.length === 1 ? '' : 's'} denied`;
  if (eventsFile)
    return `${head}; events in ${eventsFile}; allow them with: paddock policy suggest --events ${eventsFile}\n`;
  const lines = [...groups.values()].map((g) => `  ${g.line}${g.count > 1 ? ` x${g.count}` : ''}`);
  const hint = 'paddock: to allow them, rerun with --events FILE, then: paddock policy suggest --events FILE';
  return `${[`${head}:`, ...lines, hint].join('\n')}\n`;
}
