import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseMountinfo } from './mountinfo.js';

describe('parseMountinfo', () => {
  test('root, point, type and super options; optional fields skipped', () => {
    const text = [
      '36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 shared:2 - ext3 /dev/root rw,errors=continue',
      '40 25 0:35 / /sys/fs/cgroup/cpu rw,nosuid - cgroup cgroup rw,cpu',
      '',
    ].join('\n');
    assert.deepEqual(parseMountinfo(text), [
      { root: '/mnt1', point: '/mnt2', type: 'ext3', options: ['rw', 'errors=continue'] },
      { root: '/', point: '/sys/fs/cgroup/cpu', type: 'cgroup', options: ['rw', 'cpu'] },
    ]);
  });
  test('octal escapes (space, tab, newline, backslash) are undone in root and point', () => {
    const [m] = parseMountinfo(
      '1 2 8:1 /var/lib/docker\\040data/containers/abc/resolv.conf /etc/resolv.conf ro - ext4 /dev/sda1 rw',
    );
    assert.equal(m?.root, '/var/lib/docker data/containers/abc/resolv.conf');
    assert.equal(m?.point, '/etc/resolv.conf');
  });
  test('a line without the separator is skipped', () => {
    assert.deepEqual(parseMountinfo('garbage line\n'), []);
  });
});
