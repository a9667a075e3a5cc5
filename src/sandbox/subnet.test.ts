import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bridgeIpOf, cidrRange, engineRangeOf, gatewayHostsOf, subnetCandidates } from './subnet.js';

const rows: [string, [number, number] | undefined][] = [
  ['172.16.0.0/16', [0xac100000, 0xac10ffff]],
  ['10.1.2.3/24', [0x0a010200, 0x0a0102ff]],
  ['10.1.2.3/32', [0x0a010203, 0x0a010203]],
  ['fd00::/64', undefined],
  ['10.0.0.0/40', undefined],
];
for (const [cidr, expected] of rows)
  test(`cidrRange(${cidr})`, () => assert.deepEqual(cidrRange(cidr), expected));

test('candidates are /24s inside the pool, 256 of them when nothing is used', () => {
  const all = subnetCandidates('abc', []);
  assert.equal(all.length, 256);
  assert.equal(new Set(all).size, 256);
  assert.ok(all.every((s) => /^172\.16\.\d+\.0\/24$/.test(s)));
});

test('the same session always starts at the same subnet', () => {
  assert.equal(subnetCandidates('abc', [])[0], subnetCandidates('abc', [])[0]);
});

test('used subnets and host addresses are skipped', () => {
  const first = subnetCandidates('abc', [])[0] as string;
  const next = subnetCandidates('abc', [first, '172.16.0.0/20', '172.16.200.7/32']);
  assert.ok(!next.includes(first));
  assert.ok(!next.some((s) => /^172\.16\.(\d|1[0-5])\.0\/24$/.test(s)));
  assert.ok(!next.includes('172.16.200.0/24'));
  assert.equal(subnetCandidates('abc', ['172.16.0.0/12']).length, 0);
});

test('bridge IP is the .1 of the subnet', () => assert.equal(bridgeIpOf('172.16.9.0/24'), '172.16.9.1'));

test("the engine's part and the gateway's part of a /24 never share an address", () => {
  assert.equal(engineRangeOf('172.16.9.0/24'), '172.16.9.0/26');
  const hosts = gatewayHostsOf('172.16.9.1');
  assert.equal(hosts[0], '172.16.9.64');
  assert.equal(hosts.at(-1), '172.16.9.254', 'not the broadcast address');
  assert.equal(hosts.length, 191);
  const [first, last] = cidrRange(engineRangeOf('172.16.9.0/24')) ?? [0, 0];
  const inEngine = (ip: string) => {
    const n = ip.split('.').reduce((a, p) => a * 256 + Number(p), 0);
    return n >= first && n <= last;
  };
  assert.deepEqual(hosts.filter(inEngine), []);
});
