import type { Socket } from 'node:net';
import { errorMessage } from '../../common/errors.js';
import type { Decision } from '../../policy/types.js';
import type { GatewayContext } from '../context.js';
import { decideConnection, explained, type Target } from '../decision.js';
import type { Step } from './chain.js';

export type OpenUpstream = (
  ctx: GatewayContext,
  target: Target,
  recheck: (ip: string) => Decision,
) => Promise<{ socket: Socket } | { deny: Decision }>;

/**
 * After an allow: resolve the real name (only now) and connect. A resolved address is decided again
 * (the private-address guard); that denial replaces the decision. A failure keeps the policy's decision
 * and says in the event why no connection was made.
 */
export function upstreamStep(open: OpenUpstream): Step {
  return (next) => async (a) => {
    const { sandbox, target } = a;
    if (!sandbox || !target) throw new Error('upstream step without a sandbox and target');
    try {
      const opened = await open(a.ctx, target, (ip) =>
        explained(decideConnection(a.ctx, sandbox, a.who, target, ip), a.unknown),
      );
      if ('deny' in opened) {
        a.decision = opened.deny;
        return;
      }
      a.upstream = opened.socket;
    } catch (error) {
      a.upstreamError = `upstream failed: ${errorMessage(error)}`;
      return;
    }
    await next(a);
  };
}
