// Landlock from filesystem_policy, applied by paddock-init to the sandbox's processes (main and exec'd alike),
// on the real engine: what is not listed is inaccessible, even when Unix permissions allow it.
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Policy } from '../../src/policy/types.js';
import {
  connectEngine,
  copyOut,
  createSandbox,
  initBinary,
  sandboxLandlock,
} from '../../src/sandbox/index.js';
import { LANDLOCK_SYSCALLS, SECCOMP_PROFILE } from '../../src/sandbox/seccomp.js';
import { SECRET, secretImage, sh, testSession } from './fixture.js';

let session: string;
let cleanup: () => Promise<void>;
let image: string;
before(async () => {
  ({ session, cleanup } = await testSession());
  image = await secretImage();
});
after(() => cleanup());

const fenced = (fs: Policy['filesystem_policy'] | null, hard = false): Policy => ({
  version: 1,
  source: 'inline',
  filesystem_policy: fs ?? { include_workdir: true, read_only: [], read_write: [] },
  landlock: { compatibility: hard ? 'hard_requirement' : 'best_effort' },
  process: {},
  network_policies: [],
  declared: fs ? ['filesystem_policy', 'landlock'] : ['landlock'],
});

describe('Landlock from filesystem_policy', () => {
  const narrow = fenced({
    include_workdir: true,
    read_only: ['/usr', '/bin', '/lib', '/lib64', '/etc'],
    read_write: ['/tmp'],
  });

  test('read_only [/usr, /lib, /etc, …]: reading /opt/secret fails with EACCES; listed paths work', async () => {
    const box = await createSandbox({ session, name: 'narrow', image, policy: narrow });
    assert.equal(box.landlock?.enforced, true, JSON.stringify(box.landlock));
    assert.ok((box.landlock?.abi ?? 0) >= 1);
    const r = await sh(
      box,
      `python3 -c "
import errno
try:
    open('/opt/secret').read(); print('READ')
except OSError as e:
    print(errno.errorcode[e.errno])
"; cat /etc/hostname > /tmp/h && echo etc-ok; echo w > /sandbox/f && cat /sandbox/f; echo t > /tmp/f && cat /tmp/f`,
    );
    assert.equal(r.out, 'EACCES\netc-ok\nw\nt\n', r.err);
    assert.doesNotMatch(r.out + r.err, new RegExp(SECRET));
  });

  test('the same rules hold for a second exec and for what it starts (inherited)', async () => {
    const box = await createSandbox({ session, name: 'narrow2', image, policy: narrow });
    const r = await sh(box, 'sh -c "sh -c \\"cat /opt/secret\\"" 2>&1; echo "exit $?"');
    assert.match(r.out, /Permission denied\nexit 1\n$/);
  });

  // Docker reads the archive of an output base itself, outside Landlock, resolving every symlink of the base's
  // folders inside the container: a link the agent put in place of one took the copy wherever it pointed.
  test('copy-out of a base whose folders the agent made symlinks (to /opt, directly or by a link further down) copies nothing from there; real folders copy', async () => {
    const box = await createSandbox({ session, name: 'narrow-out', image, policy: narrow });
    const r = await sh(
      box,
      'ln -s /opt res && mkdir -p a/b && ln -s /opt a/b/c && mkdir d && ln -s ../res d/e && mkdir -p ok/deep && echo fine > ok/deep/f && cat res/secret a/b/c/secret 2>&1; echo "exit $?"',
    );
    assert.match(r.out, /Permission denied\nexit 1\n$/, r.err);
    const dest = await mkdtemp(join(tmpdir(), 'paddock-landlock-out-'));
    try {
      const globs = ['res/secret', 'a/b/c/secret', 'd/e/secret', 'ok/deep/**', 'gone/x/**'];
      const out = await copyOut(box, globs, dest);
      assert.deepEqual(out.files, ['ok/deep/f']); // real folders, and a base that is not there, as before
      const found = await readdir(dest, { recursive: true, withFileTypes: true });
      for (const f of found.filter((e) => e.isFile()))
        assert.doesNotMatch(await readFile(join(f.parentPath, f.name), 'utf8'), new RegExp(SECRET));
      assert.deepEqual(
        out.rejected.map((x) => x.path).sort(),
        ['a/b/c', 'd/e', 'res'],
        JSON.stringify(out.rejected),
      );
    } finally {
      await rm(dest, { recursive: true, force: true });
    }
  });

  test('sandbox get reports the ABI (best_effort) read back from the running sandbox', async () => {
    const l = await sandboxLandlock(session, 'narrow');
    assert.deepEqual(
      { ...l, abi: (l?.abi ?? 0) >= 1 },
      { compatibility: 'best_effort', abi: true, enforced: true },
    );
  });

  test('no filesystem_policy written: today’s images keep working, / stays readable', async () => {
    const box = await createSandbox({ session, name: 'open', image, policy: fenced(null) });
    const r = await sh(box, 'cat /opt/secret; echo x > /sandbox/x && cat /sandbox/x');
    assert.equal(r.out, `${SECRET}\nx\n`, r.err);
    assert.equal(box.landlock?.enforced, true);
  });
});

/** Paddock's profile without the Landlock syscalls: how Docker 20.10's own default behaves (EPERM). */
const NO_LANDLOCK = {
  ...SECCOMP_PROFILE,
  syscalls: SECCOMP_PROFILE.syscalls.map((r) => ({
    ...r,
    names: r.names.filter((n) => !LANDLOCK_SYSCALLS.includes(n)),
  })),
};

/** Run paddock-init as PID 1 under NO_LANDLOCK, signal the fence, return its exit code and output. */
async function initWithoutLandlock(args: string[]): Promise<{ code: number; logs: string }> {
  const { docker } = await connectEngine();
  const c = await docker.createContainer({
    Image: image,
    User: '1000:1000',
    Entrypoint: ['/.paddock/init', ...args],
    Cmd: [],
    Labels: { 'paddock.session': session },
    HostConfig: {
      NetworkMode: 'none',
      SecurityOpt: ['no-new-privileges:true', `seccomp=${JSON.stringify(NO_LANDLOCK)}`],
      Mounts: [{ Type: 'bind', Source: initBinary(), Target: '/.paddock/init', ReadOnly: true }],
    },
  });
  try {
    await c.start();
    // The fence signal; `probe` may have ended already (409: not running).
    await c.kill({ signal: 'SIGUSR1' }).catch((e: { statusCode?: number }) => {
      if (e.statusCode !== 409) throw e;
    });
    const { StatusCode } = (await c.wait()) as { StatusCode: number };
    const logs = (await c.logs({ stdout: true, stderr: true })) as unknown as Buffer;
    return { code: StatusCode, logs: logs.toString('latin1') };
  } finally {
    await c.remove({ force: true }).catch(() => undefined);
  }
}

describe('without Landlock (a seccomp profile that blocks it, as Docker 20.10’s default does)', () => {
  const rules = ['-r', '/usr', '-r', '/bin', '-r', '/lib', '-r', '/lib64', '--', 'cat', '/opt/secret'];

  test('hard_requirement: init starts nothing and exits 125, saying why', async () => {
    const r = await initWithoutLandlock(['-c', 'hard_requirement', ...rules]);
    assert.equal(r.code, 125, r.logs);
    assert.match(r.logs, /hard_requirement: a seccomp profile blocks the Landlock system calls/);
    assert.doesNotMatch(r.logs, new RegExp(SECRET));
  });

  test('best_effort: runs without it and says so', async () => {
    const r = await initWithoutLandlock(['-c', 'best_effort', ...rules]);
    assert.equal(r.code, 0, r.logs);
    assert.match(r.logs, /running without Landlock \(best_effort\)/);
  });

  test('the probe the host asks reports ABI 0 and the reason (what run.json and sandbox get record)', async () => {
    const r = await initWithoutLandlock(['probe']);
    assert.match(r.logs, /abi 0 a seccomp profile blocks the Landlock system calls/);
  });
});

test('hard_requirement where the kernel has Landlock: the sandbox is made and enforced', async () => {
  const box = await createSandbox({
    session,
    name: 'hard',
    image,
    policy: fenced(
      { include_workdir: true, read_only: ['/usr', '/bin', '/lib', '/lib64'], read_write: [] },
      true,
    ),
  });
  assert.equal(box.landlock?.compatibility, 'hard_requirement');
  assert.equal(box.landlock?.enforced, true);
  assert.match((await sh(box, 'cat /opt/secret 2>&1')).out, /Permission denied/);
});
