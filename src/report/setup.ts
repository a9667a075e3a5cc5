import { plural } from '../common/plural.js';
import type { SetupResult } from '../eval/results.js';
import { formatDuration } from './text.js';

/**
 * One plain-text line about the setup phase, for the summary, report.html and the CLI: what image the runs
 * used and whether setup ran for it, or why no run started. Pure; callers escape it.
 */
export function setupLine(s: SetupResult): string {
  const denied =
    s.denials > 0 ? `, ${plural(s.denials, 'denied egress attempt')} (see ${s.paths.events})` : '';
  if (s.status !== 'passed')
    return `Setup ${s.status === 'failed' ? 'failed' : `failed (${s.status})`}: ${s.reason}; no run started. Its log: ${s.paths.stdout}, ${s.paths.stderr}${denied}`;
  if (s.cached) return `Setup reused ${s.image}: built earlier from the same inputs, not run again`;
  return `Setup built ${s.image} in ${formatDuration(s.durationMs)}${denied}`;
}
