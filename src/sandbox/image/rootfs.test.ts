import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { imagePath, parseLdd, rootfsEntries } from './rootfs.js';

describe('parseLdd', () => {
  test('keeps resolved libraries and the loader, drops the vDSO', () => {
    const text = `\tlinux-vdso.so.1 (0x00007ffd)
\tlibdl.so.2 => /lib/x86_64-linux-gnu/libdl.so.2 (0x00007f94)
\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f95)
\t/lib64/ld-linux-x86-64.so.2 (0x00007f96)`;
    assert.deepEqual(parseLdd(text), [
      '/lib/x86_64-linux-gnu/libdl.so.2',
      '/lib/x86_64-linux-gnu/libc.so.6',
      '/lib64/ld-linux-x86-64.so.2',
    ]);
  });
  test('static binaries have no libraries', () =>
    assert.deepEqual(parseLdd('\tnot a dynamic executable'), []));
});

describe('imagePath', () => {
  const rows: [string, string][] = [
    ['/lib/x86_64-linux-gnu/libc.so.6', '/usr/lib/x86_64-linux-gnu/libc.so.6'],
    ['/lib64/ld-linux-x86-64.so.2', '/usr/lib64/ld-linux-x86-64.so.2'],
    ['/bin/sh', '/usr/bin/sh'],
    ['/usr/lib/x86_64-linux-gnu/libz.so.1', '/usr/lib/x86_64-linux-gnu/libz.so.1'],
    ['/library/x', '/library/x'],
  ];
  for (const [host, image] of rows) test(`${host} -> ${image}`, () => assert.equal(imagePath(host), image));
});

describe('rootfsEntries', () => {
  const entries = rootfsEntries({
    binaries: new Map([
      ['/bin/busybox', '/usr/bin/busybox'],
      ['/usr/bin/curl', '/usr/bin/curl'],
    ]),
    libraries: ['/lib/x86_64-linux-gnu/libc.so.6'],
    applets: ['sh', 'ls', 'wget', 'curl'],
    extraFiles: [],
  });
  const byPath = new Map(entries.map((e) => [e.path, e]));

  test('applets link to busybox but never shadow a real binary', () => {
    assert.deepEqual(byPath.get('/usr/bin/sh'), { type: 'symlink', path: '/usr/bin/sh', target: 'busybox' });
    assert.equal(byPath.get('/usr/bin/curl')?.type, 'file');
  });
  test('the sandbox user exists with home /sandbox and owns it', () => {
    const passwd = byPath.get('/etc/passwd');
    assert.ok(
      passwd?.type === 'text' && passwd.content.includes('sandbox:x:1000:1000:sandbox:/sandbox:/bin/sh'),
    );
    assert.deepEqual(byPath.get('/sandbox'), {
      type: 'dir',
      path: '/sandbox',
      mode: 0o755,
      uid: 1000,
      gid: 1000,
    });
  });
  test('folders come before their contents', () => {
    const index = (p: string) => entries.findIndex((e) => e.path === p);
    assert.ok(index('/usr/lib/x86_64-linux-gnu') < index('/usr/lib/x86_64-linux-gnu/libc.so.6'));
    assert.ok(index('/usr') < index('/usr/bin/curl'));
  });
  test('/tmp is world-writable and sticky', () => {
    const tmp = byPath.get('/tmp');
    assert.equal(tmp?.type === 'dir' ? tmp.mode : undefined, 0o1777);
  });
});
