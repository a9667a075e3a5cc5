import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  checkFence,
  defaultGateways,
  type FenceParams,
  fenceRules,
  fenceScript,
  normalizeRule,
} from './fence.js';

const P: FenceParams = {
  bridgeIp: '172.21.0.1',
  sandboxIp: '172.21.0.2',
  ports: { proxy: 40001, dns: 5300, transparent: 5301, udp: 5302, over: 5320 },
};

describe('fenceRules', () => {
  const rules = fenceRules(P).split('\n');
  for (const [what, rule] of [
    ['jumps first in nat OUTPUT', '-I OUTPUT 1 -j PADDOCK_OUTPUT'],
    [
      'sends the embedded resolver to the gateway DNS',
      '-A PADDOCK_OUTPUT -d 127.0.0.11/32 -p udp -m udp --dport 53 -j DNAT --to-destination 172.21.0.1:5300',
    ],
    ['keeps other loopback local', '-A PADDOCK_OUTPUT -d 127.0.0.0/8 -j RETURN'],
    [
      'sends UDP 53 anywhere to DNS',
      '-A PADDOCK_OUTPUT -p udp -m udp --dport 53 -j DNAT --to-destination 172.21.0.1:5300',
    ],
    [
      'sends TCP 53 anywhere to DNS',
      '-A PADDOCK_OUTPUT -p tcp -m tcp --dport 53 -j DNAT --to-destination 172.21.0.1:5300',
    ],
    [
      'lets the proxy port through',
      '-A PADDOCK_OUTPUT -d 172.21.0.1/32 -p tcp -m tcp --dport 40001 -j RETURN',
    ],
    [
      'sends the port sandboxes are told of (SANDBOX_PROXY_PORT) to the proxy port',
      '-A PADDOCK_OUTPUT -d 172.21.0.1/32 -p tcp -m tcp --dport 3128 -j DNAT --to-destination 172.21.0.1:40001',
    ],
    [
      'captures other TCP on the transparent port range',
      '-A PADDOCK_OUTPUT -p tcp -j DNAT --to-destination 172.21.0.1:5301-5316',
    ],
    ['captures other UDP', '-A PADDOCK_OUTPUT -p udp -j DNAT --to-destination 172.21.0.1:5302'],
    [
      'rewrites loopback sources that leave',
      '-A PADDOCK_POSTROUTING -s 127.0.0.0/8 ! -o lo -j SNAT --to-source 172.21.0.2',
    ],
    ['rejects direct use of 127.0.0.11', '-A PADDOCK_OUTPUT -d 127.0.0.11/32 -j REJECT'],
    ['rejects everything else last', '-A PADDOCK_OUTPUT -j REJECT'],
    [
      'sends new TCP connections past the rate to the over-budget chain, before any DNAT',
      '-A PADDOCK_OUTPUT -p tcp -m hashlimit --hashlimit-above 2000/sec --hashlimit-burst 4000 --hashlimit-mode srcip --hashlimit-name paddock_conn --hashlimit-htable-max 16 -j PADDOCK_OVER',
    ],
    [
      'lets 10 a second of those reach the gateway, to be recorded',
      '-A PADDOCK_OVER -p tcp -m limit --limit 10/sec --limit-burst 10 -j DNAT --to-destination 172.21.0.1:5320',
    ],
    ['marks the rest, without NAT', '-A PADDOCK_OVER -j MARK --set-xmark 0x5041/0xffffffff'],
    [
      'resets the marked ones',
      '-A PADDOCK_OUTPUT -p tcp -m mark --mark 0x5041 -j REJECT --reject-with tcp-reset',
    ],
    [
      'drops DNS over UDP past twice the gateway query rate, in the kernel',
      '-A PADDOCK_OUTPUT -d 172.21.0.1/32 -p udp -m udp --dport 5300 -m hashlimit --hashlimit-above 2000/sec --hashlimit-burst 2000 --hashlimit-mode dstip --hashlimit-name paddock_dns --hashlimit-htable-max 16 -j DROP',
    ],
    [
      'records the destination of rejected ICMP',
      '-A PADDOCK_OUTPUT -p icmp -m hashlimit --hashlimit-upto 1/sec --hashlimit-burst 1 --hashlimit-mode dstip --hashlimit-name paddock_icmp --hashlimit-htable-max 4096 --hashlimit-htable-expire 5000',
    ],
    [
      'records source port and destination of non-DNS UDP before the DNAT',
      '-A PADDOCK_OUTPUT -p udp -m udp ! --dport 53 -m hashlimit --hashlimit-upto 1/sec --hashlimit-burst 1 --hashlimit-mode srcport,dstip,dstport --hashlimit-name paddock_udp --hashlimit-htable-max 65536 --hashlimit-htable-expire 10000',
    ],
  ] as const) {
    test(what, () => assert.ok(rules.includes(rule), rule));
  }
  test("with a DNS socket of the sandbox's own, its UDP 53 goes there and TCP 53 to the shared port", () => {
    const own = fenceRules({ ...P, ports: { ...P.ports, dnsUdp: 40001 } });
    for (const rule of [
      '-A PADDOCK_OUTPUT -d 127.0.0.11/32 -p udp -m udp --dport 53 -j DNAT --to-destination 172.21.0.1:40001',
      '-A PADDOCK_OUTPUT -p udp -m udp --dport 53 -j DNAT --to-destination 172.21.0.1:40001',
      '-A PADDOCK_OUTPUT -p tcp -m tcp --dport 53 -j DNAT --to-destination 172.21.0.1:5300',
    ])
      assert.ok(own.includes(rule), rule);
    assert.ok(!own.includes('-p udp -m udp --dport 53 -j DNAT --to-destination 172.21.0.1:5300'));
  });
  test('ICMP is recorded after the accepts and before the final REJECT, in filter; UDP in mangle', () => {
    const table = (rule: string) =>
      rules
        .slice(0, rules.indexOf(rule))
        .filter((l) => l.startsWith('*'))
        .pop();
    const icmp = rules.findIndex((l) => l.includes('paddock_icmp'));
    const udp = rules.findIndex((l) => l.includes('paddock_udp'));
    assert.equal(table(rules[icmp] ?? ''), '*filter');
    assert.equal(table(rules[udp] ?? ''), '*mangle');
    assert.ok(icmp > rules.indexOf('-A PADDOCK_OUTPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT'));
    assert.equal(rules[icmp + 1], '-A PADDOCK_OUTPUT -j REJECT');
  });
  test('the proxy exception and the proxy DNAT come before the TCP capture', () => {
    const i = rules.indexOf('-A PADDOCK_OUTPUT -d 172.21.0.1/32 -p tcp -m tcp --dport 40001 -j RETURN');
    const k = rules.findIndex((l) => l.includes('--dport 3128 -j DNAT'));
    const j = rules.indexOf('-A PADDOCK_OUTPUT -p tcp -j DNAT --to-destination 172.21.0.1:5301-5316');
    assert.ok(i >= 0 && i < j);
    assert.ok(k >= 0 && k < j);
  });
  for (const [what, bad, message] of [
    ['a bad bridge IP', { ...P, bridgeIp: '172.21.0.1; reboot' }, /bridgeIp/],
    ['a bad port', { ...P, ports: { ...P.ports, dns: 0 } }, /ports\.dns/],
  ] as const) {
    test(`rejects ${what}`, () => assert.throws(() => fenceRules(bad), message));
  }
});

/** /proc/PID/net/route as a little-endian kernel prints it. */
const HEAD = 'Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT';
const route = (gw: string, flags = '0003') =>
  `${HEAD}\neth0\t00000000\t${gw}\t${flags}\t0\t0\t0\t00000000\t0\t0\t0`;
const ROUTES = route('010015AC'); // default via 172.21.0.1

describe('defaultGateways', () => {
  for (const [what, table, le, want] of [
    ['little-endian (x86-64, arm64)', ROUTES, true, ['172.21.0.1']],
    ['big-endian', route('AC150001'), false, ['172.21.0.1']],
    ['a route that is down is none', route('010015AC', '0002'), true, []],
    ['only the header', HEAD, true, []],
    ['empty', '', true, []],
  ] as const) {
    test(what, () => assert.deepEqual(defaultGateways(table, le), want));
  }
});

describe('checkFence', () => {
  /** What iptables-save prints for a fence loaded with fenceRules (one table after another). */
  const saved = (drop?: string) =>
    [
      ...fenceRules(P)
        .split('\n')
        .map((l) => normalizeRule(l.replace(/^-I (\S+) 1 /, '-A $1 '))),
    ]
      .filter((l) => l !== drop)
      .join('\n');
  test('a complete fence has no problems', () => assert.deepEqual(checkFence(saved(), P, ROUTES), []));
  test('a missing rule is reported', () => {
    const problems = checkFence(
      saved('-A PADDOCK_OUTPUT -p udp -j DNAT --to-destination 172.21.0.1:5302'),
      P,
      ROUTES,
    );
    assert.equal(problems.length, 1);
    assert.match(problems[0] ?? '', /rule missing/);
  });
  test('a jump missing from one table is reported, though other tables have the same jump', () => {
    const text = saved().replace(/(\*mangle[^*]*?)-A OUTPUT -j PADDOCK_OUTPUT\n/, '$1');
    assert.deepEqual(checkFence(text, P, ROUTES), ['jump missing in mangle: -I OUTPUT 1 -j PADDOCK_OUTPUT']);
  });
  for (const [what, table] of [
    ['no default route', `${HEAD}\neth0\t000015AC\t00000000\t0001\t0\t0\t0\t0000FFFF\t0\t0\t0`],
    ['a default route via another address', route('FE0015AC')],
    ['a second default route via another address', `${ROUTES}\n${route('FE0015AC').split('\n')[1]}`],
  ] as const) {
    test(`${what} is reported`, () =>
      assert.match(checkFence(saved(), P, table)[0] ?? '', /default route is not via 172\.21\.0\.1/));
  }
  test('the script adds the default route and loads with --noflush', () => {
    const script = fenceScript(P);
    assert.match(script, /ip -batch - <<IP\nroute replace default via 172\.21\.0\.1\nIP\n/);
    assert.match(script, /iptables-restore --noflush/);
  });
  test('a plumbed sandbox gets its address on eth0 and eth0 up, before the route, in the same ip', () => {
    const script = fenceScript({ ...P, plumbed: true });
    assert.match(
      script,
      /ip -batch - <<IP\naddr add 172\.21\.0\.2\/24 dev eth0\nlink set eth0 up\nroute replace default via 172\.21\.0\.1\nIP\n/,
    );
    assert.doesNotMatch(fenceScript(P), /addr add|eth0/, 'an engine-joined sandbox has its address already');
  });
  test('the script turns TIME_WAIT off in the sandbox (its socket table keeps only live sockets)', () => {
    assert.match(fenceScript(P), /echo 0 > \/proc\/sys\/net\/ipv4\/tcp_max_tw_buckets/);
  });
});
