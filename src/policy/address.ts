import { BlockList, isIP } from 'node:net';

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

const lists = new Map<string, BlockList>();

/** True when `ip` lies in `cidr` (an address or a CIDR). IPv4-mapped IPv6 addresses count as IPv4. */
export function cidrContains(cidr: string, ip: string): boolean {
  let list = lists.get(cidr);
  if (!list) {
    const parsed = parseCidr(cidr);
    if (!parsed) return false;
    list = new BlockList();
    list.addSubnet(parsed.address, parsed.prefix, parsed.family);
    if (lists.size > 10_000) lists.clear();
    lists.set(cidr, list);
  }
  const plain = unmapped(ip);
  const version = isIP(plain);
  if (version === 0) return false;
  return list.check(plain, version === 4 ? 'ipv4' : 'ipv6');
}

/** `::ffff:10.0.0.1` → `10.0.0.1`; anything else unchanged. */
export function unmapped(ip: string): string {
  const match = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  return match ? match[1]! : ip;
}

/** Ranges a policy must name explicitly: private, shared (CGNAT), loopback, link-local, unspecified, multicast. */
const SPECIAL = [
  '0.0.0.0/8',
  '10.0.0.0/8',
  '100.64.0.0/10',
  '127.0.0.0/8',
  '169.254.0.0/16',
  '172.16.0.0/12',
  '192.168.0.0/16',
  '224.0.0.0/4',
  '240.0.0.0/4',
  '::/128',
  '::1/128',
  'fc00::/7',
  'fe80::/10',
  'ff00::/8',
];

/** Loopback, link-local and unspecified: OpenShell never allows these, whatever the policy says. */
const ALWAYS_BLOCKED_IN_OPENSHELL = [
  '0.0.0.0/8',
  '127.0.0.0/8',
  '169.254.0.0/16',
  '::/128',
  '::1/128',
  'fe80::/10',
];

/**
 * True for private, loopback, link-local (incl. 169.254.169.254), CGNAT (100.64/10), unique-local,
 * unspecified and multicast addresses, and for anything that is not an IP address (fail closed).
 */
export function isPrivateAddress(ip: string): boolean {
  if (isIP(unmapped(ip)) === 0) return true;
  return SPECIAL.some((range) => cidrContains(range, ip));
}

/** True when a CIDR overlaps loopback, link-local or unspecified space. */
export function overlapsAlwaysBlocked(cidr: Cidr): boolean {
  return ALWAYS_BLOCKED_IN_OPENSHELL.some((range) => {
    const r = parseCidr(range)!;
    if (r.family !== cidr.family) return false;
    // Two prefixes overlap when the shorter one contains the other's network address.
    return r.prefix <= cidr.prefix
      ? cidrContains(range, cidr.address)
      : cidrContains(toText(cidr), r.address);
  });
}

function toText(c: Cidr): string {
  return `${c.address}/${c.prefix}`;
}
