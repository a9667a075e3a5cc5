import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { containerIdOf, hostsLine, mountedFrom, resolvConfText } from './resolvconf.js';

const ID = 'd390019332bcc40d59ab5032f2c9ba1385eacade9714dd8adef969f5066f3e6a';
const MOUNTINFO = `91 74 254:0 /var/lib/docker/containers/${ID}/resolv.conf /etc/resolv.conf ro,relatime - ext4 /dev/vda rw
92 74 254:0 /var/lib/docker/containers/${ID}/hostname /etc/hostname ro,relatime - ext4 /dev/vda rw`;

describe('resolv.conf', () => {
  for (const [path, want] of [
    [`/var/lib/docker/containers/${ID}/resolv.conf`, ID],
    ['/etc/resolv.conf', null],
    [`/var/lib/docker/containers/${ID}/hosts`, null],
  ] as const) {
    test(`containerIdOf(${path.slice(-24)}) → ${want?.slice(0, 8)}`, () =>
      assert.equal(containerIdOf(path), want));
  }
  test('the mount must come from the same container', () => {
    assert.equal(mountedFrom(MOUNTINFO, ID), true);
    assert.equal(mountedFrom(MOUNTINFO, 'a'.repeat(64)), false);
    assert.equal(mountedFrom(MOUNTINFO.replace('/etc/resolv.conf', '/etc/other'), ID), false);
  });
  test('hosts and hostname are checked as mounts of the same container', () => {
    assert.equal(mountedFrom(MOUNTINFO, ID, 'hostname'), true);
    assert.equal(mountedFrom(MOUNTINFO, ID, 'hosts'), false, 'not mounted in this mountinfo');
    assert.equal(
      mountedFrom(MOUNTINFO.replace('/hostname /etc/hostname', '/hostname /etc/hosts'), ID, 'hosts'),
      false,
    );
  });
  test("a joined sandbox's own name resolves to its address", () =>
    assert.equal(hostsLine('172.21.0.64', 'paddock-s-a'), '172.21.0.64\tpaddock-s-a\n'));
  test('the new file names only the gateway', () => {
    assert.equal(
      resolvConfText('172.21.0.1')
        .split('\n')
        .filter((l) => l.startsWith('nameserver'))
        .join(),
      'nameserver 172.21.0.1',
    );
  });
});
