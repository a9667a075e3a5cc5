import { Socket } from 'node:net';
import { inspectsConnection } from '../decision.js';
import { FIRST_BYTES_MS, readFirst } from '../hello.js';
import type { Step } from './chain.js';

/**
 * Transparent TCP, after an allow and before the upstream connect: start reading the client's first bytes
 * (usually there already), so carry has them when the upstream answers instead of one event-loop turn later.
 * Nothing is sent anywhere before carry; a connection that ends up denied is closed, which ends the read.
 */
export const firstBytesStep: Step = (next) => async (a) => {
  const client = a.client;
  if (a.sandbox && a.target && client instanceof Socket) {
    const inspect = inspectsConnection(a.ctx, a.sandbox, a.who, a.target);
    // A read that fails is "nothing sent": carry then closes both sides.
    const first = readFirst(client, inspect ? FIRST_BYTES_MS : 0).catch(() => null);
    a.carrying = { inspect, first };
  }
  await next(a);
};
