import type { Attributed } from './attribution.js';
import type { GatewayContext, SandboxEntry } from './context.js';
import { decideConnection, explained, inspectsConnection, type Target } from './decision.js';

/** A connection whose bytes are no longer read (spliced, a joined WebSocket): a policy reload decides it again. */
export interface Carried {
  /** Why the sandbox's policy, as it is now, would not carry it so; null: it would. */
  recheck(): string | null;
  /** Close both sides and record why. */
  cut(reason: string): void;
}

const open = new WeakMap<SandboxEntry, Set<Carried>>();
/** How many times each sandbox's policy was reloaded. */
const reloads = new WeakMap<SandboxEntry, number>();

/** Which policy of the sandbox decisions use now (a count of its reloads): admission stamps it (`since`). */
export function policyGeneration(sandbox: SandboxEntry): number {
  return reloads.get(sandbox) ?? 0;
}

/**
 * Count `c` among the sandbox's carried connections until the returned function is called (at its close).
 * `since`: the policy generation it was decided under; a reload since (while its upstream opened, or its
 * answer was recorded) decides it again now, as the reload would have.
 */
export function carrying(sandbox: SandboxEntry, c: Carried, since: number): () => void {
  let set = open.get(sandbox);
  if (!set) {
    set = new Set();
    open.set(sandbox, set);
  }
  set.add(c);
  const unlist = () => set.delete(c);
  if (since !== policyGeneration(sandbox)) {
    const why = c.recheck();
    if (why !== null) c.cut(`policy reloaded: ${why} (open connection closed)`);
  }
  return unlist;
}

/** A spliced connection's recheck: decided as a new one would be; denied, or now to be inspected, it goes. */
export function splicedRecheck(
  ctx: GatewayContext,
  sandbox: SandboxEntry,
  who: Attributed | null,
  unknown: string | null,
  target: Target,
): string | null {
  const decision = explained(decideConnection(ctx, sandbox, who, target), unknown);
  if (decision.action === 'deny') return decision.reason;
  if (inspectsConnection(ctx, sandbox, who, target))
    return 'its requests must now be seen, and the connection was spliced';
  return null;
}

/**
 * After a policy reload: decide each carried connection of the sandbox again and cut those the policy now
 * refuses (their later bytes would go unread). Returns how many were cut.
 */
export function redecideCarried(sandbox: SandboxEntry): number {
  reloads.set(sandbox, policyGeneration(sandbox) + 1);
  let cut = 0;
  for (const c of [...(open.get(sandbox) ?? [])]) {
    const why = c.recheck();
    if (why === null) continue;
    c.cut(`policy reloaded: ${why} (open connection closed)`);
    cut++;
  }
  return cut;
}
