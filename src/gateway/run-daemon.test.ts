import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseDaemonArgs } from './run-daemon.js';
import { daemonArgs } from './start.js';

describe('daemon arguments', () => {
  test('daemonArgs and parseDaemonArgs round-trip', () => {
    const options = {
      session: 's1',
      stateDir: '/tmp/s1',
      bridgeIp: '172.21.0.1',
      hosts: { 'api.test': '127.0.0.1' },
      upstreamDns: '127.0.0.1:5353',
      upstreamCa: ['/etc/corp-ca.pem', '/tmp/test-ca.pem'],
      audit: true,
      proxyOnly: false,
    };
    assert.deepEqual(parseDaemonArgs(daemonArgs(options)), options);
  });
  test('a bridge address still to come is read from stdin (--bridge-ip -)', () => {
    const args = daemonArgs({ session: 's1', stateDir: '/tmp/s1', bridgeIp: Promise.resolve('172.21.0.1') });
    assert.deepEqual(args.slice(args.indexOf('--bridge-ip'), args.indexOf('--bridge-ip') + 2), [
      '--bridge-ip',
      '-',
    ]);
    assert.equal(parseDaemonArgs(args).bridgeIp, '-');
  });
  for (const [what, argv, message] of [
    ['a missing bridge IP', ['--session', 's', '--state-dir', 'd'], /--bridge-ip is required/],
    ['an unknown flag', ['--nope'], /unknown argument --nope/],
    ['a bad --add-host', ['--add-host', 'noequals'], /NAME=IP/],
    ['a flag without value', ['--session'], /needs a value/],
  ] as const) {
    test(`rejects ${what}`, () => assert.throws(() => parseDaemonArgs(argv), message));
  }
});
