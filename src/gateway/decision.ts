import type { BinaryIdentity, Decision, Destination, HttpRequest, Policy } from '../policy/types.js';
import type { Attributed } from './attribution.js';
import type { Credential, GatewayContext, SandboxEntry } from './context.js';
import { credentialCovers } from './http/credentials.js';
import { isSynthetic } from './synthetic.js';

/** Where a captured connection was going, as the gateway understands it. */
export interface Target {
  /** The name: from a synthetic address, a proxy request, or null for a bare IP. */
  readonly host: string | null;
  /** The address the client dialled (synthetic or real), or null for a proxy request by name. */
  readonly ip: string | null;
  readonly port: number;
}

/** Synthetic address → the name handed out for it; a synthetic address never handed out stays unknown. */
export function targetFor(sandbox: SandboxEntry, ip: string, port: number): Target | { unknown: string } {
  if (!isSynthetic(ip)) return { host: null, ip, port };
  const host = sandbox.pool.nameFor(ip);
  return host ? { host, ip, port } : { unknown: `synthetic address ${ip} was never handed out` };
}

/**
 * Decide one connection with the sandbox's policy and apply the session audit switch.
 * A name is decided as a name (the synthetic IP is not passed on); a bare IP as an IP.
 */
/** The policy's view of a target: a name is decided as a name, a bare IP as an IP. */
function destinationOf(target: Target, resolvedIp?: string): Destination {
  return target.host !== null
    ? { host: target.host, port: target.port, ...(resolvedIp ? { ip: resolvedIp } : {}) }
    : { ip: target.ip ?? '', port: target.port };
}

/**
 * Is the binary needed to decide `target`? Not when the session allows nothing for audit and the policy
 * denies it for every binary (then who made it only goes into the event). An error says yes.
 */
export function binaryMatters(ctx: GatewayContext, sandbox: SandboxEntry, target: Target): boolean {
  if (ctx.audit || !ctx.attribution) return true;
  try {
    return ctx.rules.covers(sandbox.policy, destinationOf(target));
  } catch {
    return true; // the full decision runs, and denies if it fails too
  }
}

export function decideConnection(
  ctx: GatewayContext,
  sandbox: SandboxEntry,
  who: Attributed | null,
  target: Target,
  resolvedIp?: string,
): Decision {
  const dest = destinationOf(target, resolvedIp);
  const binary = identityOf(who);
  let decision: Decision;
  try {
    decision = ctx.attribution
      ? ctx.rules.decide(sandbox.policy, binary, dest)
      : ctx.rules.decide(withoutBinaries(sandbox.policy), PROXY_ONLY, dest);
  } catch (error) {
    decision = { action: 'deny', policy: null, reason: `decision failed: ${String(error)}` };
  }
  return auditable(ctx, decision);
}

function identityOf(who: Attributed | null): BinaryIdentity | null {
  return who
    ? {
        exe: who.exe,
        ancestors: who.ancestors,
        ...(who.taint.length > 0 ? { tainted: who.taint.join('; ') } : {}),
      }
    : null;
}

/** The policy and binary a request is judged with (proxy-only mode checks no binaries). */
function judged(ctx: GatewayContext, sandbox: SandboxEntry, who: Attributed | null) {
  return ctx.attribution
    ? { policy: sandbox.policy, binary: identityOf(who) }
    : { policy: withoutBinaries(sandbox.policy), binary: PROXY_ONLY };
}

/** The credentials of the sandbox whose hosts include `host`. */
export function credentialsFor(sandbox: SandboxEntry, host: string | null): Credential[] {
  if (host === null) return [];
  return (sandbox.credentials ?? []).filter((c) => credentialCovers(c, host));
}

/**
 * Does the gateway have to see this allowed connection's requests: request rules or `tls: terminate` on a
 * matching endpoint, or a credential for its host. A policy error means yes (inspecting is the safe side).
 */
export function inspectsConnection(
  ctx: GatewayContext,
  sandbox: SandboxEntry,
  who: Attributed | null,
  target: Target,
): boolean {
  if (credentialsFor(sandbox, target.host).length > 0) return true;
  const { policy, binary } = judged(ctx, sandbox, who);
  try {
    return ctx.rules.inspects(policy, binary, destinationOf(target));
  } catch {
    return true; // inspected: every request then goes through the rules, which deny if they fail too
  }
}

/** Decide one request on an inspected connection, with the session audit switch. */
export function decideRequest(
  ctx: GatewayContext,
  sandbox: SandboxEntry,
  who: Attributed | null,
  target: Target,
  req: HttpRequest,
): Decision {
  const { policy, binary } = judged(ctx, sandbox, who);
  let decision: Decision;
  try {
    decision = ctx.rules.decideRequest(policy, binary, destinationOf(target), req);
  } catch (error) {
    decision = { action: 'deny', policy: null, reason: `decision failed: ${String(error)}` };
  }
  return auditable(ctx, decision);
}

/** proxy-only mode cannot attribute: binaries are not checked (the gateway says so at start and in health). */
const PROXY_ONLY = { exe: '/proxy-only', ancestors: [] } as const;

function withoutBinaries(policy: Policy): Policy {
  return {
    ...policy,
    network_policies: policy.network_policies.map((n) => ({ ...n, binaries: [{ path: '/**' }] })),
  };
}

/** A denial of an unknown binary says why it is unknown (over budget, socket closed, ambiguous holders). */
export function explained(decision: Decision, unknown: string | null): Decision {
  if (decision.action === 'allow' || unknown === null) return decision;
  return { ...decision, reason: `${decision.reason} (${unknown})` };
}

/** With the session audit switch on, a denial is allowed and logged as `audit`. */
export function auditable(ctx: GatewayContext, decision: Decision): Decision {
  if (decision.action !== 'deny' || !ctx.audit) return decision;
  return { action: 'audit', policy: decision.policy, reason: `audit mode: ${decision.reason}` };
}

/** The body a denied explicit-proxy client gets with its 403. */
export function denialBody(target: Target, who: Attributed | null, reason: string): string {
  return JSON.stringify({
    error: 'policy_denied',
    host: target.host ?? target.ip,
    port: target.port,
    binary: who?.exe ?? null,
    reason,
  });
}
