import { errorMessage } from '../../common/errors.js';
import type { EgressEvent } from '../../common/event.js';
import { type Admission, deny, type Step } from './chain.js';

/** The event for a finished admission (DESIGN.md "Event"). */
export function eventOf(a: Admission): EgressEvent {
  const decision = a.decision ?? { action: 'deny', policy: null, reason: 'no decision' };
  return {
    time: new Date().toISOString(),
    session: a.ctx.session,
    sandbox: a.sandbox?.name ?? null,
    run: a.sandbox?.run ?? null,
    action: decision.action,
    layer: a.layer,
    protocol: a.protocol,
    host: a.target?.host ?? null,
    ip: a.target?.ip ?? null,
    port: a.protocol === 'icmp' ? null : (a.target?.port ?? null),
    binary: a.who?.exe ?? null,
    pid: a.who?.pid ?? null,
    ancestors: a.who?.ancestors ?? [],
    cmdline: a.who?.cmdline ?? null,
    identity: a.who?.identity ?? null,
    policy: decision.policy,
    reason: a.upstreamError ? `${decision.reason} (${a.upstreamError})` : decision.reason,
    ...(a.http
      ? {
          method: a.http.method,
          path: a.http.path,
          ...(a.http.status === null ? {} : { status: a.http.status }),
          bytes: a.http.bytes,
        }
      : {}),
    ...(a.sandbox?.phase ? { phase: a.sandbox.phase } : {}),
  };
}

/**
 * The outermost step: whatever the rest of the chain does, exactly one decision comes out and is
 * recorded once (unless a step made it quiet). An error anywhere inside is a denial that says why; a
 * decision that cannot be recorded becomes a denial too (its upstream is closed), so nothing is allowed
 * without evidence.
 */
export const recordStep: Step = (next) => async (a) => {
  try {
    await next(a);
  } catch (error) {
    a.ctx.log(`admission: ${a.layer}/${a.protocol} from ${a.peer.ip}:${a.peer.port}: ${errorMessage(error)}`);
    a.upstream?.destroy();
    a.upstream = null;
    deny(a, `gateway error: ${errorMessage(error)}`);
  }
  if (!a.decision) deny(a, 'gateway error: no step decided');
  if (a.quiet) return;
  if (a.decision?.action === 'deny' && a.explain) {
    const seen = await a.explain().catch(() => null);
    if (seen && a.decision)
      a.decision = { ...a.decision, reason: `${a.decision.reason} (client asked for ${seen})` };
  }
  if (a.decision?.action !== 'deny' && a.upstream) a.beforeRecord?.();
  try {
    await a.ctx.events.append(eventOf(a));
  } catch (error) {
    a.ctx.log(`admission: cannot record a decision, denying: ${errorMessage(error)}`);
    a.upstream?.destroy();
    a.upstream = null;
    deny(a, `cannot record the decision: ${errorMessage(error)}`);
  }
};
