import { posix } from 'node:path';
import type Docker from 'dockerode';
import { PaddockError, type Problem } from '../common/errors.js';
import type { Policy } from '../policy/types.js';
import { commandArgv, INIT_PATH, initEntrypoint, landlockRules, RUN_KEY_ENV } from './init.js';
import { containerName, LABEL, networkName, sandboxVolumeName, sharedVolumeName } from './names.js';
import { SECCOMP_PROFILE } from './seccomp.js';
import { TRUST_ENV, trustMounts } from './trust.js';
import type { SandboxOptions, VolumeMount } from './types.js';

export const SANDBOX_DIR = '/sandbox';
export const DEFAULT_LIMITS = {
  pids: 256,
  openFiles: 4096,
  memoryBytes: 1024 ** 3,
  cpus: 1,
  diskBytes: 1024 ** 3,
} as const;
export const DEFAULT_UID = 1000;
/** A setup sandbox's user: root, without capabilities (see SandboxOptions.setup). */
export const SETUP_USER = '0:0';
const DEFAULT_NO_PROXY = 'localhost,127.0.0.1,::1';

/** What the engine told us about the image. */
export interface ImageFacts {
  readonly id: string;
  /** The image's `Config.User`, possibly empty. */
  readonly user?: string;
}

function invalid(message: string): never {
  throw new PaddockError('INPUT_INVALID', message);
}

function policyInvalid(policy: Policy, field: string, message: string): never {
  const problem: Problem = { file: policy.source, field, message };
  throw new PaddockError('POLICY_INVALID', `${policy.source}: ${field}: ${message}`, { problems: [problem] });
}

const isRoot = (part: string): boolean => /^(0|root)$/.test(part.trim());

/** The `User` the sandbox runs as: the policy's, else the image's non-root user, else 1000. Root is refused. */
export function resolveUser(policy: Policy | undefined, image: ImageFacts): string {
  const asked = policy?.process.run_as_user;
  const group = policy?.process.run_as_group;
  if (asked !== undefined && String(asked).trim() !== '') {
    const user = String(asked).trim();
    if (isRoot(user.split(':')[0] ?? ''))
      policyInvalid(policy as Policy, 'process.run_as_user', 'must not be root (uid 0)');
    if (group !== undefined && String(group).trim() !== '') {
      if (isRoot(String(group)))
        policyInvalid(policy as Policy, 'process.run_as_group', 'must not be root (gid 0)');
      return `${user.split(':')[0]}:${String(group).trim()}`;
    }
    return /^\d+$/.test(user) ? `${user}:${user}` : user;
  }
  const fromImage = (image.user ?? '').trim();
  if (fromImage !== '' && !isRoot(fromImage.split(':')[0] ?? '')) {
    return /^\d+$/.test(fromImage) ? `${fromImage}:${fromImage}` : fromImage;
  }
  return `${DEFAULT_UID}:${DEFAULT_UID}`;
}

function positive(field: string, value: number | undefined, fallback: number, integer: boolean): number {
  if (value === undefined) return fallback;
  if (
    typeof value !== 'number' ||
    !Number.isFinite(value) ||
    value <= 0 ||
    (integer && !Number.isInteger(value))
  ) {
    invalid(
      `Expected \`limits.${field}\` to be a${integer ? 'n integer' : ' number'} above 0, got ${String(value)}`,
    );
  }
  return value;
}

/** The environment, keyed once each: caller's env, HOME, then the proxy and CA variables (which win). */
export function sandboxEnv(options: Pick<SandboxOptions, 'env' | 'proxy' | 'trust'>): string[] {
  const env = new Map<string, string>([['HOME', SANDBOX_DIR]]);
  for (const [key, value] of Object.entries(options.env ?? {})) {
    if (key === '' || key.includes('=') || key.includes('\0') || String(value).includes('\0')) {
      invalid(`env key ${JSON.stringify(key)} is not a valid variable name`);
    }
    env.set(key, String(value));
  }
  for (const [key, value] of Object.entries(options.proxy ? proxyEnv(options.proxy) : {}))
    env.set(key, value);
  if (options.trust) for (const [key, value] of Object.entries(TRUST_ENV)) env.set(key, value);
  return [...env].map(([k, v]) => `${k}=${v}`);
}

/** HTTP_PROXY, HTTPS_PROXY and NO_PROXY, and their lowercase forms, for the gateway's explicit proxy. Pure. */
export function proxyEnv(proxy: NonNullable<SandboxOptions['proxy']>): Record<string, string> {
  const noProxy = proxy.noProxy ?? DEFAULT_NO_PROXY;
  const env: Record<string, string> = {};
  for (const [key, value] of [
    ['HTTP_PROXY', proxy.url],
    ['HTTPS_PROXY', proxy.url],
    ['NO_PROXY', noProxy],
  ] as const) {
    env[key] = value;
    env[key.toLowerCase()] = value;
  }
  return env;
}

function absolute(field: string, path: string, onError: (message: string) => never): string {
  if (!posix.isAbsolute(path)) onError(`${field}: expected an absolute path, got ${JSON.stringify(path)}`);
  const normal = posix.normalize(path).replace(/(.)\/$/, '$1');
  if (normal.split('/').includes('..')) onError(`${field}: ${JSON.stringify(path)} must not contain ..`);
  return normal;
}

const within = (path: string, dir: string): boolean =>
  path === dir || path.startsWith(dir === '/' ? '/' : `${dir}/`);
/** Already writable (or not ours to mount over). */
const BUILT_IN = [SANDBOX_DIR, '/tmp', '/dev', '/proc', '/sys'];

export const SHM_DIR = '/dev/shm';
/** Docker's own /dev/shm is a writable 64 MiB tmpfs; unless the policy lists it, it is read-only and tiny. */
export const SHM_READ_ONLY = 'ro,nosuid,nodev,noexec,size=64k';
export const SHM_WRITABLE = 'rw,nosuid,nodev,noexec,mode=1777,size=64m';

/**
 * Extra writable paths from `filesystem_policy.read_write`: each becomes a tmpfs. `/` makes the root writable.
 * `/dev/shm` is writable only when an entry contains it.
 */
export function readWritePaths(
  policy: Policy | undefined,
  volumes: readonly VolumeMount[],
): { tmpfs: string[]; writableRoot: boolean; writableShm: boolean } {
  const tmpfs: string[] = [];
  let writableRoot = false;
  let writableShm = false;
  for (const [i, raw] of (policy?.filesystem_policy.read_write ?? []).entries()) {
    const field = `filesystem_policy.read_write[${i}]`;
    const path = absolute(field, raw, (m) => policyInvalid(policy as Policy, field, m));
    if (within(SHM_DIR, path)) writableShm = true;
    if (path === '/') writableRoot = true;
    else if (BUILT_IN.some((d) => within(path, d)) || volumes.some((v) => within(path, v.path))) continue;
    else if (!tmpfs.includes(path)) tmpfs.push(path);
  }
  return { tmpfs, writableRoot, writableShm };
}

/** A named volume; Docker creates it (with these labels and driver options) on first use: no extra round trip. */
function volume(
  Source: string,
  Target: string,
  Labels: Record<string, string>,
  readOnly = false,
  Options: Record<string, string> = {},
): Docker.MountSettings {
  // A tmpfs volume is mounted for Docker's copy of the image's files and then dropped: seed.ts copies instead.
  const NoCopy = Options.type === 'tmpfs';
  const VolumeOptions = { NoCopy, Labels, DriverConfig: { Name: 'local', Options } };
  return { Type: 'volume', Source, Target, ReadOnly: readOnly, VolumeOptions };
}

/**
 * The local driver's options for /sandbox: a tmpfs of `bytes` (writes past it fail with ENOSPC), owned by the
 * sandbox user when its ids are numbers (else sticky and open to all, as openVolumeRoots would make it).
 */
export function sandboxDirOptions(bytes: number, user: string): Record<string, string> {
  const [uid, gid] = user.split(':');
  const ids = [/^\d+$/.test(uid ?? '') && `uid=${uid}`, /^\d+$/.test(gid ?? '') && `gid=${gid}`].filter(
    (x): x is string => typeof x === 'string',
  );
  const mode = ids.length > 0 ? 'mode=0755' : 'mode=1777';
  return { type: 'tmpfs', device: 'tmpfs', o: [`size=${bytes}`, ...ids, mode, 'nosuid', 'nodev'].join(',') };
}

function volumeMounts(options: SandboxOptions, diskBytes: number, user: string): Docker.MountSettings[] {
  const base = { [LABEL.session]: options.session };
  const mounts = [
    volume(
      sandboxVolumeName(options.session, options.name),
      SANDBOX_DIR,
      { ...base, [LABEL.sandbox]: options.name, [LABEL.volume]: 'sandbox' },
      false,
      sandboxDirOptions(diskBytes, user),
    ),
  ];
  const seen = new Set([SANDBOX_DIR]);
  for (const [i, v] of (options.volumes ?? []).entries()) {
    const path = absolute(`volumes[${i}].path`, v.path, invalid);
    if (path === '/' || BUILT_IN.some((d) => within(d, path) || within(path, d)) || seen.has(path)) {
      invalid(`volumes[${i}].path: ${path} overlaps /sandbox, /tmp, a system path or another volume`);
    }
    seen.add(path);
    const labels = { ...base, [LABEL.volume]: 'shared' };
    mounts.push(volume(sharedVolumeName(options.session, v.name), path, labels, v.readOnly === true));
  }
  return mounts;
}

/** No privilege gain through exec, and Paddock's own seccomp profile (the engine takes the JSON inline). */
export const SECURITY_OPT = ['no-new-privileges:true', `seccomp=${JSON.stringify(SECCOMP_PROFILE)}`];

/**
 * The whole container definition, as data. No I/O. `init` is the host path of paddock-init (initBinary()): PID 1,
 * mounted read-only, which runs nothing until the host signals that the fence is in.
 */
export function createOptions(
  options: SandboxOptions,
  image: ImageFacts,
  init: string,
  runKey?: string,
): Docker.ContainerCreateOptions {
  const limits = options.limits ?? {};
  const pids = positive('pids', limits.pids, DEFAULT_LIMITS.pids, true);
  const openFiles = positive('openFiles', limits.openFiles, DEFAULT_LIMITS.openFiles, true);
  const memory = positive('memoryBytes', limits.memoryBytes, DEFAULT_LIMITS.memoryBytes, true);
  const cpus = positive('cpus', limits.cpus, DEFAULT_LIMITS.cpus, false);
  const disk = positive('diskBytes', limits.diskBytes, DEFAULT_LIMITS.diskBytes, true);
  const setup = options.setup === true;
  const user = setup ? SETUP_USER : resolveUser(options.policy, image);
  const paths = readWritePaths(options.policy, options.volumes ?? []);
  // A setup sandbox writes its root, which is committed; a tmpfs there would hide what it installs.
  const tmpfs = setup ? [] : paths.tmpfs;
  const writableRoot = setup || paths.writableRoot;
  const writableShm = paths.writableShm;
  const network = networkName(options.session);
  // Joined by the gateway (plumbing.ts): no engine endpoint.
  const byGateway = options.network === 'gateway';
  const held = options.command !== undefined;
  if (held && !runKey) invalid('a sandbox with a command needs a run key');
  // A setup sandbox builds an image (as `docker build` would): Landlock leaves its whole writable root writable.
  const rules = setup
    ? {
        compatibility: options.policy?.landlock.compatibility ?? 'best_effort',
        readOnly: [],
        readWrite: ['/'],
      }
    : landlockRules(options.policy, SANDBOX_DIR, tmpfs, options.volumes ?? []);
  return {
    name: containerName(options.session, options.name),
    Image: image.id,
    // A run's command is the container's own: init holds it until released and lingers after it (run.ts).
    Entrypoint: initEntrypoint(rules, { identity: options.policy?.process.identity, linger: held }),
    Cmd: held ? commandArgv(options.command ?? []) : [],
    User: user,
    WorkingDir: SANDBOX_DIR,
    Env: held ? [...sandboxEnv(options), `${RUN_KEY_ENV}=${runKey}`] : sandboxEnv(options),
    Hostname: containerName(options.session, options.name).slice(0, 63).replace(/[._]/g, '-'),
    Labels: {
      [LABEL.session]: options.session,
      [LABEL.sandbox]: options.name,
      [LABEL.run]: options.run ?? '',
      [LABEL.image]: options.image,
    },
    StopSignal: 'SIGTERM',
    StopTimeout: 1,
    HostConfig: {
      NetworkMode: byGateway ? 'none' : network,
      ReadonlyRootfs: !writableRoot,
      CapDrop: ['ALL'],
      SecurityOpt: SECURITY_OPT,
      PidsLimit: pids,
      Ulimits: [{ Name: 'nofile', Soft: openFiles, Hard: openFiles }],
      // /sandbox's files live in memory and are charged here: room for both, so a full disk is ENOSPC, not OOM.
      Memory: memory + disk,
      MemorySwap: memory + disk,
      NanoCpus: Math.round(cpus * 1e9),
      Sysctls: { 'net.ipv6.conf.all.disable_ipv6': '1', 'net.ipv6.conf.default.disable_ipv6': '1' },
      Tmpfs: Object.fromEntries([
        ['/tmp', 'rw,nosuid,nodev,mode=1777'],
        ...tmpfs.map((p) => [p, 'rw,nosuid,nodev,mode=1777']),
        [SHM_DIR, writableShm ? SHM_WRITABLE : SHM_READ_ONLY],
      ]),
      Mounts: [
        ...volumeMounts(options, disk, user),
        { Type: 'bind', Source: init, Target: INIT_PATH, ReadOnly: true },
        ...(options.trust ? trustMounts(options.trust) : []),
      ],
      Privileged: false,
      Init: false,
      RestartPolicy: { Name: 'no' },
      // Output is read from the container's attached streams (run.ts, exec.ts): no log file for the engine to keep.
      LogConfig: { Type: 'none', Config: {} },
    },
    ...(byGateway ? {} : { NetworkingConfig: { EndpointsConfig: { [network]: {} } } }),
  };
}
