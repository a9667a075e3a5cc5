import { isIP } from 'node:net';
import { CONTROL_PLANE_PORTS, cidrContains, isAlwaysBlocked, isPrivateAddress, unmapped } from './address.js';
import { binaryMatches, hasControlBytes, hostMatches, normalizeHost } from './glob.js';
import type { BinaryIdentity, Decision, Destination, Endpoint, NetworkPolicy, Policy } from './types.js';

/** How one endpoint relates to a destination: no match, a match, or a match that something blocks. */
type EndpointResult =
  | { readonly kind: 'none' }
  | { readonly kind: 'match'; readonly endpoint: Endpoint }
  | { readonly kind: 'blocked'; readonly reason: string };

interface Target {
  /** The host name, when the destination has one (lower case, no trailing dot). */
  readonly name?: string;
  /** The IP address, when known (given, or the host is an IP literal). */
  readonly ip?: string;
  readonly port: number;
}

/**
 * Decide one connection (OpenShell v0.0.111 semantics). Allowed only when an endpoint and a binary of
 * the same `network_policies` entry match; an unknown binary (null) never matches a per-binary rule.
 * Addresses, once known, are checked as OpenShell checks them: with `allowed_ips` the address must be
 * inside; an exactly named host may be private but not loopback, link-local or unspecified; a
 * wildcard host must be public (special-use ranges count as internal). Control-plane ports (etcd,
 * Kubernetes API, kubelet) are refused for named and pinned endpoints. `enforcement: audit`
 * endpoints allow and report `audit`. Pure.
 *
 * Pass `dest.ip` whenever the real address is known (an IP connect, or a name after it was resolved
 * upstream) so the private-address guard and `allowed_ips` apply; never pass a synthetic address.
 */
export function decide(policy: Policy, binary: BinaryIdentity | null, dest: Destination): Decision {
  const target = toTarget(dest);
  if (!target) return { action: 'deny', policy: null, reason: 'invalid destination' };
  const shown = `${target.name ?? target.ip}:${target.port}`;
  let blocked: Decision | null = null;
  let binaryMiss: string | null = null;
  let best: Decision | null = null;
  for (const entry of sorted(policy.network_policies)) {
    const results = entry.endpoints.map((e) => matchEndpoint(e, target));
    const match =
      results.find((r) => r.kind === 'match' && r.endpoint.enforcement === 'enforce') ??
      results.find((r) => r.kind === 'match');
    const blockedResult = results.find((r) => r.kind === 'blocked');
    if (!match && !blockedResult) continue;
    if (!binaryAllowed(entry, binary)) {
      binaryMiss ??=
        binary === null
          ? `binary unknown: it cannot match policy '${entry.key}', which allows ${shown} per binary`
          : binary.tainted
            ? `binary ${binary.exe} is tainted (${binary.tainted}): it cannot match policy '${entry.key}', which allows ${shown} per binary`
            : `binary ${binary.exe} not allowed by policy '${entry.key}' for ${shown}`;
      continue;
    }
    if (match?.kind === 'match') {
      const action = match.endpoint.enforcement === 'audit' ? 'audit' : 'allow';
      if (!best || (best.action === 'audit' && action === 'allow')) {
        best = {
          action,
          policy: entry.key,
          reason:
            action === 'audit'
              ? `allowed for audit by policy '${entry.key}'`
              : `allowed by policy '${entry.key}'`,
        };
      }
    } else if (blockedResult?.kind === 'blocked') {
      blocked ??= { action: 'deny', policy: entry.key, reason: blockedResult.reason };
    }
  }
  if (best) return best;
  if (blocked) return blocked;
  if (binaryMiss) return { action: 'deny', policy: null, reason: binaryMiss };
  if (policy.network_policies.length === 0)
    return { action: 'deny', policy: null, reason: 'network connections not allowed by policy' };
  const ipNote =
    target.ip && !target.name && isPrivateAddress(target.ip) ? ` (${target.ip} is a private address)` : '';
  return { action: 'deny', policy: null, reason: `no matching policy${ipNote}` };
}

/**
 * Does some endpoint of some entry match (or block) `dest`, whatever the binary? When not, `decide` denies
 * it the same way for every binary, so who made the connection changes nothing but the log. Pure.
 */
export function covers(policy: Policy, dest: Destination): boolean {
  const target = toTarget(dest);
  if (!target) return false;
  return policy.network_policies.some((entry) =>
    entry.endpoints.some((e) => matchEndpoint(e, target).kind !== 'none'),
  );
}

/**
 * For DNS: does some endpoint of some entry match this name (any port, any binary)? The binary and
 * port are checked at connect time. Endpoints that cannot be enforced, and entries without binaries, do not count.
 */
export function nameAllowed(policy: Policy, host: string): { allowed: boolean; policy: string | null } {
  const name = normalizeHost(host);
  if (isIP(name) !== 0) return { allowed: false, policy: null };
  for (const entry of sorted(policy.network_policies)) {
    if (entry.binaries.length === 0) continue;
    const hit = entry.endpoints.some(
      (e) => e.host !== undefined && e.enforceable && e.ports.length > 0 && hostMatches(e.host, name),
    );
    if (hit) return { allowed: true, policy: entry.key };
  }
  return { allowed: false, policy: null };
}

/** Does the exe, or any ancestor's exe, match a binary of the entry? Unknown (null) and tainted never do. */
export function binaryAllowed(entry: NetworkPolicy, binary: BinaryIdentity | null): boolean {
  if (binary === null || binary.tainted) return false;
  const paths = [binary.exe, ...binary.ancestors];
  return entry.binaries.some((b) => paths.some((p) => binaryMatches(b.path, p)));
}

function matchEndpoint(e: Endpoint, t: Target): EndpointResult {
  if (!e.ports.includes(t.port)) return { kind: 'none' };
  if (e.host !== undefined) {
    if (t.name === undefined || !hostMatches(e.host, t.name)) return { kind: 'none' };
  } else if (e.ip !== undefined) {
    if (t.name !== undefined || t.ip === undefined || !cidrContains(e.ip, t.ip)) return { kind: 'none' };
  } else if (t.ip === undefined) {
    // A hostless endpoint (allowed_ips only) needs the resolved address to decide.
    return { kind: 'none' };
  }
  const exact = e.host !== undefined && !e.host.includes('*');
  const pinned = e.allowed_ips.length > 0 || e.ip !== undefined;
  if ((exact || pinned) && CONTROL_PLANE_PORTS.includes(t.port)) {
    return { kind: 'blocked', reason: `port ${t.port} is a blocked control-plane port` };
  }
  const blocked = t.ip === undefined ? null : addressProblem(e, t.ip, exact);
  if (blocked) return { kind: 'blocked', reason: blocked };
  if (!e.enforceable) {
    const why = e.middleware?.length
      ? `middleware ${e.middleware.join(', ')} (on_error: fail_closed) is not run by Paddock`
      : 'it has L7 rules Paddock cannot enforce yet';
    return {
      kind: 'blocked',
      reason: `the matching endpoint (line ${e.line ?? '?'}) denies: ${why} (fail closed)`,
    };
  }
  return { kind: 'match', endpoint: e };
}

/** OpenShell's address check for the endpoint's kind; null when the address may be used. */
function addressProblem(e: Endpoint, ip: string, exact: boolean): string | null {
  if (e.allowed_ips.length > 0) {
    // Loopback/link-local entries are accepted only in a list of their own (see the parser).
    return e.allowed_ips.some((c) => cidrContains(c, ip))
      ? null
      : `${ip} is not in allowed_ips of the matching endpoint`;
  }
  if (e.ip !== undefined) return null;
  if (exact) {
    return isAlwaysBlocked(ip)
      ? `${ip} is a loopback, link-local or unspecified address; list it in allowed_ips to allow it`
      : null;
  }
  return isPrivateAddress(ip)
    ? `${ip} is an internal or special-use address, which a wildcard host never reaches; name the host exactly or list it in allowed_ips`
    : null;
}

function toTarget(dest: Destination): Target | null {
  if (!Number.isInteger(dest.port) || dest.port < 1 || dest.port > 65535) return null;
  if (dest.host !== undefined && hasControlBytes(dest.host)) return null;
  let name =
    dest.host === undefined || dest.host === ''
      ? undefined
      : normalizeHost(dest.host.replace(/^\[(.*)\]$/, '$1'));
  let ip = dest.ip === undefined || dest.ip === '' ? undefined : unmapped(dest.ip);
  if (name !== undefined && isIP(name) !== 0) {
    ip ??= unmapped(name);
    name = undefined;
  }
  if (ip !== undefined && isIP(ip) === 0) return null;
  if (name === undefined && ip === undefined) return null;
  return { ...(name !== undefined ? { name } : {}), ...(ip !== undefined ? { ip } : {}), port: dest.port };
}

/** Entries in key order, so the smallest matching key decides (as OpenShell reports it). */
function sorted(entries: readonly NetworkPolicy[]): readonly NetworkPolicy[] {
  let out = order.get(entries);
  if (!out) {
    out = [...entries].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    order.set(entries, out);
  }
  return out;
}

const order = new WeakMap<readonly NetworkPolicy[], readonly NetworkPolicy[]>();
