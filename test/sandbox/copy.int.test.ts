import assert from 'node:assert/strict';
import { chmod, lstat, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { isPaddockError } from '../../src/common/errors.js';
import { copyIn, copyOut, createSandbox, type SandboxInfo } from '../../src/sandbox/index.js';
import { IMAGE, sh, testSession } from './fixture.js';

describe('copy in and out of a sandbox', () => {
  let cleanup: () => Promise<void>;
  let box: SandboxInfo;
  let dir: string;

  before(async () => {
    const t = await testSession();
    cleanup = t.cleanup;
    box = await createSandbox({ session: t.session, name: 'copy', image: IMAGE });
    dir = await mkdtemp(join(tmpdir(), 'paddock-copy-'));
  });
  after(async () => {
    await cleanup();
    await rm(dir, { recursive: true, force: true });
  });

  test('copyIn puts files and directories under /sandbox, owned by the sandbox user, without setuid', async () => {
    const src = join(dir, 'src');
    await mkdir(join(src, 'fixtures/deep'), { recursive: true });
    await writeFile(join(src, 'fixtures/deep/a.txt'), 'A');
    await writeFile(join(src, 'fixtures/run.sh'), '#!/bin/sh\necho hi\n');
    await chmod(join(src, 'fixtures/run.sh'), 0o4755);
    await symlink('deep/a.txt', join(src, 'fixtures/link'));
    await writeFile(join(src, 'prompt.md'), 'P');
    await copyIn(box, [
      { hostPath: join(src, 'fixtures'), path: 'fixtures' },
      { hostPath: join(src, 'prompt.md'), path: 'prompts/p1.md' },
    ]);
    const r = await sh(
      box,
      'cat fixtures/deep/a.txt fixtures/link prompts/p1.md; stat -c "%u %a %n" fixtures fixtures/run.sh prompts; ./fixtures/run.sh',
    );
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(r.out.split('\n'), [
      'AAP1000 755 fixtures',
      '1000 755 fixtures/run.sh',
      '1000 755 prompts',
      'hi',
      '',
    ]);
  });

  const bad: [string, { hostPath: string; path: string }][] = [
    ['absolute destination', { hostPath: '/dev/null', path: '/etc/x' }],
    ['destination with ..', { hostPath: '/dev/null', path: '../x' }],
  ];
  for (const [name, source] of bad) {
    test(`copyIn refuses an ${name}`, async () => {
      await assert.rejects(copyIn(box, [source]), (e) => isPaddockError(e, 'COPY_REJECTED'));
    });
  }

  // Each row: host symlinks in a copied folder [path, target][], made in this order.
  const leaky: [string, [string, string][]][] = [
    ['an absolute link', [['pw', '/etc/passwd']]],
    ['a link climbing out', [['up', '../../etc/passwd']]],
    [
      'a link chain whose text stays inside (l2 through l1 -> ../..)',
      [
        ['a/b/l1', '../..'],
        ['l2', 'a/b/l1/../etc/passwd'],
      ],
    ],
  ];
  for (const [name, links] of leaky) {
    test(`copyIn refuses a host folder with ${name}`, async () => {
      const src = await mkdtemp(join(dir, 'leaky-'));
      for (const [path, target] of links) {
        await mkdir(join(src, path, '..'), { recursive: true });
        await symlink(target, join(src, path));
      }
      await assert.rejects(copyIn(box, [{ hostPath: src, path: 'leaky' }]), (e) =>
        isPaddockError(e, 'COPY_REJECTED'),
      );
    });
  }

  test('copyIn enforces its size cap', async () => {
    await writeFile(join(dir, 'big'), Buffer.alloc(5000));
    await assert.rejects(copyIn(box, [{ hostPath: join(dir, 'big'), path: 'big' }], { maxBytes: 100 }), (e) =>
      isPaddockError(e, 'COPY_REJECTED'),
    );
  });

  test('copyOut collects matching files and refuses symlinks the sandbox points outside', async () => {
    const made = await sh(
      box,
      [
        'mkdir -p out/sub other',
        'echo r > out/result.json',
        'echo s > out/sub/s.txt',
        'chmod 4755 out/result.json',
        'echo o > other/x.txt',
        'ln -s /etc/passwd out/abs',
        'ln -s ../../../../etc out/up',
        'ln -s sub/s.txt out/inside',
        'ln -s /sandbox/other out/sub/escape',
      ].join(' && '),
    );
    assert.equal(made.code, 0, made.err);
    const dest = join(dir, 'results');
    const r = await copyOut(box, ['out/**', 'missing/**'], dest);
    assert.deepEqual(r.files, ['out/inside', 'out/result.json', 'out/sub/s.txt']);
    assert.deepEqual(r.rejected.map((x) => x.path).sort(), ['out/abs', 'out/sub/escape', 'out/up']);
    assert.equal(r.bytes, 4);
    assert.equal(await readFile(join(dest, 'out/result.json'), 'utf8'), 'r\n');
    assert.equal((await lstat(join(dest, 'out/result.json'))).mode & 0o7777, 0o755, 'setuid dropped');
    assert.equal((await lstat(join(dest, 'out/result.json'))).uid, process.getuid?.());
    assert.deepEqual((await readdir(dest)).sort(), ['out']);
  });

  test('copyOut stops at maxBytes', async () => {
    await sh(box, 'mkdir -p big && head -c 3000 /dev/zero > big/a && head -c 3000 /dev/zero > big/b');
    const r = await copyOut(box, ['big/*'], join(dir, 'capped'), { maxBytes: 4000 });
    assert.equal(r.files.length, 1);
    assert.equal(r.rejected.length, 1);
    assert.match(r.rejected[0]?.reason ?? '', /copy limit/);
  });

  test('copyOut of a 1 GiB sparse file with a 1 MiB cap stops at once instead of reading it all', async () => {
    await sh(box, 'mkdir -p sparse && truncate -s 1G sparse/big');
    const started = Date.now();
    const r = await copyOut(box, ['sparse/**'], join(dir, 'sparse'), { maxBytes: 1024 ** 2 });
    const ms = Date.now() - started;
    assert.ok(ms < 1500, `took ${ms} ms`);
    assert.deepEqual(r.files, []);
    assert.match(r.rejected[0]?.reason ?? '', /the copy stopped here/);
  });
});
