import { endianness } from 'node:os';
/** The gateway's listening ports on the bridge IP. */
export interface GatewayPorts {
  /** Explicit HTTP/CONNECT proxy (reachable directly, not redirected). */
  readonly proxy: number;
  /** DNS, UDP and TCP on the same port number. */
  readonly dns: number;
  /**
   * This sandbox's own DNS-over-UDP port (a socket of its own, so one sandbox's flood cannot fill the receive
   * queue another's queries wait in). @default dns
   */
  readonly dnsUdp?: number;
  /**
   * Transparent TCP listener: every other TCP connection lands here, on one of TRANSPARENT_PORTS
   * consecutive ports starting at this one.
   */
  readonly transparent: number;
  /** UDP catch-all: logs and drops. */
  readonly udp: number;
  /**
   * New TCP connections past the sandbox's rate (CONNECTION_RATE) land here, at most OVER_LOGGED a second:
   * the gateway resets them and records that the sandbox went over, once per window. The fence resets the
   * rest itself, in the kernel.
   */
  readonly over: number;
}

/**
 * The explicit proxy's port as sandboxes are told of it (HTTP(S)_PROXY = http://<bridge IP>:SANDBOX_PROXY_PORT):
 * the fence DNATs it to the gateway's real proxy port. A fixed number, so a sandbox's environment can be written
 * before its gateway has chosen its ports (an eval creates its first containers while the gateway starts).
 */
export const SANDBOX_PROXY_PORT = 3128;

/** New TCP connections a second a sandbox may open (sustained; bursts of twice that), before any work. */
export const CONNECTION_RATE = 2000;
/** Of the connections past CONNECTION_RATE, how many a second still reach the gateway (so it records them). */
export const OVER_LOGGED = 10;
/** The packet mark of a connection the fence resets itself (past OVER_LOGGED). */
const OVER_MARK = '0x5041';

/**
 * The transparent listener listens on this many consecutive ports and the fence DNATs to the range.
 * Conntrack must keep each connection's reply tuple unique: when a source port is reused for another
 * destination while the old connection's entry lingers (TIME_WAIT, 120 s), both would map to the same
 * (gateway port, source port), and with a single port NAT resolves that by rewriting the source port, so
 * the gateway could not find the client's socket row. With a range it picks a free gateway port instead.
 */
export const TRANSPARENT_PORTS = 16;

export interface FenceParams {
  readonly bridgeIp: string;
  readonly sandboxIp: string;
  readonly ports: GatewayPorts;
  /** The gateway joined the sandbox to the bridge (plumbing.ts): the script gives `eth0` its address. */
  readonly plumbed?: boolean;
}

/**
 * Tables in the sandbox netns that record what the gateway cannot see otherwise (read from
 * `/proc/<holder>/net/ipt_hashlimit/<name>`, see hashlimit.ts). The hashlimit match is used for its table
 * only; its rate never decides anything.
 * - `udp`: every non-DNS UDP datagram's source port and original destination, in mangle (before the DNAT),
 *   so a datagram from an unconnected socket (`sendto`) is logged with where it was sent.
 * - `icmp`: the destination of every ICMP packet the fence rejects, in filter just before the final REJECT
 *   (ICMP errors for existing flows are accepted earlier and never recorded).
 */
/**
 * DNS over UDP datagrams a sandbox may send a second before its fence drops the rest: twice the gateway's
 * query rate (Budget queryRate, 1,000), so the gateway still sees the sandbox go over its budget and records
 * that once per window, while a flood of tens of thousands a second never reaches its event loop.
 */
export const DNS_UDP_PER_SECOND = 2000;

export const FENCE_LOG = {
  udp: { name: 'paddock_udp', max: 65_536, expireMs: 10_000 },
  icmp: { name: 'paddock_icmp', max: 4096, expireMs: 5000 },
} as const;

const hashlimit = (what: keyof typeof FENCE_LOG, mode: string) => {
  const t = FENCE_LOG[what];
  return `-m hashlimit --hashlimit-upto 1/sec --hashlimit-burst 1 --hashlimit-mode ${mode} --hashlimit-name ${t.name} --hashlimit-htable-max ${t.max} --hashlimit-htable-expire ${t.expireMs}`;
};

/** Chain names the fence owns in the sandbox netns. */
export const FENCE_CHAIN = {
  out: 'PADDOCK_OUTPUT',
  post: 'PADDOCK_POSTROUTING',
  over: 'PADDOCK_OVER',
} as const;

const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;

function checkParams(p: FenceParams): void {
  for (const [field, ip] of [
    ['bridgeIp', p.bridgeIp],
    ['sandboxIp', p.sandboxIp],
  ] as const) {
    if (!IPV4.test(ip))
      throw new TypeError(`Expected \`${field}\` to be an IPv4 address, got ${JSON.stringify(ip)}`);
  }
  for (const [name, port] of Object.entries(p.ports)) {
    const last = name === 'transparent' ? 65536 - TRANSPARENT_PORTS : 65535;
    if (!Number.isInteger(port) || port < 1 || port > last) {
      throw new TypeError(`Expected \`ports.${name}\` to be a port from 1 to 65535, got ${String(port)}`);
    }
  }
}

/**
 * The iptables-restore input (for `--noflush`) that fences one sandbox netns:
 * - 127.0.0.11:53 (Docker's embedded resolver) goes to the gateway DNS; anything else to 127.0.0.11 is rejected;
 * - other loopback traffic stays inside the sandbox;
 * - new TCP connections past CONNECTION_RATE a second: OVER_LOGGED of them to the gateway's `over` port, the
 *   rest marked and reset in filter;
 * - UDP/TCP 53 to anywhere → gateway DNS; TCP to the proxy port passes, and to SANDBOX_PROXY_PORT on the bridge
 *   IP goes to the proxy port; other TCP → transparent (a port range, see TRANSPARENT_PORTS); other UDP →
 *   catch-all;
 * - in filter, only loopback and TCP/UDP to the bridge IP leave; everything else is rejected; DNS over UDP
 *   past DNS_UDP_PER_SECOND is dropped (before the conntrack accept: a flood reuses one flow);
 * - mangle and filter record UDP and ICMP destinations for the gateway's log (FENCE_LOG).
 */
export function fenceRules(params: FenceParams): string {
  checkParams(params);
  const { bridgeIp: b, sandboxIp: ip, ports } = params;
  const { out, post, over } = FENCE_CHAIN;
  const to = (port: number) => `-j DNAT --to-destination ${b}:${port}`;
  return [
    '*nat',
    `:${out} - [0:0]`,
    `:${post} - [0:0]`,
    `:${over} - [0:0]`,
    `-I OUTPUT 1 -j ${out}`,
    `-I POSTROUTING 1 -j ${post}`,
    `-A ${out} -d 127.0.0.11/32 -p udp -m udp --dport 53 ${to(ports.dnsUdp ?? ports.dns)}`,
    `-A ${out} -d 127.0.0.11/32 -p tcp -m tcp --dport 53 ${to(ports.dns)}`,
    `-A ${out} -d 127.0.0.0/8 -j RETURN`,
    `-A ${out} -p tcp -m hashlimit --hashlimit-above ${CONNECTION_RATE}/sec --hashlimit-burst ${2 * CONNECTION_RATE} --hashlimit-mode srcip --hashlimit-name paddock_conn --hashlimit-htable-max 16 -j ${over}`,
    `-A ${out} -p udp -m udp --dport 53 ${to(ports.dnsUdp ?? ports.dns)}`,
    `-A ${out} -p tcp -m tcp --dport 53 ${to(ports.dns)}`,
    `-A ${out} -d ${b}/32 -p tcp -m tcp --dport ${ports.proxy} -j RETURN`,
    `-A ${out} -d ${b}/32 -p tcp -m tcp --dport ${SANDBOX_PROXY_PORT} ${to(ports.proxy)}`,
    `-A ${out} -p tcp -j DNAT --to-destination ${b}:${ports.transparent}-${ports.transparent + TRANSPARENT_PORTS - 1}`,
    `-A ${out} -p udp ${to(ports.udp)}`,
    `-A ${post} -s 127.0.0.0/8 ! -o lo -j SNAT --to-source ${ip}`,
    `-A ${over} -p tcp -m limit --limit ${OVER_LOGGED}/sec --limit-burst ${OVER_LOGGED} ${to(ports.over)}`,
    `-A ${over} -j MARK --set-xmark ${OVER_MARK}/0xffffffff`,
    `-A ${over} -j ACCEPT`,
    'COMMIT',
    '*filter',
    `:${out} - [0:0]`,
    `-I OUTPUT 1 -j ${out}`,
    `-A ${out} -d 127.0.0.11/32 -j REJECT`,
    `-A ${out} -p tcp -m mark --mark ${OVER_MARK} -j REJECT --reject-with tcp-reset`,
    `-A ${out} -o lo -j ACCEPT`,
    `-A ${out} -d ${b}/32 -p udp -m udp --dport ${ports.dnsUdp ?? ports.dns} -m hashlimit --hashlimit-above ${DNS_UDP_PER_SECOND}/sec --hashlimit-burst ${DNS_UDP_PER_SECOND} --hashlimit-mode dstip --hashlimit-name paddock_dns --hashlimit-htable-max 16 -j DROP`,
    `-A ${out} -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT`,
    `-A ${out} -d ${b}/32 -p tcp -j ACCEPT`,
    `-A ${out} -d ${b}/32 -p udp -j ACCEPT`,
    `-A ${out} -p icmp ${hashlimit('icmp', 'dstip')}`,
    `-A ${out} -j REJECT`,
    'COMMIT',
    '*mangle',
    `:${out} - [0:0]`,
    `-I OUTPUT 1 -j ${out}`,
    `-A ${out} -d 127.0.0.0/8 -j RETURN`,
    `-A ${out} -p udp -m udp ! --dport 53 ${hashlimit('udp', 'srcport,dstip,dstport')}`,
    'COMMIT',
    '',
  ].join('\n');
}

/**
 * The shell script run inside the sandbox netns (`nsenter -t PID -n sh -c SCRIPT`, rules on stdin).
 * It adds the default route (Docker ≥ 25 gives internal networks none), lets DNAT'ed loopback leave
 * (for 127.0.0.11), turns IPv6 off, loads the rules, then prints them for checkFence. The route is read
 * from the host's /proc/PID/net/route (defaultGateways), one process fewer per sandbox. A sandbox the gateway
 * joined to the bridge (`plumbed`) first gets its address on `eth0`, which is then brought up.
 */
export function fenceScript(params: FenceParams): string {
  checkParams(params);
  return [
    'set -e',
    // One `ip` for the address (when plumbed) and the route; the here-document leaves stdin to the rules.
    'ip -batch - <<IP',
    ...(params.plumbed ? [`addr add ${params.sandboxIp}/24 dev eth0`, 'link set eth0 up'] : []),
    `route replace default via ${params.bridgeIp}`,
    'IP',
    'for f in /proc/sys/net/ipv4/conf/*/route_localnet; do echo 1 > "$f"; done',
    'for f in /proc/sys/net/ipv6/conf/*/disable_ipv6; do echo 1 > "$f" 2>/dev/null || true; done',
    // No TIME_WAIT sockets in the sandbox: closed connections would stay in its socket table for 60 s, and
    // /proc attribution reads that whole table per connection (a sandbox's own history made it slower).
    // Performance only, so a kernel that refuses it fences all the same.
    'echo 0 > /proc/sys/net/ipv4/tcp_max_tw_buckets 2>/dev/null || true',
    'iptables-restore --noflush',
    'iptables-save', // every table in one process (nat, filter, mangle): two spawns fewer per sandbox
  ].join('\n');
}

/**
 * The gateways of the IPv4 default routes in a /proc/PID/net/route table (addresses in the host's byte order,
 * as the kernel prints them). Pure.
 */
export function defaultGateways(table: string, littleEndian = endianness() === 'LE'): string[] {
  const gateways: string[] = [];
  for (const line of table.split('\n').slice(1)) {
    const [, dest, gw, flags, , , , mask] = line.trim().split(/\s+/);
    if (dest !== '00000000' || mask !== '00000000' || !gw || !flags) continue;
    if ((Number.parseInt(flags, 16) & 1) === 0) continue; // not up
    const bytes = (gw.match(/../g) ?? []).map((b) => Number.parseInt(b, 16));
    gateways.push((littleEndian ? bytes.reverse() : bytes).join('.'));
  }
  return gateways;
}

/**
 * Check the output of fenceScript and the sandbox's route table: every default route must go via the gateway's
 * bridge IP (at least one), and every rule must be in place. Returns the problems found (empty = fenced).
 */
export function checkFence(output: string, params: FenceParams, routeTable: string): string[] {
  const problems: string[] = [];
  const gateways = defaultGateways(routeTable);
  if (gateways.length === 0 || gateways.some((g) => g !== params.bridgeIp)) {
    problems.push(`default route is not via ${params.bridgeIp} (${gateways.join(', ') || 'none'})`);
  }
  const saved = byTable(output);
  const want = byTable(fenceRules(params));
  for (const [table, rules] of want) {
    const have = saved.get(table) ?? new Set<string>();
    for (const rule of rules) {
      if (!rule.startsWith('-A ') && !rule.startsWith('-I ')) continue;
      // `-I OUTPUT 1 -j X` is saved as `-A OUTPUT -j X`.
      const line = normalizeRule(rule.replace(/^-I (\S+) 1 /, '-A $1 '));
      if (!have.has(line))
        problems.push(`${rule.startsWith('-I') ? 'jump' : 'rule'} missing in ${table}: ${rule}`);
    }
  }
  return problems;
}

/** The rule lines of iptables-save (or -restore) text, by table. */
function byTable(text: string): Map<string, Set<string>> {
  const tables = new Map<string, Set<string>>();
  let current: Set<string> | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('*')) {
      current = tables.get(line.slice(1)) ?? new Set();
      tables.set(line.slice(1), current);
    } else current?.add(line);
  }
  return tables;
}

/** iptables-save spells a few things differently from what we load. */
export function normalizeRule(rule: string): string {
  return rule
    .replace(/-j REJECT$/, '-j REJECT --reject-with icmp-port-unreachable')
    .replace(/-p (tcp|udp) -j/, '-p $1 -j');
}
