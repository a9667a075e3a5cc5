/** Session networks take /24s from this range, which Docker's default address pools leave alone. */
export const SUBNET_POOL = '172.16.0.0/16';

function toInt(ip: string): number {
  return ip.split('.').reduce((acc, part) => acc * 256 + Number(part), 0);
}

function toIp(n: number): string {
  return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');
}

/** [first, last] addresses of an IPv4 CIDR; undefined for anything else. */
export function cidrRange(cidr: string): [number, number] | undefined {
  const m = /^(\d{1,3}(?:\.\d{1,3}){3})\/(\d{1,2})$/.exec(cidr);
  if (!m?.[1] || m[2] === undefined) return undefined;
  const bits = Number(m[2]);
  if (bits > 32) return undefined;
  const size = 2 ** (32 - bits);
  const first = Math.floor(toInt(m[1]) / size) * size;
  return [first, first + size - 1];
}

/**
 * The /24 candidates of the pool in the order this session tries them (starting at a hash of the session, so
 * concurrent sessions rarely race for the same one), minus those overlapping a used subnet or host address.
 */
export function subnetCandidates(session: string, used: readonly string[], pool = SUBNET_POOL): string[] {
  const range = cidrRange(pool);
  if (!range) return [];
  const count = Math.max(1, (range[1] - range[0] + 1) / 256);
  let hash = 0;
  for (const ch of session) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  const taken = used.map((u) => cidrRange(u.includes('/') ? u : `${u}/32`)).filter((r) => r !== undefined);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const first = range[0] + ((hash + i) % count) * 256;
    const last = first + 255;
    if (taken.some(([a, b]) => a <= last && b >= first)) continue;
    out.push(`${toIp(first)}/24`);
  }
  return out;
}

/**
 * A session's /24 is split: the engine's IPAM hands out the first /26 (`engineRangeOf`, for sandboxes the
 * engine joins: proxy-only ones), the gateway the rest (`gatewayHostsOf`, for fenced sandboxes it joins itself,
 * network/plumbing in src/gateway/plumbing.ts). Neither can then hand out an address the other has.
 */
export const ENGINE_RANGE_BITS = 26;

/** The engine's part of a /24 (its IPAM's IPRange). */
export function engineRangeOf(subnet: string): string {
  const range = cidrRange(subnet);
  if (!range) throw new Error(`not an IPv4 CIDR: ${subnet}`);
  return `${toIp(range[0])}/${ENGINE_RANGE_BITS}`;
}

/** The addresses the gateway gives out in the /24 of `bridgeIp`, in order (.64 to .254). */
export function gatewayHostsOf(bridgeIp: string): string[] {
  const range = cidrRange(`${bridgeIp}/24`);
  if (!range) throw new Error(`not an IPv4 address: ${bridgeIp}`);
  const first = range[0] + 2 ** (32 - ENGINE_RANGE_BITS);
  return Array.from({ length: range[1] - first }, (_, i) => toIp(first + i));
}

/** The bridge (gateway) address of a /24: its .1. */
export function bridgeIpOf(subnet: string): string {
  const range = cidrRange(subnet);
  if (!range) throw new Error(`not an IPv4 CIDR: ${subnet}`);
  return toIp(range[0] + 1);
}
