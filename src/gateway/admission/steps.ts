import type { Socket } from 'node:net';
import type { Budget } from '../budget.js';
import { policyGeneration } from '../carried.js';
import { type GatewayContext, sandboxByIp, whyUnknown } from '../context.js';
import { OncePer } from '../once-per.js';
import { type Admission, deny, type Step } from './chain.js';

/**
 * The sandbox the peer address belongs to (its holder checked, see sandboxByIp); anything else is denied,
 * saying why when the address had a registration that was dropped as stale.
 */
export const sandboxStep: Step = (next) => async (a) => {
  a.sandbox = sandboxByIp(a.ctx, a.peer.ip);
  if (a.sandbox) a.since = policyGeneration(a.sandbox);
  if (!a.sandbox) {
    a.target ??= { host: null, ip: a.peer.ip, port: a.peer.port };
    const stale = whyUnknown(a.ctx, a.peer.ip);
    return deny(a, stale ?? `${a.layer === 'http' ? 'request' : 'connection'} from an unregistered address`);
  }
  await next(a);
};

/** Over budget: deny, recorded once per window per sandbox and kind (the rest are counted, quiet). */
export function overBudget(a: Admission, kind: string, detail: string): void {
  deny(a, `over budget: ${detail}`);
  const first = a.sandbox?.budget.overBudget(kind) ?? true;
  if (first) a.ctx.log(`budget: sandbox ${a.sandbox?.name ?? '-'} over its ${kind} budget (${detail})`);
  else a.quiet = true;
}

const holding = new WeakSet<object>();

/** The client's one slot of `budget` (given back when it closes); false when none is left. */
function hold(budget: Budget, client: Socket): boolean {
  if (holding.has(client)) return true;
  if (!budget.take('connections')) return false;
  holding.add(client);
  client.once('close', () => budget.give('connections'));
  return true;
}

/**
 * Take a connection's slot as it is accepted, for a listener that reads before admission (the explicit proxy
 * waits up to 30 s for first bytes, and Node's server 60 s for a head): false when its sandbox has none left
 * (admit it then: admission records the over-budget denial). An unregistered address takes nothing here
 * (admission denies it). Before (7 Dec 2026) a silent proxy connection held no slot: a sandbox could hold any
 * number, and the gateway's descriptors with them.
 */
export function holdAtAccept(ctx: GatewayContext, client: Socket): boolean {
  const budget = sandboxByIp(ctx, client.remoteAddress ?? '', null)?.budget;
  return !budget || hold(budget, client);
}

/**
 * One connection slot of the sandbox's budget per client socket, given back when the socket closes
 * (keep-alive requests on one socket share the slot).
 */
export const connectionBudget: Step = (next) => async (a) => {
  const budget = a.sandbox?.budget;
  const client = a.client as Socket | undefined;
  if (budget?.deniedTooOften())
    return overBudget(a, 'denials', `${budget.limits.denials} denied connections a second`);
  if (budget && client && !hold(budget, client))
    return overBudget(a, 'connections', `${budget.limits.connections} open connections`);
  await next(a);
  // Every denial that took work counts against the sandbox's denial rate.
  if (budget && a.decision?.action === 'deny') budget.takeDenial();
};

/**
 * Denied requests on an inspected connection count against the sandbox's denial rate, as denied connections do:
 * past it a request is denied before any work (recorded once a window) and its connection is hung up, so a
 * pipelined or multiplexed flood of denied requests costs the shared gateway no more than one of connections.
 * Before (8 Dec 2026) each was decided and recorded: one connection wrote ~14,000 events a second.
 */
export const requestBudget: Step = (next) => async (a) => {
  const budget = a.sandbox?.budget;
  if (!budget) return next(a);
  const over = () => {
    a.hangUp = true;
    overBudget(a, 'denials', `${budget.limits.denials} denied connections or requests a second`);
  };
  if (budget.deniedTooOften()) return over();
  await next(a);
  // Requests decided together (pipelined, multiplexed) all passed the check above: each denial takes a token.
  if (a.decision?.action === 'deny' && !budget.takeDenial()) over();
};

/**
 * At most one event per key per window (a UDP flood must not flood the log): a repeat is denied
 * quietly and skips the rest of the chain (no attribution work either).
 */
export function throttleStep(windowMs: number, keyOf: (a: Admission) => string): Step {
  const recent = new OncePer(windowMs);
  return (next) => async (a) => {
    if (!recent.first(keyOf(a))) {
      a.quiet = true;
      return deny(a, 'repeat inside the log window');
    }
    await next(a);
  };
}
