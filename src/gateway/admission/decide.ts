import { decideConnection, explained, targetFor } from '../decision.js';
import { deny, type Step } from './chain.js';

/** Transparent capture: the original destination is the remote address of the client socket's row. */
export const destinationStep: Step = (next) => async (a) => {
  const row = a.row;
  if (!row || !a.sandbox) return deny(a, 'original destination unknown (client socket not found)');
  const target = targetFor(a.sandbox, row.remoteIp, row.remotePort);
  if ('unknown' in target) {
    a.target = { host: null, ip: row.remoteIp, port: row.remotePort };
    return deny(a, target.unknown);
  }
  a.target = target;
  await next(a);
};

/** The sandbox's policy decides the target (with the session audit switch); a denial ends the chain. */
export const decideStep: Step = (next) => async (a) => {
  if (!a.sandbox || !a.target) return deny(a, 'gateway error: nothing to decide');
  a.decision = explained(decideConnection(a.ctx, a.sandbox, a.who, a.target), a.unknown);
  if (a.decision.action === 'deny') return;
  await next(a);
};
