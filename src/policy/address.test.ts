import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  cidrContains,
  isAlwaysBlocked,
  isPrivateAddress,
  overlapsAlwaysBlocked,
  parseCidr,
  withinAlwaysBlocked,
} from './address.js';

describe('isPrivateAddress', () => {
  const ROWS: [string, boolean, string][] = [
    ['10.0.0.1', true, '10/8'],
    ['10.255.255.255', true, '10/8 top'],
    ['172.16.0.1', true, '172.16/12'],
    ['172.31.255.254', true, '172.16/12 top'],
    ['172.32.0.1', false, 'just above 172.16/12'],
    ['172.15.255.255', false, 'just below 172.16/12'],
    ['192.168.1.1', true, '192.168/16'],
    ['127.0.0.1', true, 'loopback'],
    ['127.255.0.9', true, '127/8'],
    ['169.254.169.254', true, 'cloud metadata (link-local)'],
    ['169.254.0.1', true, '169.254/16'],
    ['100.64.0.1', true, 'CGNAT 100.64/10'],
    ['100.127.255.255', true, 'CGNAT top'],
    ['100.128.0.1', false, 'above CGNAT'],
    ['0.0.0.0', true, 'unspecified'],
    ['224.0.0.251', true, 'multicast'],
    ['::1', true, 'IPv6 loopback'],
    ['::', true, 'IPv6 unspecified'],
    ['fc00::1', true, 'fc00::/7'],
    ['fd12:3456::1', true, 'fd00 in fc00::/7'],
    ['fe80::1', true, 'fe80::/10'],
    ['febf::1', true, 'fe80::/10 top'],
    ['fec0::1', false, 'above fe80::/10'],
    ['::ffff:10.0.0.1', true, 'IPv4-mapped private'],
    ['::ffff:169.254.169.254', true, 'IPv4-mapped metadata'],
    ['::ffff:8.8.8.8', false, 'IPv4-mapped public'],
    ['::ffff:a00:1', true, 'IPv4-mapped 10.0.0.1 in hex'],
    ['0:0:0:0:0:ffff:7f00:1', true, 'IPv4-mapped 127.0.0.1, long form'],
    ['::ffff:a9fe:a9fe', true, 'IPv4-mapped metadata in hex'],
    ['8.8.8.8', false, 'public'],
    ['192.0.2.10', true, 'TEST-NET-1 (special-use, as in OpenShell v0.0.111)'],
    [
      '198.18.0.7',
      true,
      'benchmarking range (special-use; Paddock never passes its synthetic addresses here)',
    ],
    ['192.0.0.8', true, 'IETF protocol assignments'],
    ['255.255.255.255', true, 'limited broadcast'],
    ['203.0.114.1', false, 'just above TEST-NET-3'],
    ['2001:db8::1', false, 'public IPv6 (documentation)'],
    ['not-an-ip', true, 'not an address: fail closed'],
  ];
  for (const [ip, expected, why] of ROWS) {
    test(`${ip} is ${expected ? '' : 'not '}private (${why})`, () =>
      assert.equal(isPrivateAddress(ip), expected));
  }
});

describe('cidrContains', () => {
  const ROWS: [string, string, boolean][] = [
    ['10.0.5.0/24', '10.0.5.20', true],
    ['10.0.5.0/24', '10.0.6.1', false],
    ['10.0.5.20', '10.0.5.20', true],
    ['10.0.5.20', '10.0.5.21', false],
    ['10.0.0.0/8', '::ffff:10.1.2.3', true],
    ['fd00::/8', 'fd00::1', true],
    ['fd00::/8', '10.0.0.1', false],
    ['0.0.0.0/0', '203.0.113.9', true],
    ['bad', '10.0.0.1', false],
  ];
  for (const [cidr, ip, expected] of ROWS) {
    test(`${cidr} ${expected ? 'contains' : 'does not contain'} ${ip}`, () =>
      assert.equal(cidrContains(cidr, ip), expected));
  }

  test('parseCidr rejects what is not an address or CIDR', () => {
    for (const bad of ['10.0.0.0/33', '10.0.0/8', 'fd00::/129', '10.0.0.0/x', 'example.com', '']) {
      assert.equal(parseCidr(bad), null, bad);
    }
    assert.deepEqual(parseCidr('10.0.0.0/8'), { address: '10.0.0.0', prefix: 8, family: 'ipv4' });
    assert.deepEqual(parseCidr('::1'), { address: '::1', prefix: 128, family: 'ipv6' });
  });
});

describe('always-blocked space', () => {
  const IPS: [string, boolean][] = [
    ['127.0.0.1', true],
    ['169.254.169.254', true],
    ['0.0.0.0', true],
    ['::1', true],
    ['fe80::1', true],
    ['::ffff:127.0.0.1', true],
    ['10.0.0.1', false],
    ['8.8.8.8', false],
  ];
  for (const [ip, expected] of IPS)
    test(`${ip} is ${expected ? '' : 'not '}always blocked`, () =>
      assert.equal(isAlwaysBlocked(ip), expected));

  const NETS: [string, boolean, boolean][] = [
    ['127.0.0.1', true, true],
    ['0.0.0.0/0', true, false],
    ['96.0.0.0/3', true, false],
    ['169.254.0.0/16', true, true],
    ['::/0', true, false],
    ['::ffff:127.0.0.1', true, true],
    ['::ffff:168.0.0.0/103', true, false],
    ['10.0.0.0/8', false, false],
    ['fd00::/8', false, false],
  ];
  for (const [cidr, overlaps, within] of NETS)
    test(`${cidr}: overlaps ${overlaps}, within ${within}`, () => {
      const c = parseCidr(cidr)!;
      assert.equal(overlapsAlwaysBlocked(c), overlaps);
      assert.equal(withinAlwaysBlocked(c), within);
    });
});
