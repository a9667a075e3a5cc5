import { existsSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import type { EgressEvent } from '../common/event.js';
import type { Results } from '../eval/results.js';
import { isShipped, loadPolicy, type Policy, suggestPolicy } from '../policy/index.js';
import type { Suggestion } from './summary.js';

/**
 * The policy the eval ran with, and how a suggestion should `extends:` it: a shipped name, or a path relative
 * to the working directory (where the suggestion is meant to be pasted). Null when it cannot be reloaded
 * (an inline policy, a file that has gone).
 */
async function basePolicy(source: string, cwd: string): Promise<{ policy: Policy; extends: string } | null> {
  if (isShipped(source)) return { policy: (await loadPolicy(source)).policy, extends: source };
  const path = resolve(cwd, source);
  if (!existsSync(path)) return null;
  const policy = await loadPolicy(path).then(
    (p) => p.policy,
    () => null,
  );
  if (policy === null) return null;
  const rel = relative(cwd, path);
  return { policy, extends: rel.startsWith('..') || isAbsolute(rel) ? path : rel };
}

/**
 * What goes to `suggested-policy.yaml` and the summary's suggestion block, the same for the CLI and the
 * Action: an addition that extends the eval's policy and allows what the session denied; null when nothing was.
 */
export async function suggestionFor(
  results: Results,
  events: readonly EgressEvent[],
  cwd: string = process.cwd(),
): Promise<Suggestion | null> {
  // The suggestion extends the runs' policy: the setup phase's denials (its own policy's) are not theirs.
  const own = events.filter((e) => e.phase !== 'setup');
  if (!own.some((e) => e.action === 'deny' || e.action === 'audit')) return null;
  const base = await basePolicy(results.policy.source, cwd);
  const suggestion = base ? suggestPolicy(own, base.policy, { extends: base.extends }) : suggestPolicy(own);
  return { yaml: suggestion.yaml };
}
