import { type EgressEvent, formatEvent } from '../common/event.js';
import type { LandlockStatus, SandboxState } from '../sandbox/index.js';
import { jsonText, table } from './output.js';

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
  /** How its connections are attributed: `connect-time` or `procfs`. */
  readonly attribution?: string;
  /** Landlock in the sandbox (running sandboxes): paddock-init's ABI and whether its rules are enforced. */
  readonly landlock?: LandlockStatus;
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
    ...(state.attribution ? { attribution: state.attribution } : {}),
    ...(state.landlock ? { landlock: state.landlock } : {}),
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
    ...(view.attribution ? [['Attribution', view.attribution] as [string, string]] : []),
    ...(view.landlock ? [['Landlock', landlockLine(view.landlock)] as [string, string]] : []),
  ];
  const width = Math.max(...rows.map(([k]) => k.length)) + 1;
  return rows.map(([k, v]) => `${`${k}:`.padEnd(width)} ${v}`).join('\n') + '\n';
}

/** `ABI 6, enforced (best_effort)`, or `not enforced: <why> (best_effort)`. */
export function landlockLine(l: LandlockStatus): string {
  if (l.enforced) return `ABI ${l.abi}, enforced (${l.compatibility})`;
  return `not enforced: ${l.abi === 0 ? (l.reason ?? 'unavailable') : 'no filesystem rules'} (${l.compatibility})`;
}

/** Events as the user reads them: one human line each, led by its time, or JSONL. */
export function renderEvents(events: readonly EgressEvent[], format: 'table' | 'json'): string {
  return events.map((e) => `${format === 'json' ? jsonText(e) : `${e.time} ${formatEvent(e)}`}\n`).join('');
}

/**
 * What `paddock run` prints to stderr at the end: the distinct denials and audits (binary, destination,
 * reason) with counts, or one line pointing at `--events FILE`; and how to turn them into an allowlist.
 * Empty when nothing was denied or audited.
 */
export function denialSummary(events: readonly EgressEvent[], eventsFile?: string): string {
  const flagged = events.filter((e) => e.action !== 'allow');
  if (flagged.length === 0) return '';
  const count = (action: EgressEvent['action'], what: string): string[] => {
    const n = flagged.filter((e) => e.action === action).length;
    return n === 0 ? [] : [`${n} connection attempt${n === 1 ? '' : 's'} ${what}`];
  };
  const head = `paddock: ${[...count('deny', 'denied'), ...count('audit', 'audited (allowed; the policy would deny)')].join(', ')}`;
  if (eventsFile)
    return `${head}; events in ${eventsFile}; allow them with: paddock policy suggest --events ${eventsFile}\n`;
  const groups = new Map<string, number>();
  for (const e of flagged) {
    const line = formatEvent({ ...e, pid: null });
    groups.set(line, (groups.get(line) ?? 0) + 1);
  }
  const lines = [...groups].map(([line, n]) => `  ${line}${n > 1 ? ` x${n}` : ''}`);
  const hint = 'paddock: to allow them, rerun with --events FILE, then: paddock policy suggest --events FILE';
  return `${[`${head}:`, ...lines, hint].join('\n')}\n`;
}
