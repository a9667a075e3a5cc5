import type { Socket } from 'node:net';
import { sandboxByIp, whyUnknown } from '../context.js';
import { OncePer } from '../once-per.js';
import { type Admission, deny, type Step } from './chain.js';

/**
 * The sandbox the peer address belongs to (its holder checked, see sandboxByIp); anything else is denied,
 * saying why when the address had a registration that was dropped as stale.
 */
export const sandboxStep: Step = (next) => async (a) => {
  a.sandbox = sandboxByIp(a.ctx, a.peer.ip);
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

/**
 * One connection slot of the sandbox's budget per client socket, given back when the socket closes
 * (keep-alive requests on one socket share the slot).
 */
export const connectionBudget: Step = (next) => async (a) => {
  const budget = a.sandbox?.budget;
  const client = a.client as Socket | undefined;
  if (budget?.deniedTooOften())
    return overBudget(a, 'denials', `${budget.limits.denials} denied connections a second`);
  if (budget && client && !holding.has(client)) {
    if (!budget.take('connections'))
      return overBudget(a, 'connections', `${budget.limits.connections} open connections`);
    holding.add(client);
    client.once('close', () => budget.give('connections'));
  }
  await next(a);
  // Every denial that took work counts against the sandbox's denial rate.
  if (budget && a.decision?.action === 'deny') budget.takeDenial();
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
