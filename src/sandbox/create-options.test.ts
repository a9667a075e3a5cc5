import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isPaddockError } from '../common/errors.js';
import type { Policy } from '../policy/types.js';
import { createOptions, proxyEnv, readWritePaths, resolveUser, sandboxEnv } from './create-options.js';
import { INIT_PATH } from './init.js';
import { LANDLOCK_SYSCALLS, SECCOMP_DENIED, type SECCOMP_PROFILE } from './seccomp.js';
import type { SandboxOptions } from './types.js';

function policy(
  extra: { read_write?: string[]; run_as_user?: string | number; run_as_group?: string | number } = {},
): Policy {
  return {
    version: 1,
    source: 'policy.yaml',
    filesystem_policy: { include_workdir: true, read_only: [], read_write: extra.read_write ?? [] },
    landlock: { compatibility: 'best_effort' },
    process: { run_as_user: extra.run_as_user, run_as_group: extra.run_as_group },
    network_policies: [],
  };
}

const base: SandboxOptions = { session: 's1', name: 'eval/a b', image: 'img:1' };
const image = { id: 'sha256:abc', user: '' };
const INIT = '/pkg/dist/native/paddock-init-x86_64';
const made = (o: Partial<SandboxOptions> = {}, img = image) => createOptions({ ...base, ...o }, img, INIT);

describe('createOptions hardening defaults', () => {
  const spec = made();
  const host = spec.HostConfig ?? {};
  const rows: [string, unknown, unknown][] = [
    ['container name is sanitised', spec.name, 'paddock-s1-eval-a-b'],
    ['image is pinned by id', spec.Image, 'sha256:abc'],
    [
      'paddock-init is the main process; no policy: / readable, the writable mounts writable',
      spec.Entrypoint,
      ['/.paddock/init', '-c', 'best_effort', '-r', '/', '-w', '/sandbox', '-w', '/tmp', '-w', '/dev', '--'],
    ],
    ['image Cmd is dropped', spec.Cmd, []],
    ['default user is 1000:1000', spec.User, '1000:1000'],
    ['workdir is /sandbox', spec.WorkingDir, '/sandbox'],
    ['read-only root', host.ReadonlyRootfs, true],
    ['all capabilities dropped', host.CapDrop, ['ALL']],
    ['no-new-privileges and our seccomp profile', host.SecurityOpt?.[0], 'no-new-privileges:true'],
    ['pids limit 256', host.PidsLimit, 256],
    ['open files 4096 (soft and hard)', host.Ulimits, [{ Name: 'nofile', Soft: 4096, Hard: 4096 }]],
    ['memory 1 GiB plus 1 GiB for the files in /sandbox', host.Memory, 2 * 1024 ** 3],
    ['no swap on top', host.MemorySwap, 2 * 1024 ** 3],
    ['one CPU', host.NanoCpus, 1e9],
    ['not privileged', host.Privileged, false],
    [
      'no engine log (output is read from the attached streams)',
      host.LogConfig,
      { Type: 'none', Config: {} },
    ],
    ['joined to the session network by the engine by default', host.NetworkMode, 'paddock-s1'],
    [
      'IPv6 off',
      host.Sysctls,
      { 'net.ipv6.conf.all.disable_ipv6': '1', 'net.ipv6.conf.default.disable_ipv6': '1' },
    ],
    [
      '/tmp is a tmpfs; /dev/shm is read-only',
      host.Tmpfs,
      { '/tmp': 'rw,nosuid,nodev,mode=1777', '/dev/shm': 'ro,nosuid,nodev,noexec,size=64k' },
    ],
    ['session network', host.NetworkMode, 'paddock-s1'],
    ['only environment is HOME', spec.Env, ['HOME=/sandbox']],
    [
      'labels',
      spec.Labels,
      { 'paddock.session': 's1', 'paddock.sandbox': 'eval/a b', 'paddock.run': '', 'paddock.image': 'img:1' },
    ],
    ['no binds (no host paths, no docker socket)', host.Binds, undefined],
    [
      'two mounts: the sandbox volume, and paddock-init read-only',
      host.Mounts?.map((m) => [m.Type, m.Source, m.Target, m.ReadOnly]),
      [
        ['volume', 'paddock-s1-eval-a-b.sandbox', '/sandbox', false],
        ['bind', INIT, '/.paddock/init', true],
      ],
    ],
    [
      '/sandbox is a 1 GiB tmpfs volume owned by the user; Docker does not copy into it',
      [host.Mounts?.[0]?.VolumeOptions?.DriverConfig, host.Mounts?.[0]?.VolumeOptions?.NoCopy],
      [
        {
          Name: 'local',
          Options: {
            type: 'tmpfs',
            device: 'tmpfs',
            o: 'size=1073741824,uid=1000,gid=1000,mode=0755,nosuid,nodev',
          },
        },
        true,
      ],
    ],
  ];
  for (const [name, actual, expected] of rows) test(name, () => assert.deepEqual(actual, expected));
});

describe('createOptions overrides', () => {
  const rows: [string, Partial<SandboxOptions>, (s: ReturnType<typeof made>) => unknown, unknown][] = [
    [
      'limits override',
      { limits: { pids: 64, memoryBytes: 2 ** 28, cpus: 0.5 } },
      (s) => [s.HostConfig?.PidsLimit, s.HostConfig?.Memory, s.HostConfig?.NanoCpus],
      [64, 2 ** 28 + 1024 ** 3, 5e8],
    ],
    [
      'disk limit override sizes /sandbox and the memory limit',
      { limits: { memoryBytes: 2 ** 28, diskBytes: 2 ** 20 } },
      (s) => [s.HostConfig?.Memory, s.HostConfig?.Mounts?.[0]?.VolumeOptions?.DriverConfig?.Options?.o],
      [2 ** 28 + 2 ** 20, 'size=1048576,uid=1000,gid=1000,mode=0755,nosuid,nodev'],
    ],
    [
      '/sandbox of a user given by name is sticky and open (no ids to give the tmpfs)',
      { policy: policy({ run_as_user: 'sandbox', run_as_group: 'staff' }) },
      (s) => s.HostConfig?.Mounts?.[0]?.VolumeOptions?.DriverConfig?.Options?.o,
      'size=1073741824,mode=1777,nosuid,nodev',
    ],
    [
      'shared volumes stay on the local driver without options, copied from the image',
      { volumes: [{ name: 'plan', path: '/plan' }] },
      (s) => [
        s.HostConfig?.Mounts?.[1]?.VolumeOptions?.DriverConfig,
        s.HostConfig?.Mounts?.[1]?.VolumeOptions?.NoCopy,
      ],
      [{ Name: 'local', Options: {} }, false],
    ],
    ['run label', { run: 'model-a__p1' }, (s) => s.Labels?.['paddock.run'], 'model-a__p1'],
    ['policy user', { policy: policy({ run_as_user: 1234 }) }, (s) => s.User, '1234:1234'],
    [
      'policy user and group',
      { policy: policy({ run_as_user: 'sandbox', run_as_group: 'staff' }) },
      (s) => s.User,
      'sandbox:staff',
    ],
    [
      'read_write adds a tmpfs',
      { policy: policy({ read_write: ['/var/cache/x/', '/sandbox/a', '/tmp', '/dev/null'] }) },
      (s) => Object.keys(s.HostConfig?.Tmpfs ?? {}),
      ['/tmp', '/var/cache/x', '/dev/shm'],
    ],
    [
      'shared volumes, read-only for some',
      {
        volumes: [
          { name: 'plan', path: '/plan', readOnly: true },
          { name: 'work', path: '/work' },
        ],
      },
      (s) =>
        s.HostConfig?.Mounts?.slice(1, -1).map((m) => [
          m.Source,
          m.Target,
          m.ReadOnly,
          m.VolumeOptions?.Labels,
        ]),
      [
        ['paddock-s1.shared.plan', '/plan', true, { 'paddock.session': 's1', 'paddock.volume': 'shared' }],
        ['paddock-s1.shared.work', '/work', false, { 'paddock.session': 's1', 'paddock.volume': 'shared' }],
      ],
    ],
  ];
  for (const [name, o, pick, expected] of rows) test(name, () => assert.deepEqual(pick(made(o)), expected));
});

describe('createOptions rejects bad input loudly', () => {
  const rows: [string, Partial<SandboxOptions>, string][] = [
    ['pids 0', { limits: { pids: 0 } }, 'INPUT_INVALID'],
    ['fractional pids', { limits: { pids: 1.5 } }, 'INPUT_INVALID'],
    ['openFiles 0', { limits: { openFiles: 0 } }, 'INPUT_INVALID'],
    ['negative cpus', { limits: { cpus: -1 } }, 'INPUT_INVALID'],
    ['disk 0', { limits: { diskBytes: 0 } }, 'INPUT_INVALID'],
    ['fractional disk', { limits: { diskBytes: 1.5 } }, 'INPUT_INVALID'],
    ['uid 0 from policy', { policy: policy({ run_as_user: 0 }) }, 'POLICY_INVALID'],
    ['root by name', { policy: policy({ run_as_user: 'root' }) }, 'POLICY_INVALID'],
    ['gid 0', { policy: policy({ run_as_user: 1000, run_as_group: 0 }) }, 'POLICY_INVALID'],
    ['relative read_write', { policy: policy({ read_write: ['var/x'] }) }, 'POLICY_INVALID'],
    ['volume over /sandbox', { volumes: [{ name: 'v', path: '/sandbox' }] }, 'INPUT_INVALID'],
    ['volume under /proc', { volumes: [{ name: 'v', path: '/proc/x' }] }, 'INPUT_INVALID'],
    ['relative volume path', { volumes: [{ name: 'v', path: 'data' }] }, 'INPUT_INVALID'],
    [
      'two volumes on one path',
      {
        volumes: [
          { name: 'a', path: '/d' },
          { name: 'b', path: '/d/' },
        ],
      },
      'INPUT_INVALID',
    ],
    ['env key with =', { env: { 'A=B': 'x' } }, 'INPUT_INVALID'],
    ['empty name', { name: '///' }, 'INPUT_INVALID'],
  ];
  for (const [name, o, code] of rows) {
    test(`${name} → ${code}`, () =>
      assert.throws(
        () => made(o),
        (e) => isPaddockError(e, code as 'INPUT_INVALID'),
      ));
  }
});

describe('resolveUser', () => {
  const rows: [string, Policy | undefined, string, string][] = [
    ['image non-root user is kept', undefined, 'node', 'node'],
    ['image numeric user gets its group', undefined, '1001', '1001:1001'],
    ['image root falls back to 1000', undefined, 'root', '1000:1000'],
    ['image 0:0 falls back to 1000', undefined, '0:0', '1000:1000'],
    ['policy wins over image', policy({ run_as_user: 'sandbox' }), 'node', 'sandbox'],
  ];
  for (const [name, p, imageUser, expected] of rows) {
    test(name, () => assert.equal(resolveUser(p, { id: 'x', user: imageUser }), expected));
  }
});

test('proxy option sets upper and lower case variables and wins over env', () => {
  const env = sandboxEnv({
    env: { HTTP_PROXY: 'http://mine', A: '1' },
    proxy: { url: 'http://gw:3128', noProxy: 'x.test' },
  });
  assert.deepEqual(env.sort(), [
    'A=1',
    'HOME=/sandbox',
    'HTTPS_PROXY=http://gw:3128',
    'HTTP_PROXY=http://gw:3128',
    'NO_PROXY=x.test',
    'http_proxy=http://gw:3128',
    'https_proxy=http://gw:3128',
    'no_proxy=x.test',
  ]);
});

test('read_write of / makes the root writable instead of mounting over it', () => {
  assert.deepEqual(readWritePaths(policy({ read_write: ['/'] }), []), {
    tmpfs: [],
    writableRoot: true,
    writableShm: true,
  });
});

describe('/dev/shm is writable only when read_write contains it', () => {
  const rows: [string, string[], string | undefined][] = [
    ['not listed', ['/var/x', '/dev/null', '/dev/shm/sub'], 'ro,nosuid,nodev,noexec,size=64k'],
    ['listed', ['/dev/shm'], 'rw,nosuid,nodev,noexec,mode=1777,size=64m'],
    ['listed with a slash', ['/dev/shm/'], 'rw,nosuid,nodev,noexec,mode=1777,size=64m'],
    ['its parent /dev', ['/dev'], 'rw,nosuid,nodev,noexec,mode=1777,size=64m'],
  ];
  for (const [name, read_write, expected] of rows)
    test(name, () =>
      assert.equal(made({ policy: policy({ read_write }) }).HostConfig?.Tmpfs?.['/dev/shm'], expected),
    );
});

test('host environment never leaks into the sandbox env', () => {
  process.env.GITHUB_TOKEN = 'ghs_secret';
  assert.ok(!made().Env?.some((e) => e.includes('GITHUB_TOKEN')));
});

describe("Paddock's seccomp profile", () => {
  const opt: string[] = made().HostConfig?.SecurityOpt ?? [];
  const json = opt.find((o) => o.startsWith('seccomp='))?.slice('seccomp='.length) ?? '';
  const profile = JSON.parse(json) as typeof SECCOMP_PROFILE;
  const allowed = new Set(
    profile.syscalls.filter((r) => r.action === 'SCMP_ACT_ALLOW').flatMap((r) => r.names),
  );
  test('is passed inline, after no-new-privileges', () => assert.equal(opt.length, 2));
  test('denies by default with EPERM', () => {
    assert.equal(profile.defaultAction, 'SCMP_ACT_ERRNO');
    assert.equal(profile.defaultErrnoRet, 1);
  });
  for (const name of SECCOMP_DENIED) test(`denies ${name}`, () => assert.equal(allowed.has(name), false));
  for (const name of LANDLOCK_SYSCALLS) test(`allows ${name}`, () => assert.equal(allowed.has(name), true));
  test("keeps Docker's everyday set (spot check)", () => {
    for (const name of ['read', 'openat', 'clone', 'execve', 'socket', 'connect', 'mmap', 'futex', 'rseq'])
      assert.equal(allowed.has(name), true, name);
  });
  test('never allows namespace or mount syscalls (no capability-conditional rules)', () => {
    for (const name of ['unshare', 'setns', 'mount', 'pidfd_getfd', 'kcmp', 'process_madvise'])
      assert.equal(allowed.has(name), false, name);
  });
  test('clone is allowed only without namespace flags, a thread only with CLONE_FILES; clone3 answers ENOSYS', () => {
    const clone = profile.syscalls.filter((r) => r.names.includes('clone'));
    assert.ok(clone.every((r) => r.args?.length === 1 && r.args[0]?.op === 'SCMP_CMP_MASKED_EQ'));
    // Which flags some rule allows (`flags & value == valueTwo`), as the kernel would see them.
    const allows = (flags: number) =>
      clone.some((r) => {
        const a = r.args?.[0];
        return a !== undefined && (flags & a.value) >>> 0 === (a.valueTwo ?? 0);
      });
    const PTHREAD = 0x3d0f00; // glibc's pthread_create: VM FS FILES SIGHAND THREAD SYSVSEM SETTLS PARENT/CHILD TID
    assert.equal(allows(PTHREAD), true, 'pthread_create');
    assert.equal(allows(0x01200011), true, 'fork (SIGCHLD, CHILD_SETTID, CHILD_CLEARTID)');
    assert.equal(allows(0x4111), true, 'vfork (VM, VFORK, SIGCHLD)');
    assert.equal(allows(0x10900), false, 'a thread without CLONE_FILES');
    assert.equal(allows(PTHREAD | 0x40000000), false, 'a thread in a new network namespace');
    assert.equal(allows(0x10000011), false, 'fork into a new user namespace');
    assert.deepEqual(
      profile.syscalls.find((r) => r.names.includes('clone3')),
      { names: ['clone3'], action: 'SCMP_ACT_ERRNO', errnoRet: 38 },
    );
  });
  test('names are unique within the unconditional rule and never empty', () => {
    const names = profile.syscalls[0]?.names ?? [];
    assert.equal(new Set(names).size, names.length);
    assert.ok(names.every((n) => /^[a-z_][a-z0-9_]*$/.test(n)));
  });
});

describe('createOptions for a setup sandbox (root without capabilities, writable root)', () => {
  const spec = made({
    setup: true,
    policy: policy({ run_as_user: '1000', read_write: ['/opt/tools'] }),
  });
  const host = spec.HostConfig ?? {};
  const rows: [string, unknown, unknown][] = [
    ['runs as root', spec.User, '0:0'],
    ['writable root (it is committed)', host.ReadonlyRootfs, false],
    ['still no capabilities', host.CapDrop, ['ALL']],
    ['still no-new-privileges', host.SecurityOpt?.[0], 'no-new-privileges:true'],
    ['not privileged', host.Privileged, false],
    [
      'no engine log (output is read from the attached streams)',
      host.LogConfig,
      { Type: 'none', Config: {} },
    ],
    ['joined to the session network by the engine by default', host.NetworkMode, 'paddock-s1'],
    [
      'paddock-init is still the main process; Landlock leaves the whole root writable',
      spec.Entrypoint,
      ['/.paddock/init', '-c', 'best_effort', '-w', '/', '--'],
    ],
    [
      'no tmpfs over read_write paths (it would hide what setup installs)',
      host.Tmpfs,
      { '/tmp': 'rw,nosuid,nodev,mode=1777', '/dev/shm': 'ro,nosuid,nodev,noexec,size=64k' },
    ],
    ['same pids limit', host.PidsLimit, 256],
  ];
  for (const [name, actual, expected] of rows) test(name, () => assert.deepEqual(actual, expected));

  test('without `setup`, a policy asking for root is still refused', () => {
    assert.throws(
      () => made({ policy: policy({ run_as_user: '0' }) }),
      (e: unknown) => isPaddockError(e, 'POLICY_INVALID'),
    );
  });
});

describe('proxyEnv', () => {
  test('both cases of each variable, NO_PROXY defaulting to loopback', () => {
    assert.deepEqual(proxyEnv({ url: 'http://10.0.0.1:3128' }), {
      HTTP_PROXY: 'http://10.0.0.1:3128',
      http_proxy: 'http://10.0.0.1:3128',
      HTTPS_PROXY: 'http://10.0.0.1:3128',
      https_proxy: 'http://10.0.0.1:3128',
      NO_PROXY: 'localhost,127.0.0.1,::1',
      no_proxy: 'localhost,127.0.0.1,::1',
    });
  });
});

test('trust mounts the session CA and bundle read-only over the system paths and sets the CA variables', () => {
  const spec = made({ trust: { ca: '/state/ca.pem', bundle: '/state/ca-bundle.pem' } });
  const binds = (spec.HostConfig?.Mounts ?? []).filter((m) => m.Type === 'bind' && m.Target !== INIT_PATH);
  assert.deepEqual(
    binds.map((m) => [m.Source, m.Target, m.ReadOnly]),
    [
      ['/state/ca.pem', '/etc/paddock/ca.pem', true],
      ['/state/ca-bundle.pem', '/etc/paddock/ca-bundle.pem', true],
      ['/state/ca-bundle.pem', '/etc/ssl/certs/ca-certificates.crt', true],
      ['/state/ca-bundle.pem', '/etc/pki/tls/certs/ca-bundle.crt', true],
      ['/state/ca-bundle.pem', '/etc/ssl/cert.pem', true],
    ],
  );
  const env = sandboxEnv({ env: { SSL_CERT_FILE: '/mine.pem' }, trust: { ca: 'a', bundle: 'b' } });
  assert.deepEqual(env.sort(), [
    'CURL_CA_BUNDLE=/etc/paddock/ca-bundle.pem',
    'DENO_CERT=/etc/paddock/ca-bundle.pem',
    'GIT_SSL_CAINFO=/etc/paddock/ca-bundle.pem',
    'HOME=/sandbox',
    'NODE_EXTRA_CA_CERTS=/etc/paddock/ca.pem',
    'PIP_CERT=/etc/paddock/ca-bundle.pem',
    'REQUESTS_CA_BUNDLE=/etc/paddock/ca-bundle.pem',
    'SSL_CERT_FILE=/etc/paddock/ca-bundle.pem',
  ]);
});

test('without trust no host path is mounted but paddock-init', () => {
  const binds = (made().HostConfig?.Mounts ?? []).filter((m) => m.Type === 'bind');
  assert.deepEqual(
    binds.map((m) => m.Target),
    [INIT_PATH],
  );
});

describe('createOptions for a held run (an eval run without exec)', () => {
  const spec = createOptions({ ...base, command: 'agent --x' }, image, INIT, 'k'.repeat(32));
  test('the command is the container own, behind init in linger mode', () => {
    assert.deepEqual(spec.Cmd, ['sh', '-c', 'agent --x']);
    assert.deepEqual((spec.Entrypoint as string[]).slice(-3), ['-m', 'linger', '--']);
  });
  test('init gets the key in its environment', () =>
    assert.ok(spec.Env?.includes(`PADDOCK_RUN_KEY=${'k'.repeat(32)}`)));
  test('without a command: no key, no linger, init only holds', () => {
    const plain = made();
    assert.deepEqual(plain.Cmd, []);
    assert.ok(!(plain.Entrypoint as string[]).includes('linger'));
    assert.ok(!plain.Env?.some((e) => e.startsWith('PADDOCK_RUN_KEY=')));
  });
  test('a command without a key is refused', () =>
    assert.throws(() => createOptions({ ...base, command: ['a'] }, image, INIT), /run key/));
});

test('a sandbox the gateway joins to the network has no engine endpoint (network mode none)', () => {
  const spec = made({ network: 'gateway' });
  assert.equal(spec.HostConfig?.NetworkMode, 'none');
  assert.equal(spec.NetworkingConfig, undefined, 'an endpoint config would make the engine join it');
  assert.deepEqual(made().NetworkingConfig, { EndpointsConfig: { 'paddock-s1': {} } });
});
