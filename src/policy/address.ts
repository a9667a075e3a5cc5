import { isIP } from 'node:net';

export interface Cidr {
  readonly address: string;
  readonly prefix: number;
  readonly family: 'ipv4' | 'ipv6';
}

/** Parse `10.0.0.0/8`, `fd00::/8` or a bare address (a /32 or /128). Null when it is neither. */
export function parseCidr(text: string): Cidr | null {
  const slash = text.indexOf('/');
  const address = slash === -1 ? text : text.slice(0, slash);
  const version = isIP(address);
  if (version === 0) return null;
  const max = version === 4 ? 32 : 128;
  let prefix = max;
  if (slash !== -1) {
    const rest = text.slice(slash + 1);
    if (!/^\d{1,3}$/.test(rest)) return null;
    prefix = Number(rest);
    if (prefix > max) return null;
  }
  return { address, prefix, family: version === 4 ? 'ipv4' : 'ipv6' };
}

const nets = new Map<string, { bytes: Uint8Array; prefix: number } | null>();

/** True when `ip` lies in `cidr` (an address or a CIDR). IPv4-mapped IPv6 addresses count as IPv4. */
export function cidrContains(cidr: string, ip: string): boolean {
  let net = nets.get(cidr);
  if (net === undefined) {
    const parsed = parseCidr(cidr);
    const bytes = parsed ? toBytes(parsed.address) : null;
    net = parsed && bytes ? { bytes, prefix: parsed.prefix } : null;
    if (nets.size > 10_000) nets.clear();
    nets.set(cidr, net);
  }
  return inNet(net, addressBytes(ip));
}

function inNet(net: { bytes: Uint8Array; prefix: number } | null, addr: Uint8Array | null): boolean {
  if (!net || !addr || addr.length !== net.bytes.length) return false;
  const whole = net.prefix >> 3;
  for (let i = 0; i < whole; i++) if (addr[i] !== net.bytes[i]) return false;
  const bits = net.prefix & 7;
  if (bits === 0) return true;
  const mask = (0xff << (8 - bits)) & 0xff;
  return (addr[whole]! & mask) === (net.bytes[whole]! & mask);
}

/** 4 bytes for IPv4 and IPv4-mapped IPv6 (any spelling), 16 for other IPv6; null when not an address. */
function addressBytes(ip: string): Uint8Array | null {
  const bytes = toBytes(ip);
  if (
    bytes?.length === 16 &&
    bytes.slice(0, 10).every((b) => b === 0) &&
    bytes[10] === 0xff &&
    bytes[11] === 0xff
  ) {
    return bytes.slice(12);
  }
  return bytes;
}

/** The address as 4 or 16 bytes; null when it is not an IP address. */
function toBytes(ip: string): Uint8Array | null {
  const version = isIP(ip);
  if (version === 4) return Uint8Array.from(ip.split('.').map(Number));
  if (version !== 6) return null;
  let text = ip.split('%')[0]!;
  // An embedded IPv4 tail (`::ffff:1.2.3.4`) becomes two hex groups.
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', rest] = text.split('::');
  const parse = (part: string) => (part === '' ? [] : part.split(':').map((h) => Number.parseInt(h, 16)));
  const left = parse(head);
  const right = rest === undefined ? [] : parse(rest);
  const groups = [...left, ...new Array(8 - left.length - right.length).fill(0), ...right];
  const out = new Uint8Array(16);
  groups.slice(0, 8).forEach((g, i) => {
    out[i * 2] = (g >> 8) & 0xff;
    out[i * 2 + 1] = g & 0xff;
  });
  return out;
}

/** `::ffff:10.0.0.1` → `10.0.0.1`; anything else unchanged. */
export function unmapped(ip: string): string {
  const match = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  return match ? match[1]! : ip;
}

/**
 * OpenShell's internal ranges (v0.0.111 `is_internal_ip`): private, shared (CGNAT), loopback,
 * link-local, unspecified, IETF protocol assignments, the documentation ranges (TEST-NET-1/2/3),
 * benchmarking, limited broadcast, unique-local IPv6. Paddock adds multicast and 240/4 (reserved):
 * no TCP connection goes there.
 */
const INTERNAL = [
  '0.0.0.0/8',
  '10.0.0.0/8',
  '100.64.0.0/10',
  '127.0.0.0/8',
  '169.254.0.0/16',
  '172.16.0.0/12',
  '192.0.0.0/24',
  '192.0.2.0/24',
  '192.168.0.0/16',
  '198.18.0.0/15',
  '198.51.100.0/24',
  '203.0.113.0/24',
  '224.0.0.0/4',
  '240.0.0.0/4',
  '::/128',
  '::1/128',
  'fc00::/7',
  'fe80::/10',
  'ff00::/8',
];

/** Loopback, link-local and unspecified (OpenShell's "always blocked", whatever the policy says). */
const ALWAYS_BLOCKED = ['0.0.0.0/8', '127.0.0.0/8', '169.254.0.0/16', '::/128', '::1/128', 'fe80::/10'];

/** Ports of cluster control planes (etcd, the Kubernetes API, kubelet): never reachable by a named host. */
export const CONTROL_PLANE_PORTS: readonly number[] = [2379, 2380, 6443, 10250, 10255];

function inAny(ranges: readonly string[], ip: string): boolean {
  const addr = addressBytes(ip);
  if (addr === null) return true;
  return ranges.some((range) => {
    if (!nets.has(range)) cidrContains(range, ip);
    return inNet(nets.get(range) ?? null, addr);
  });
}

/**
 * True for every internal or special-use address (see INTERNAL), and for anything that is not an IP
 * address (fail closed). IPv4-mapped IPv6 counts as its IPv4 address.
 */
export function isPrivateAddress(ip: string): boolean {
  return inAny(INTERNAL, ip);
}

/** Loopback, link-local (incl. 169.254.169.254 cloud metadata) or unspecified; non-addresses too. */
export function isAlwaysBlocked(ip: string): boolean {
  return inAny(ALWAYS_BLOCKED, ip);
}

/** True when a CIDR overlaps loopback, link-local or unspecified space (IPv4-mapped forms too). */
export function overlapsAlwaysBlocked(cidr: Cidr): boolean {
  const c = asIpv4(cidr);
  if (c.family === 'ipv6' && c.prefix < 96) {
    // A broad IPv6 prefix that spans the IPv4-mapped block spans mapped loopback too.
    const raw = toBytes(c.address);
    const net = raw ? { bytes: raw, prefix: c.prefix } : null;
    if (inNet(net, toBytes('::ffff:127.0.0.1')) || inNet(net, toBytes('::ffff:169.254.0.1'))) return true;
  }
  return ALWAYS_BLOCKED.some((range) => {
    const r = parseCidr(range)!;
    if (r.family !== c.family) return false;
    // Two prefixes overlap when the shorter one contains the other's network address.
    return r.prefix <= c.prefix ? cidrContains(range, c.address) : cidrContains(toText(c), r.address);
  });
}

/** True when the whole CIDR lies inside loopback, link-local or unspecified space. */
export function withinAlwaysBlocked(cidr: Cidr): boolean {
  const c = asIpv4(cidr);
  return ALWAYS_BLOCKED.some((range) => {
    const r = parseCidr(range)!;
    return r.family === c.family && r.prefix <= c.prefix && cidrContains(range, c.address);
  });
}

/** `::ffff:a.b.c.d/N` (N ≥ 96) as the IPv4 CIDR it stands for; anything else unchanged. */
function asIpv4(cidr: Cidr): Cidr {
  if (cidr.family !== 'ipv6' || cidr.prefix < 96) return cidr;
  const bytes = addressBytes(cidr.address);
  if (bytes?.length !== 4) return cidr;
  return { address: [...bytes].join('.'), prefix: cidr.prefix - 96, family: 'ipv4' };
}

function toText(c: Cidr): string {
  return `${c.address}/${c.prefix}`;
}
