import { createRequire as __paddockRequire } from 'node:module'; import { dirname as __paddockDirname } from 'node:path'; import { fileURLToPath as __paddockPath } from 'node:url'; const require = __paddockRequire(import.meta.url); const __filename = __paddockPath(import.meta.url); const __dirname = __paddockDirname(__filename);
import {
  cleanRelative,
  connectEngine,
  ensureImage,
  pathMatcher,
  patternBase,
  require_tar_stream,
  splitTag
} from "./chunk-FZYK36Y7.js";
import {
  FENCE_SIGNAL,
  INIT_PATH,
  KILL_COMMAND,
  PROBE_COMMAND,
  RUN_KEY_ENV,
  RUN_STOP_SIGNAL,
  SYSTEM_BUNDLES,
  attributionOf,
  bridgeIpOf,
  commandArgv,
  engineRangeOf,
  execCommand,
  initBinary,
  initEntrypoint,
  landlockRules,
  rulesOf,
  subnetCandidates
} from "./chunk-QHHH2ICV.js";
import {
  chownToInvoker
} from "./chunk-HMOPORX4.js";
import {
  resolvePath
} from "./chunk-4AY27MHB.js";
import {
  PaddockError,
  __toESM,
  errorMessage
} from "./chunk-SOSAWCCV.js";

// src/sandbox/archive.ts
import { posix } from "node:path";
function unsafePath(name) {
  if (name === "" || name.includes("\0")) return "empty or NUL in name";
  if (name.startsWith("/") || /^[a-zA-Z]:[\\/]/.test(name)) return "absolute path";
  if (name.split(/[\\/]/).includes("..")) return "contains ..";
  return void 0;
}
function unsafeSymlink(path, target2) {
  if (target2 === "" || target2.includes("\0")) return "empty symlink target";
  if (target2.startsWith("/")) return `symlink to absolute path ${target2}`;
  const resolved = posix.normalize(posix.join(posix.dirname(path), target2));
  if (resolved === ".." || resolved.startsWith("../"))
    return `symlink points outside the destination (${target2})`;
  return void 0;
}
function saneMode(mode, directory) {
  if (directory) return 493;
  return (mode ?? 0) & 73 ? 493 : 420;
}
function commonRoot(paths) {
  const split = paths.map((p) => p === "" ? [] : p.split("/"));
  const first = split[0] ?? [];
  let n = 0;
  while (n < first.length && split.every((parts) => parts[n] === first[n])) n++;
  return first.slice(0, n).join("/");
}
function outputGlobs(globs) {
  const tests = [];
  const bases = [];
  for (const glob of globs) {
    const bad = unsafePath(glob.replace(/^(\.\/)+/, ""));
    if (bad) throw new Error(`output glob ${JSON.stringify(glob)}: ${bad}`);
    bases.push(patternBase(glob).base);
    tests.push(pathMatcher(glob));
  }
  const unique = [...new Set(bases)].sort((a, b) => a.length - b.length);
  const outer = unique.filter((b, i) => !unique.slice(0, i).some((o) => o === "" || b.startsWith(`${o}/`)));
  const root = commonRoot(bases);
  const place = (p) => root === "" ? p : p === root ? posix.basename(p) : p.slice(root.length + 1);
  return { bases: outer, matches: (p) => tests.some((t) => t(p)), place };
}
function entryPath(base, name) {
  const rest = cleanRelative(name).split("/").slice(1).join("/");
  return base === "" ? rest : rest === "" ? base : `${base}/${rest}`;
}

// src/sandbox/commit.ts
var statusOf = (error) => error.statusCode;
function baseConfig(base, labels) {
  const c = base ?? {};
  return {
    User: c.User ?? "",
    Env: c.Env ?? [],
    Entrypoint: c.Entrypoint ?? null,
    Cmd: c.Cmd ?? null,
    WorkingDir: c.WorkingDir ?? "",
    Volumes: c.Volumes ?? null,
    ExposedPorts: c.ExposedPorts ?? null,
    StopSignal: c.StopSignal ?? "",
    Labels: { ...c.Labels ?? {}, ...labels }
  };
}
async function commitSandbox(info, labels) {
  const { docker } = await connectEngine();
  const container = docker.getContainer(info.id);
  try {
    await container.stop({ t: 1 }).catch((error) => {
      if (statusOf(error) !== 304) throw error;
    });
    const base = await docker.getImage(info.imageId).inspect();
    const answer = await container.commit({
      _query: { container: info.id, pause: false },
      _body: baseConfig(base.Config, labels)
    });
    if (!answer.Id) throw new Error("the engine answered without an image id");
    return answer.Id;
  } catch (error) {
    throw new PaddockError("SANDBOX_FAILED", `cannot commit ${info.name}: ${errorMessage(error)}`, {
      cause: error
    });
  }
}
async function findImage(ref) {
  const { docker } = await connectEngine();
  try {
    const image = await docker.getImage(ref).inspect();
    return { id: image.Id, labels: image.Config?.Labels ?? {} };
  } catch (error) {
    if (statusOf(error) === 404) return void 0;
    throw new PaddockError("ENGINE_UNAVAILABLE", `cannot inspect image ${ref}: ${errorMessage(error)}`, {
      cause: error
    });
  }
}
async function tagImage(id, ref) {
  const { docker } = await connectEngine();
  const [repo, tag = "latest"] = splitTag(ref);
  try {
    await docker.getImage(id).tag({ repo, tag });
  } catch (error) {
    throw new PaddockError("ENGINE_UNAVAILABLE", `cannot tag ${id} as ${ref}: ${errorMessage(error)}`, {
      cause: error
    });
  }
}
async function removeImage(id) {
  const { docker } = await connectEngine();
  await docker.getImage(id).remove().catch(() => void 0);
}

// src/sandbox/copy-in.ts
var import_tar_stream2 = __toESM(require_tar_stream(), 1);
import { constants } from "node:fs";
import { lstat as lstat2, open, readdir, readlink as readlink2 } from "node:fs/promises";
import { join as join2, posix as posix3 } from "node:path";
import { pipeline } from "node:stream/promises";

// src/sandbox/create-options.ts
import { posix as posix2 } from "node:path";

// src/sandbox/names.ts
var LABEL = {
  session: "paddock.session",
  sandbox: "paddock.sandbox",
  run: "paddock.run",
  /** On volumes: `sandbox` (one sandbox's /sandbox) or `shared` (named, mounted into several). */
  volume: "paddock.volume",
  /** On containers: the image reference asked for. */
  image: "paddock.image"
};
function sanitise(value) {
  const cleaned = value.replace(/[^a-zA-Z0-9_.-]+/g, "-").replace(/^[^a-zA-Z0-9]+/, "");
  return cleaned.slice(0, 100);
}
function checked(what, value) {
  const clean = sanitise(value);
  if (clean === "") {
    throw new PaddockError(
      "INPUT_INVALID",
      `${what} ${JSON.stringify(value)} is empty once sanitised; expected letters or digits`
    );
  }
  return clean;
}
var networkName = (session) => `paddock-${checked("session", session)}`;
var containerName = (session, name) => `paddock-${checked("session", session)}-${checked("sandbox name", name)}`;
var sandboxVolumeName = (session, name) => `${containerName(session, name)}.sandbox`;
var sharedVolumeName = (session, volume2) => `paddock-${checked("session", session)}.shared.${checked("volume name", volume2)}`;
function labelFilter(session) {
  return { label: [session === void 0 ? LABEL.session : `${LABEL.session}=${session}`] };
}

// src/sandbox/seccomp.ts
var LANDLOCK_SYSCALLS = ["landlock_create_ruleset", "landlock_add_rule", "landlock_restrict_self"];
var ALLOWED = {
  files: `
    access cachestat fchmodat2 chdir chmod chown chown32 close close_range copy_file_range creat dup
    dup2 dup3 faccessat faccessat2 fadvise64 fadvise64_64 fallocate fchdir fchmod fchmodat fchown
    fchown32 fchownat fcntl fcntl64 fdatasync fgetxattr flistxattr flock fremovexattr fsetxattr fstat
    fstat64 fstatat64 fstatfs fstatfs64 fsync ftruncate ftruncate64 futimesat getcwd getdents getdents64
    getxattr lchown lchown32 lgetxattr link linkat listxattr llistxattr _llseek lremovexattr lseek
    lsetxattr lstat lstat64 mkdir mkdirat mknod mknodat name_to_handle_at newfstatat open openat openat2
    pread64 preadv preadv2 pwrite64 pwritev pwritev2 read readahead readlink readlinkat readv
    removexattr rename renameat renameat2 rmdir sendfile sendfile64 setxattr splice stat stat64 statfs
    statfs64 statx symlink symlinkat sync sync_file_range syncfs tee truncate truncate64 umask unlink
    unlinkat utime utimensat utimensat_time64 utimes vmsplice write writev`,
  events: `
    epoll_create epoll_create1 epoll_ctl epoll_ctl_old epoll_pwait epoll_pwait2 epoll_wait
    epoll_wait_old eventfd eventfd2 fanotify_mark inotify_add_watch inotify_init inotify_init1
    inotify_rm_watch io_cancel io_destroy io_getevents io_pgetevents io_pgetevents_time64 io_setup
    io_submit ioctl ioprio_get ioprio_set _newselect pause pipe pipe2 poll ppoll ppoll_time64 pselect6
    pselect6_time64 select signalfd signalfd4 timerfd_create timerfd_gettime timerfd_gettime64
    timerfd_settime timerfd_settime64`,
  network: `
    accept accept4 bind connect getpeername getsockname getsockopt listen recv recvfrom recvmmsg
    recvmmsg_time64 recvmsg send sendmmsg sendmsg sendto setsockopt shutdown socketcall socketpair`,
  memory: `
    brk madvise map_shadow_stack membarrier memfd_create memfd_secret mincore mlock mlock2 mlockall mmap
    mmap2 mprotect mremap msync munlock munlockall munmap pkey_alloc pkey_free pkey_mprotect
    remap_file_pages`,
  processes: `
    capget capset execve execveat exit exit_group fork get_robust_list get_thread_area getcpu getegid
    getegid32 geteuid geteuid32 getgid getgid32 getgroups getgroups32 getpgid getpgrp getpid getppid
    getpriority getresgid getresgid32 getresuid getresuid32 getrlimit getrusage getsid gettid getuid
    getuid32 kill pidfd_open pidfd_send_signal prctl prlimit64 process_mrelease restart_syscall rseq
    sched_get_priority_max sched_get_priority_min sched_getaffinity sched_getattr sched_getparam
    sched_getscheduler sched_rr_get_interval sched_rr_get_interval_time64 sched_setaffinity
    sched_setattr sched_setparam sched_setscheduler sched_yield seccomp set_robust_list set_thread_area
    set_tid_address setfsgid setfsgid32 setfsuid setfsuid32 setgid setgid32 setgroups setgroups32
    setpgid setpriority setregid setregid32 setresgid setresgid32 setresuid setresuid32 setreuid
    setreuid32 setrlimit setsid setuid setuid32 tgkill tkill ugetrlimit vfork wait4 waitid waitpid`,
  signals: `
    alarm getitimer rt_sigaction rt_sigpending rt_sigprocmask rt_sigqueueinfo rt_sigreturn rt_sigsuspend
    rt_sigtimedwait rt_sigtimedwait_time64 rt_tgsigqueueinfo setitimer sigaltstack sigprocmask sigreturn`,
  time: `
    adjtimex clock_adjtime clock_adjtime64 clock_getres clock_getres_time64 clock_gettime
    clock_gettime64 clock_nanosleep clock_nanosleep_time64 gettimeofday nanosleep time timer_create
    timer_delete timer_getoverrun timer_gettime timer_gettime64 timer_settime timer_settime64 times`,
  ipc: `
    futex futex_requeue futex_time64 futex_wait futex_waitv futex_wake ipc mq_getsetattr mq_notify
    mq_open mq_timedreceive mq_timedreceive_time64 mq_timedsend mq_timedsend_time64 mq_unlink msgctl
    msgget msgrcv msgsnd semctl semget semop semtimedop semtimedop_time64 shmat shmctl shmdt shmget`,
  system: `
    getrandom sysinfo uname`,
  landlock: LANDLOCK_SYSCALLS.join(" ")
};
var CLONE_NAMESPACE_FLAGS = 2114060288;
var CLONE_FILES = 1024;
var CLONE_THREAD = 65536;
var CLONE_ALLOWED = [
  [CLONE_NAMESPACE_FLAGS | CLONE_THREAD, 0],
  [CLONE_NAMESPACE_FLAGS | CLONE_THREAD | CLONE_FILES, CLONE_THREAD | CLONE_FILES]
];
var PERSONALITIES = [0, 8, 131072, 131080, 4294967295];
var AF_VSOCK = 40;
var ENOSYS = 38;
var allow = (names, rest = {}) => ({
  names,
  action: "SCMP_ACT_ALLOW",
  ...rest
});
var RULES = [
  allow(Object.values(ALLOWED).flatMap((names) => names.trim().split(/\s+/))),
  allow(["socket"], { args: [{ index: 0, value: AF_VSOCK, op: "SCMP_CMP_NE" }] }),
  ...PERSONALITIES.map((value) => allow(["personality"], { args: [{ index: 0, value, op: "SCMP_CMP_EQ" }] })),
  ...CLONE_ALLOWED.flatMap(([value, valueTwo]) => [
    allow(["clone"], {
      args: [{ index: 0, value, valueTwo, op: "SCMP_CMP_MASKED_EQ" }],
      excludes: { arches: ["s390", "s390x"] }
    }),
    // s390 passes clone's flags second.
    allow(["clone"], {
      args: [{ index: 1, value, valueTwo, op: "SCMP_CMP_MASKED_EQ" }],
      includes: { arches: ["s390", "s390x"] }
    })
  ]),
  // clone3 passes its flags in memory seccomp cannot read: ENOSYS makes libc fall back to clone.
  { names: ["clone3"], action: "SCMP_ACT_ERRNO", errnoRet: ENOSYS },
  allow(["arch_prctl"], { includes: { arches: ["amd64", "x32"] } }),
  allow(["modify_ldt"], { includes: { arches: ["amd64", "x32", "x86"] } }),
  allow(
    ["arm_fadvise64_64", "arm_sync_file_range", "sync_file_range2", "breakpoint", "cacheflush", "set_tls"],
    {
      includes: { arches: ["arm", "arm64"] }
    }
  )
];
var SECCOMP_PROFILE = {
  defaultAction: "SCMP_ACT_ERRNO",
  defaultErrnoRet: 1,
  archMap: [
    { architecture: "SCMP_ARCH_X86_64", subArchitectures: ["SCMP_ARCH_X86", "SCMP_ARCH_X32"] },
    { architecture: "SCMP_ARCH_AARCH64", subArchitectures: ["SCMP_ARCH_ARM"] }
  ],
  syscalls: RULES
};

// src/sandbox/trust.ts
var TRUST_DIR = "/etc/paddock";
var TRUST_CA = `${TRUST_DIR}/ca.pem`;
var TRUST_BUNDLE = `${TRUST_DIR}/ca-bundle.pem`;
var TRUST_ENV = {
  SSL_CERT_FILE: TRUST_BUNDLE,
  REQUESTS_CA_BUNDLE: TRUST_BUNDLE,
  CURL_CA_BUNDLE: TRUST_BUNDLE,
  GIT_SSL_CAINFO: TRUST_BUNDLE,
  PIP_CERT: TRUST_BUNDLE,
  DENO_CERT: TRUST_BUNDLE,
  // Node adds these to its own roots: the CA alone is enough.
  NODE_EXTRA_CA_CERTS: TRUST_CA
};
function trustMounts(trust) {
  const bind = (Source, Target) => ({
    Type: "bind",
    Source,
    Target,
    ReadOnly: true
  });
  return [
    bind(trust.ca, TRUST_CA),
    bind(trust.bundle, TRUST_BUNDLE),
    ...SYSTEM_BUNDLES.map((p) => bind(trust.bundle, p))
  ];
}

// src/sandbox/create-options.ts
var SANDBOX_DIR = "/sandbox";
var DEFAULT_LIMITS = {
  pids: 256,
  openFiles: 4096,
  memoryBytes: 1024 ** 3,
  cpus: 1,
  diskBytes: 1024 ** 3
};
var DEFAULT_UID = 1e3;
var SETUP_USER = "0:0";
var DEFAULT_NO_PROXY = "localhost,127.0.0.1,::1";
function invalid(message) {
  throw new PaddockError("INPUT_INVALID", message);
}
function policyInvalid(policy, field, message) {
  const problem = { file: policy.source, field, message };
  throw new PaddockError("POLICY_INVALID", `${policy.source}: ${field}: ${message}`, { problems: [problem] });
}
var isRoot = (part) => /^(0|root)$/.test(part.trim());
function resolveUser(policy, image) {
  const asked = policy?.process.run_as_user;
  const group = policy?.process.run_as_group;
  if (asked !== void 0 && String(asked).trim() !== "") {
    const user = String(asked).trim();
    if (isRoot(user.split(":")[0] ?? ""))
      policyInvalid(policy, "process.run_as_user", "must not be root (uid 0)");
    if (group !== void 0 && String(group).trim() !== "") {
      if (isRoot(String(group)))
        policyInvalid(policy, "process.run_as_group", "must not be root (gid 0)");
      return `${user.split(":")[0]}:${String(group).trim()}`;
    }
    return /^\d+$/.test(user) ? `${user}:${user}` : user;
  }
  const fromImage = (image.user ?? "").trim();
  if (fromImage !== "" && !isRoot(fromImage.split(":")[0] ?? "")) {
    return /^\d+$/.test(fromImage) ? `${fromImage}:${fromImage}` : fromImage;
  }
  return `${DEFAULT_UID}:${DEFAULT_UID}`;
}
function positive(field, value, fallback, integer) {
  if (value === void 0) return fallback;
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0 || integer && !Number.isInteger(value)) {
    invalid(
      `Expected \`limits.${field}\` to be a${integer ? "n integer" : " number"} above 0, got ${String(value)}`
    );
  }
  return value;
}
function sandboxEnv(options) {
  const env = /* @__PURE__ */ new Map([["HOME", SANDBOX_DIR]]);
  for (const [key, value] of Object.entries(options.env ?? {})) {
    if (key === "" || key.includes("=") || key.includes("\0") || String(value).includes("\0")) {
      invalid(`env key ${JSON.stringify(key)} is not a valid variable name`);
    }
    env.set(key, String(value));
  }
  for (const [key, value] of Object.entries(options.proxy ? proxyEnv(options.proxy) : {}))
    env.set(key, value);
  if (options.trust) for (const [key, value] of Object.entries(TRUST_ENV)) env.set(key, value);
  return [...env].map(([k, v]) => `${k}=${v}`);
}
function proxyEnv(proxy) {
  const noProxy = proxy.noProxy ?? DEFAULT_NO_PROXY;
  const env = {};
  for (const [key, value] of [
    ["HTTP_PROXY", proxy.url],
    ["HTTPS_PROXY", proxy.url],
    ["NO_PROXY", noProxy]
  ]) {
    env[key] = value;
    env[key.toLowerCase()] = value;
  }
  return env;
}
function absolute(field, path, onError) {
  if (!posix2.isAbsolute(path)) onError(`${field}: expected an absolute path, got ${JSON.stringify(path)}`);
  const normal = posix2.normalize(path).replace(/(.)\/$/, "$1");
  if (normal.split("/").includes("..")) onError(`${field}: ${JSON.stringify(path)} must not contain ..`);
  return normal;
}
var within = (path, dir) => path === dir || path.startsWith(dir === "/" ? "/" : `${dir}/`);
var BUILT_IN = [SANDBOX_DIR, "/tmp", "/dev", "/proc", "/sys"];
var SHM_DIR = "/dev/shm";
var SHM_READ_ONLY = "ro,nosuid,nodev,noexec,size=64k";
var SHM_WRITABLE = "rw,nosuid,nodev,noexec,mode=1777,size=64m";
function readWritePaths(policy, volumes) {
  const tmpfs = [];
  let writableRoot = false;
  let writableShm = false;
  for (const [i, raw] of (policy?.filesystem_policy.read_write ?? []).entries()) {
    const field = `filesystem_policy.read_write[${i}]`;
    const path = absolute(field, raw, (m) => policyInvalid(policy, field, m));
    if (within(SHM_DIR, path)) writableShm = true;
    if (path === "/") writableRoot = true;
    else if (BUILT_IN.some((d) => within(path, d)) || volumes.some((v) => within(path, v.path))) continue;
    else if (!tmpfs.includes(path)) tmpfs.push(path);
  }
  return { tmpfs, writableRoot, writableShm };
}
function volume(Source, Target, Labels, readOnly = false, Options = {}) {
  const NoCopy = Options.type === "tmpfs";
  const VolumeOptions = { NoCopy, Labels, DriverConfig: { Name: "local", Options } };
  return { Type: "volume", Source, Target, ReadOnly: readOnly, VolumeOptions };
}
function sandboxDirOptions(bytes, user) {
  const [uid, gid] = user.split(":");
  const ids = [/^\d+$/.test(uid ?? "") && `uid=${uid}`, /^\d+$/.test(gid ?? "") && `gid=${gid}`].filter(
    (x) => typeof x === "string"
  );
  const mode = ids.length > 0 ? "mode=0755" : "mode=1777";
  return { type: "tmpfs", device: "tmpfs", o: [`size=${bytes}`, ...ids, mode, "nosuid", "nodev"].join(",") };
}
function volumeMounts(options, diskBytes, user) {
  const base = { [LABEL.session]: options.session };
  const mounts = [
    volume(
      sandboxVolumeName(options.session, options.name),
      SANDBOX_DIR,
      { ...base, [LABEL.sandbox]: options.name, [LABEL.volume]: "sandbox" },
      false,
      sandboxDirOptions(diskBytes, user)
    )
  ];
  const seen = /* @__PURE__ */ new Set([SANDBOX_DIR]);
  for (const [i, v] of (options.volumes ?? []).entries()) {
    const path = absolute(`volumes[${i}].path`, v.path, invalid);
    if (path === "/" || BUILT_IN.some((d) => within(d, path) || within(path, d)) || seen.has(path)) {
      invalid(`volumes[${i}].path: ${path} overlaps /sandbox, /tmp, a system path or another volume`);
    }
    seen.add(path);
    const labels = { ...base, [LABEL.volume]: "shared" };
    mounts.push(volume(sharedVolumeName(options.session, v.name), path, labels, v.readOnly === true));
  }
  return mounts;
}
var SECURITY_OPT = ["no-new-privileges:true", `seccomp=${JSON.stringify(SECCOMP_PROFILE)}`];
function createOptions(options, image, init, runKey) {
  const limits = options.limits ?? {};
  const pids = positive("pids", limits.pids, DEFAULT_LIMITS.pids, true);
  const openFiles = positive("openFiles", limits.openFiles, DEFAULT_LIMITS.openFiles, true);
  const memory = positive("memoryBytes", limits.memoryBytes, DEFAULT_LIMITS.memoryBytes, true);
  const cpus = positive("cpus", limits.cpus, DEFAULT_LIMITS.cpus, false);
  const disk = positive("diskBytes", limits.diskBytes, DEFAULT_LIMITS.diskBytes, true);
  const setup = options.setup === true;
  const user = setup ? SETUP_USER : resolveUser(options.policy, image);
  const paths = readWritePaths(options.policy, options.volumes ?? []);
  const tmpfs = setup ? [] : paths.tmpfs;
  const writableRoot = setup || paths.writableRoot;
  const writableShm = paths.writableShm;
  const network = networkName(options.session);
  const byGateway = options.network === "gateway";
  const held = options.command !== void 0;
  if (held && !runKey) invalid("a sandbox with a command needs a run key");
  const rules = setup ? {
    compatibility: options.policy?.landlock.compatibility ?? "best_effort",
    readOnly: [],
    readWrite: ["/"]
  } : landlockRules(options.policy, SANDBOX_DIR, tmpfs, options.volumes ?? []);
  return {
    name: containerName(options.session, options.name),
    Image: image.id,
    // A run's command is the container's own: init holds it until released and lingers after it (run.ts).
    Entrypoint: initEntrypoint(rules, { identity: options.policy?.process.identity, linger: held }),
    Cmd: held ? commandArgv(options.command ?? []) : [],
    User: user,
    WorkingDir: SANDBOX_DIR,
    Env: held ? [...sandboxEnv(options), `${RUN_KEY_ENV}=${runKey}`] : sandboxEnv(options),
    Hostname: containerName(options.session, options.name).slice(0, 63).replace(/[._]/g, "-"),
    Labels: {
      [LABEL.session]: options.session,
      [LABEL.sandbox]: options.name,
      [LABEL.run]: options.run ?? "",
      [LABEL.image]: options.image
    },
    StopSignal: "SIGTERM",
    StopTimeout: 1,
    HostConfig: {
      NetworkMode: byGateway ? "none" : network,
      ReadonlyRootfs: !writableRoot,
      CapDrop: ["ALL"],
      SecurityOpt: SECURITY_OPT,
      PidsLimit: pids,
      Ulimits: [{ Name: "nofile", Soft: openFiles, Hard: openFiles }],
      // /sandbox's files live in memory and are charged here: room for both, so a full disk is ENOSPC, not OOM.
      Memory: memory + disk,
      MemorySwap: memory + disk,
      NanoCpus: Math.round(cpus * 1e9),
      Sysctls: { "net.ipv6.conf.all.disable_ipv6": "1", "net.ipv6.conf.default.disable_ipv6": "1" },
      Tmpfs: Object.fromEntries([
        ["/tmp", "rw,nosuid,nodev,mode=1777"],
        ...tmpfs.map((p) => [p, "rw,nosuid,nodev,mode=1777"]),
        [SHM_DIR, writableShm ? SHM_WRITABLE : SHM_READ_ONLY]
      ]),
      Mounts: [
        ...volumeMounts(options, disk, user),
        { Type: "bind", Source: init, Target: INIT_PATH, ReadOnly: true },
        ...options.trust ? trustMounts(options.trust) : []
      ],
      Privileged: false,
      Init: false,
      RestartPolicy: { Name: "no" },
      // Output is read from the container's attached streams (run.ts, exec.ts): no log file for the engine to keep.
      LogConfig: { Type: "none", Config: {} }
    },
    ...byGateway ? {} : { NetworkingConfig: { EndpointsConfig: { [network]: {} } } }
  };
}

// src/sandbox/links.ts
import { lstat, readlink } from "node:fs/promises";
import { join } from "node:path";
function folderFs(root, folders) {
  return {
    async lookup(path) {
      if (folders.has(path.slice(1))) return { kind: "other" };
      const at = join(root, path);
      const stat = await lstat(at).catch((e) => {
        if (e.code === "ENOENT" || e.code === "ENOTDIR") return void 0;
        throw e;
      });
      if (!stat) return { kind: "missing" };
      return stat.isSymbolicLink() ? { kind: "link", target: await readlink(at) } : { kind: "other" };
    },
    list: async () => null
    // globs are not resolved here
  };
}
var LinkJail = class {
  #fs;
  #folders;
  /** `folders`: paths under `root` (relative) known to be folders while the jail is used (a copy's own). */
  constructor(root, folders = /* @__PURE__ */ new Set()) {
    this.#fs = folderFs(root, folders);
    this.#folders = folders;
  }
  /** Why the symlink at `rel` (a clean path relative to root) is unsafe, or undefined when it stays inside. */
  async unsafe(rel) {
    const parent = rel.slice(0, Math.max(0, rel.lastIndexOf("/")));
    const plain = this.#folders.has(parent) ? { plain: parent } : {};
    const r = await resolvePath(this.#fs, `/${rel}`, { jail: true, ...plain });
    return r.ok ? void 0 : `symlink ${rel}: ${r.reason}`;
  }
};

// src/sandbox/ownership.ts
var import_tar_stream = __toESM(require_tar_stream(), 1);
import { readFile } from "node:fs/promises";
async function processIds(pid) {
  if (!(pid > 0)) return void 0;
  try {
    const status = await readFile(`/proc/${pid}/status`, "utf8");
    const uid = /^Uid:\s+(\d+)/m.exec(status)?.[1];
    const gid = /^Gid:\s+(\d+)/m.exec(status)?.[1];
    return uid === void 0 || gid === void 0 ? void 0 : { uid: Number(uid), gid: Number(gid) };
  } catch (error) {
    if (["ENOENT", "ESRCH", "EACCES"].includes(error.code ?? "")) return void 0;
    throw error;
  }
}
async function headersOf(container, path, count) {
  const stream = await container.getArchive({ path }).catch((error) => {
    if (error.statusCode === 404) return void 0;
    throw error;
  });
  if (!stream) return [];
  const parser = (0, import_tar_stream.extract)();
  const headers = [];
  return new Promise((resolve2, reject) => {
    let done = false;
    const finish = (error) => {
      if (done) return;
      done = true;
      if (error) reject(error);
      else resolve2(headers);
      stream.destroy();
      parser.destroy();
    };
    parser.on("entry", (header, body, next) => {
      headers.push(header);
      body.resume();
      if (headers.length >= count) finish();
      else next();
    });
    parser.on("error", finish);
    parser.on("finish", () => finish());
    stream.on("error", finish);
    stream.pipe(parser);
  });
}
async function ownerOf(container, path) {
  return (await headersOf(container, path, 1).catch(() => []))[0]?.uid;
}
var sandboxDirOwners = /* @__PURE__ */ new Map();
function sandboxDirOwner(container, key, uid, path) {
  let owner = sandboxDirOwners.get(key);
  if (!owner) {
    owner = ownerOf(container, path).catch(() => void 0);
    sandboxDirOwners.set(key, owner);
    void owner.then((o) => {
      if (o !== uid) sandboxDirOwners.delete(key);
    });
  }
  return owner;
}
async function openVolumeRoots(container, paths, uid, imageId) {
  const key = `${imageId}|${uid}`;
  const owners = await Promise.all(
    paths.map(
      (p) => p.sandboxDir ? sandboxDirOwner(container, key, uid, p.path) : ownerOf(container, p.path).catch(() => void 0)
    )
  );
  const wrong = paths.map((p, i) => ({ ...p, owner: owners[i] })).filter((p) => p.owner !== uid);
  const byOwner = /* @__PURE__ */ new Map();
  for (const p of wrong) byOwner.set(p.owner ?? 0, [...byOwner.get(p.owner ?? 0) ?? [], p.path]);
  await Promise.all([...byOwner].map(([owner, list]) => chmodAs(container, owner, list)));
}
async function chmodAs(container, owner, paths) {
  const exec = await container.exec({
    Cmd: ["chmod", "1777", ...paths],
    User: `${owner}:${owner}`,
    AttachStdout: true,
    AttachStderr: true
  });
  const stream = await exec.start({ hijack: true, stdin: false });
  stream.resume();
  await new Promise((resolve2) => stream.once("end", resolve2).once("close", resolve2).once("error", resolve2));
}

// src/sandbox/copy-in.ts
var DEFAULT_COPY_IN_MAX = 1024 ** 3;
function rejected(message) {
  throw new PaddockError("COPY_REJECTED", message);
}
async function walk(hostPath, name, root, out, jail) {
  const stat = await lstat2(hostPath).catch(() => rejected(`copy source ${hostPath} does not exist`));
  if (stat.isSymbolicLink()) {
    const linkname = await readlink2(hostPath);
    const why = jail ? await jail.unsafe(posix3.relative(root, name)) : unsafeSymlink(".", linkname);
    if (why) rejected(`${hostPath}: ${why}`);
    out.push({ name, type: "symlink", hostPath, size: 0, mode: 511, linkname });
  } else if (stat.isDirectory()) {
    out.push({ name, type: "directory", hostPath, size: 0, mode: stat.mode });
    const inside = jail ?? new LinkJail(hostPath);
    for (const child of (await readdir(hostPath)).sort())
      await walk(join2(hostPath, child), `${name}/${child}`, root, out, inside);
  } else if (stat.isFile()) {
    out.push({ name, type: "file", hostPath, size: stat.size, mode: stat.mode });
  } else {
    rejected(`${hostPath}: only files, directories and symlinks can be copied`);
  }
}
async function fileBody(item) {
  const handle = await open(item.hostPath, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  const stat = await handle.stat();
  if (!stat.isFile() || stat.size !== item.size) {
    await handle.close();
    rejected(`${item.hostPath} changed while it was being copied`);
  }
  return handle.createReadStream();
}
function parents(name) {
  const parts = name.split("/").slice(0, -1);
  return parts.map((_, i) => ({
    name: parts.slice(0, i + 1).join("/"),
    type: "directory",
    hostPath: "",
    size: 0,
    mode: 493
  }));
}
async function ownerIds(sandbox) {
  const fromProc = await processIds(sandbox.pid);
  if (fromProc) return fromProc;
  const [u, g] = sandbox.user.split(":").map(Number);
  return {
    uid: Number.isInteger(u) ? u : 1e3,
    gid: Number.isInteger(g) ? g : Number.isInteger(u) ? u : 1e3
  };
}
async function copyIn(sandbox, sources, options = {}) {
  const items = [];
  for (const source of sources) {
    const why = unsafePath(source.path);
    if (why) rejected(`copy destination ${JSON.stringify(source.path)}: ${why}`);
    const name = cleanRelative(source.path);
    if (name === "") rejected("copy destination must name a path under /sandbox");
    items.push(...parents(name));
    await walk(source.hostPath, name, name, items);
  }
  const max = options.maxBytes ?? DEFAULT_COPY_IN_MAX;
  const bytes = items.reduce((sum, i) => sum + i.size, 0);
  if (bytes > max) rejected(`copy-in of ${bytes} bytes is over the limit of ${max}`);
  const { uid, gid } = await ownerIds(sandbox);
  const tar = (0, import_tar_stream2.pack)();
  const feeding = (async () => {
    const seen = /* @__PURE__ */ new Set();
    for (const item of items) {
      if (seen.has(item.name)) continue;
      seen.add(item.name);
      const header = {
        name: item.name,
        uid,
        gid,
        mode: saneMode(item.mode, item.type === "directory"),
        mtime: /* @__PURE__ */ new Date()
      };
      if (item.type === "file") {
        const entry = tar.entry({ ...header, type: "file", size: item.size });
        await pipeline(await fileBody(item), entry);
      } else if (item.type === "symlink") {
        tar.entry({ ...header, type: "symlink", linkname: item.linkname });
      } else {
        tar.entry({ ...header, type: "directory" });
      }
    }
    tar.finalize();
  })();
  feeding.catch((error) => tar.destroy(error));
  const { docker } = await connectEngine();
  await Promise.all([
    docker.getContainer(sandbox.id).putArchive(tar, { path: SANDBOX_DIR, abortSignal: options.signal }),
    feeding
  ]);
  return { files: items.filter((i) => i.type === "file").length, bytes };
}

// src/sandbox/copy-out.ts
var import_tar_stream3 = __toESM(require_tar_stream(), 1);
import { mkdir as mkdir2 } from "node:fs/promises";
import { posix as posix4, resolve } from "node:path";

// src/sandbox/extraction.ts
import { constants as constants2, createReadStream, createWriteStream } from "node:fs";
import { lstat as lstat3, mkdir, open as open2, rm, symlink } from "node:fs/promises";
import { join as join3 } from "node:path";
import { pipeline as pipeline2 } from "node:stream/promises";
var PATH_MAX = 4095;
var NAME_MAX = 255;
function tooLong(absolute2) {
  if (Buffer.byteLength(absolute2) > PATH_MAX) return `path longer than ${PATH_MAX} bytes`;
  if (absolute2.split("/").some((c) => Buffer.byteLength(c) > NAME_MAX))
    return `a name longer than ${NAME_MAX} bytes`;
  return void 0;
}
var Extraction = class {
  #dest;
  #select;
  #limits;
  /** What was copied, relative to the destination. */
  #files = /* @__PURE__ */ new Set();
  #rejected = [];
  /** Symlinks to place at the end, by destination path, the last entry for a path winning. */
  #links = /* @__PURE__ */ new Map();
  /** Regular files this copy wrote: path in the sandbox → host path (the sources hard links may copy). */
  #written = /* @__PURE__ */ new Map();
  /**
   * Folders under the destination (relative) this copy made or found there as folders. They stay folders until
   * the end: no symlink is placed before `finish`, and no entry replaces a folder. So entries below them need
   * not look at (or make) them again: a deep tree costs its entries, not entries × depth.
   */
  #dirs = /* @__PURE__ */ new Set();
  #bytes = 0;
  #entries = 0;
  stopped = false;
  /** `select` says which sandbox paths are copied, and where under `dest` each lands. */
  constructor(dest, select, limits) {
    this.#dest = dest;
    this.#select = select;
    this.#limits = limits;
  }
  /** Handle one archive entry of the archive of `base`; its body is always consumed or abandoned. */
  async entry(base, header, body) {
    let consumed = false;
    const drain = async () => {
      if (consumed) return;
      consumed = true;
      await new Promise((r) => {
        body.once("end", r).once("close", r).once("error", r);
        body.resume();
      });
    };
    const bad = unsafePath(header.name);
    const path = bad ? header.name : entryPath(base, header.name);
    const reject = async (reason) => {
      this.#rejected.push({ path, reason });
      await drain();
    };
    if (this.stopped) return;
    const size = header.size ?? 0;
    if (++this.#entries > this.#limits.maxEntries)
      return this.#stop(path, `over the limit of ${this.#limits.maxEntries} entries; the copy stopped here`);
    if (!this.#charge(path, size)) return;
    if (bad) return reject(bad);
    if (header.type === "directory" || path === "" || !this.#select.matches(path)) return drain();
    const rel = this.#select.place(path);
    if (rel === "") return drain();
    const type = header.type ?? "file";
    if (type !== "file" && type !== "symlink" && type !== "link")
      return reject(`unsupported entry type ${type}`);
    const target2 = join3(this.#dest, ...rel.split("/"));
    const blocked = tooLong(target2) ?? this.#throughLink(rel) ?? await unsafeTarget(this.#dest, rel, this.#dirs);
    if (blocked) return reject(blocked);
    await makeParents(this.#dest, rel, this.#dirs);
    if (type === "symlink") {
      const linkname = header.linkname ?? "";
      const why = unsafeLinkname(linkname);
      if (why) return reject(why);
      this.#links.delete(rel);
      this.#links.set(rel, { linkname, path });
      this.#written.delete(path);
      return drain();
    }
    if (type === "link") {
      const from = header.linkname && !unsafePath(header.linkname) ? entryPath(base, header.linkname) : "";
      const source = this.#written.get(from);
      if (!source) return reject("hard link to a file outside the copied set");
      await drain();
      if (!await this.#copyFile(path, source, target2)) return;
    } else {
      await rm(target2, { force: true });
      consumed = true;
      await pipeline2(body, createWriteStream(target2, { flags: "wx", mode: saneMode(header.mode, false) }));
    }
    this.#links.delete(rel);
    this.#written.set(path, target2);
    this.#files.add(rel);
    await chownToInvoker(target2);
  }
  /** Record `path` (in the sandbox) as refused without an entry: a whole base the copy does not read. */
  refuse(path, reason) {
    this.#rejected.push({ path, reason });
  }
  /** Place the symlinks, keep those that resolve inside, and say what was copied. */
  async finish() {
    const placed = [];
    for (const [rel, { linkname, path }] of this.#links) {
      const blocked = await unsafeTarget(this.#dest, rel, this.#dirs);
      if (blocked) {
        this.#rejected.push({ path, reason: blocked });
        continue;
      }
      const target2 = join3(this.#dest, ...rel.split("/"));
      await rm(target2, { force: true });
      this.#files.delete(rel);
      await symlink(linkname, target2);
      placed.push(rel);
    }
    const jail = new LinkJail(this.#dest, this.#dirs);
    const refused = /* @__PURE__ */ new Map();
    for (const rel of placed) {
      const why = await jail.unsafe(rel);
      if (why) refused.set(rel, why);
    }
    for (const rel of refused.keys()) await rm(join3(this.#dest, ...rel.split("/")), { force: true });
    for (const rel of placed.filter((p) => !refused.has(p))) {
      this.#files.add(rel);
      await chownToInvoker(join3(this.#dest, ...rel.split("/")), process.env, { link: true });
    }
    for (const [rel, reason] of refused)
      this.#rejected.push({ path: this.#links.get(rel)?.path ?? rel, reason });
    return { files: [...this.#files].sort(), rejected: this.#rejected, bytes: this.#bytes };
  }
  /** Count `size` bytes against the cap; false (and the copy stopped) when they would pass it. */
  #charge(rel, size) {
    if (this.#bytes + size > this.#limits.maxBytes) {
      this.#stop(rel, `over the copy limit of ${this.#limits.maxBytes} bytes; the copy stopped here`);
      return false;
    }
    this.#bytes += size;
    return true;
  }
  #stop(rel, reason) {
    this.stopped = true;
    this.#rejected.push({ path: rel, reason });
  }
  /** A symlink this copy will place at `rel` or at one of its parents. */
  #throughLink(rel) {
    if (this.#links.size === 0) return void 0;
    const parent = rel.lastIndexOf("/");
    if (parent !== -1 && this.#dirs.has(rel.slice(0, parent))) return void 0;
    for (let at = rel.indexOf("/"); at !== -1; at = rel.indexOf("/", at + 1))
      if (this.#links.has(rel.slice(0, at))) return "path passes through a symlink";
    return void 0;
  }
  /** A hard link, as a copy of a file this copy wrote (never through a link; its bytes count). */
  async #copyFile(rel, source, target2) {
    const handle = await open2(source, constants2.O_RDONLY | constants2.O_NOFOLLOW);
    try {
      const stat = await handle.stat();
      if (!stat.isFile()) {
        this.#rejected.push({ path: rel, reason: "hard link to something that is not a file" });
        return false;
      }
      if (!this.#charge(rel, stat.size)) return false;
      await rm(target2, { force: true });
      await pipeline2(
        createReadStream("", { fd: handle, autoClose: false, start: 0 }),
        createWriteStream(target2, { flags: "wx", mode: stat.mode & 493 })
      );
      return true;
    } finally {
      await handle.close();
    }
  }
};
function unsafeLinkname(linkname) {
  if (linkname === "" || linkname.includes("\0")) return "empty symlink target";
  if (linkname.startsWith("/")) return `symlink to absolute path ${linkname}`;
  if (Buffer.byteLength(linkname) > PATH_MAX) return `symlink target longer than ${PATH_MAX} bytes`;
  return void 0;
}
async function unsafeTarget(dest, rel, known = /* @__PURE__ */ new Set()) {
  const parent = rel.lastIndexOf("/");
  const start = parent !== -1 && known.has(rel.slice(0, parent)) ? rel.split("/").length : 1;
  const parts = rel.split("/");
  let prefix = start === 1 ? "" : rel.slice(0, parent);
  for (let i = start; i <= parts.length; i++) {
    prefix = i === 1 ? parts[0] : `${prefix}/${parts[i - 1]}`;
    if (i < parts.length && known.has(prefix)) continue;
    const here = join3(dest, prefix);
    const stat = await lstat3(here).catch((e) => {
      if (e.code === "ENOENT") return void 0;
      throw e;
    });
    if (!stat) return void 0;
    const last = i === parts.length;
    if (stat.isSymbolicLink()) return last ? "a symlink is in the way" : "path passes through a symlink";
    if (last && stat.isDirectory()) return "a directory is in the way";
    if (!last && !stat.isDirectory()) return "path passes through a file";
    if (last && !stat.isFile()) return "something other than a file is in the way";
  }
  return void 0;
}
async function makeParents(dest, rel, known) {
  const parent = rel.lastIndexOf("/");
  if (parent === -1 || known.has(rel.slice(0, parent))) return;
  const parts = rel.split("/").slice(0, -1);
  let prefix = "";
  for (let i = 1; i <= parts.length; i++) {
    prefix = i === 1 ? parts[0] : `${prefix}/${parts[i - 1]}`;
    if (known.has(prefix)) continue;
    const dir = join3(dest, prefix);
    const made = await mkdir(dir, { mode: 493 }).then(
      () => true,
      (e) => {
        if (e.code === "EEXIST") return false;
        throw e;
      }
    );
    if (made) await chownToInvoker(dir);
    known.add(prefix);
  }
}

// src/sandbox/copy-out.ts
var DEFAULT_COPY_MAX = 1024 ** 3;
var DEFAULT_COPY_MAX_ENTRIES = 1e5;
async function extractInto(tar, base, into) {
  const parser = (0, import_tar_stream3.extract)();
  const done = new Promise((resolve2, reject) => {
    const fail = (error) => {
      tar.destroy();
      parser.destroy();
      if (into.stopped) resolve2();
      else reject(error);
    };
    tar.once("error", fail);
    parser.once("error", fail);
    parser.once("finish", () => resolve2());
    parser.once("close", () => fail(new Error("the archive stream closed before its end")));
  });
  parser.on("entry", (header, body, next) => {
    into.entry(base, header, body).then(() => {
      if (!into.stopped) return next();
      body.on("error", () => void 0);
      tar.destroy();
      next(new Error("the copy stopped at a limit"));
    }).catch((error) => next(error));
  });
  tar.pipe(parser);
  await done;
}
var MODE_DIR = 2 ** 31;
var MODE_SYMLINK = 2 ** 27;
async function linkedFolder(container, base) {
  const parts = base === "" ? [] : base.split("/");
  for (let i = 1; i < parts.length; i++) {
    const path = parts.slice(0, i).join("/");
    let header;
    try {
      const res = await container.infoArchive({ path: posix4.join(SANDBOX_DIR, path) });
      res.resume?.();
      header = res.headers["x-docker-container-path-stat"];
    } catch (error) {
      if (error.statusCode === 404) return void 0;
      throw error;
    }
    const stat = JSON.parse(Buffer.from(String(header ?? ""), "base64").toString("utf8") || "{}");
    const mode = stat.mode ?? 0;
    if (Math.floor(mode / MODE_SYMLINK) % 2 === 1 || (stat.linkTarget ?? "") !== "")
      return {
        path,
        reason: `a symlink in place of a folder of output path ${base}; nothing under it is copied`
      };
    if (Math.floor(mode / MODE_DIR) % 2 !== 1)
      return { path, reason: `not a folder, in output path ${base}; nothing under it is copied` };
  }
  return void 0;
}
async function copyOut(sandbox, globs, destDir, options = {}) {
  const { docker } = await connectEngine();
  const container = docker.getContainer(sandbox.id);
  const selection = outputGlobs(globs);
  const dest = resolve(destDir);
  await mkdir2(dest, { recursive: true });
  const into = new Extraction(dest, selection, {
    maxBytes: options.maxBytes ?? DEFAULT_COPY_MAX,
    maxEntries: options.maxEntries ?? DEFAULT_COPY_MAX_ENTRIES
  });
  for (const base of selection.bases) {
    if (into.stopped) break;
    const linked = await linkedFolder(container, base);
    if (linked) {
      into.refuse(linked.path, linked.reason);
      continue;
    }
    let tar;
    try {
      tar = await container.getArchive({ path: posix4.join(SANDBOX_DIR, base) });
    } catch (error) {
      if (error.statusCode === 404) continue;
      throw error;
    }
    await extractInto(tar, base, into);
  }
  return into.finish();
}

// src/sandbox/guard.ts
var CommandGuard = class {
  /** The timeout fired while the command was not already being stopped (for its output, or a cancel). */
  timedOut = false;
  cancelled = false;
  #stop;
  #timer;
  #signal;
  #onAbort = () => {
    this.cancelled = true;
    this.#stop();
  };
  #grace;
  constructor(options, stop, stopping) {
    this.#stop = stop;
    this.#timer = options.timeoutMs === void 0 ? void 0 : setTimeout(() => {
      this.timedOut = !stopping();
      this.#stop();
    }, options.timeoutMs);
    this.#signal = options.signal;
    this.#signal?.addEventListener("abort", this.#onAbort, { once: true });
  }
  /** After a stop: `force` runs if the command is still going `ms` later (cleared by `dispose`). */
  grace(ms, force) {
    this.#grace ??= setTimeout(force, ms);
  }
  dispose() {
    clearTimeout(this.#timer);
    clearTimeout(this.#grace);
    this.#signal?.removeEventListener("abort", this.#onAbort);
  }
  /** A cancelled command's driver throws this once its streams are closed. */
  throwIfCancelled() {
    if (this.cancelled) throw new PaddockError("CANCELLED", "command cancelled; its processes were killed");
  }
};

// src/sandbox/output.ts
import { createWriteStream as createWriteStream2 } from "node:fs";
import { mkdir as mkdir3 } from "node:fs/promises";
import { dirname } from "node:path";
import { finished } from "node:stream/promises";
var DEFAULT_MAX_OUTPUT = 16 * 1024 * 1024;
var CappedSink = class _CappedSink {
  constructor(target2, max, ownsTarget) {
    this.target = target2;
    this.max = max;
    this.ownsTarget = ownsTarget;
  }
  target;
  max;
  written = 0;
  truncated = false;
  ownsTarget;
  static async open(target2, max) {
    if (typeof target2 !== "string") return new _CappedSink(target2, max, false);
    await mkdir3(dirname(target2), { recursive: true });
    return new _CappedSink(createWriteStream2(target2), max, true);
  }
  write(chunk) {
    const room = this.max - this.written;
    if (chunk.length > room) this.truncated = true;
    const kept = chunk.length > room ? chunk.subarray(0, Math.max(0, room)) : chunk;
    if (kept.length === 0) return;
    this.written += kept.length;
    this.target?.write(kept);
  }
  /** Closes a file it opened; a caller's stream stays open. */
  async close() {
    if (!this.ownsTarget || !this.target) return;
    this.target.end();
    await finished(this.target).catch(() => void 0);
  }
};
var Demuxer = class {
  constructor(onFrame) {
    this.onFrame = onFrame;
  }
  onFrame;
  pending = Buffer.alloc(0);
  push(chunk) {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    while (this.pending.length >= 8) {
      const size = this.pending.readUInt32BE(4);
      if (this.pending.length < 8 + size) return;
      const kind = this.pending[0];
      const data = this.pending.subarray(8, 8 + size);
      this.pending = this.pending.subarray(8 + size);
      this.onFrame(kind === 2 ? "stderr" : "stdout", data);
    }
  }
};

// src/sandbox/exec.ts
var KILL_GRACE_MS = 5e3;
async function target(sandbox) {
  const { docker } = await connectEngine();
  if (typeof sandbox !== "string")
    return { container: docker.getContainer(sandbox.id), id: sandbox.id, user: sandbox.user };
  const container = docker.getContainer(sandbox);
  const info = await container.inspect().catch((error) => {
    throw new PaddockError("SANDBOX_NOT_FOUND", `no sandbox ${sandbox}: ${errorMessage(error)}`, {
      cause: error
    });
  });
  if (!info.Config.Labels?.[LABEL.session])
    throw new PaddockError("SANDBOX_NOT_FOUND", `${sandbox} is not a paddock sandbox`);
  return { container, id: info.Id, user: info.Config.User };
}
function envList(env) {
  return Object.entries(env ?? {}).map(([k, v]) => {
    if (k === "" || k.includes("="))
      throw new PaddockError("INPUT_INVALID", `env key ${JSON.stringify(k)} is not a valid variable name`);
    return `${k}=${v}`;
  });
}
async function killTree(t, hostPid) {
  for (let attempt = 0; attempt < 30; attempt++) {
    try {
      const exec = await t.container.exec({
        Cmd: KILL_COMMAND,
        User: t.user,
        AttachStdout: true
      });
      const stream = await exec.start({ hijack: true, stdin: false });
      stream.resume();
      await new Promise(
        (resolve2) => stream.once("end", resolve2).once("close", resolve2).once("error", resolve2)
      );
      if ((await exitCodeOf(exec)).code === 0) return;
    } catch (error) {
      if (error.statusCode === 404) return;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  if (hostPid) {
    try {
      process.kill(hostPid, "SIGKILL");
    } catch (error) {
      if (!["ESRCH", "EPERM"].includes(error.code ?? "")) throw error;
    }
  }
}
async function exitCodeOf(exec) {
  for (let i = 0; i < 40; i++) {
    const info = await exec.inspect().catch(() => void 0);
    if (!info) return { code: null, neverStarted: false };
    if (!info.Running) {
      const code = typeof info.ExitCode === "number" ? info.ExitCode : null;
      return { code, neverStarted: neverStarted(info) };
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  return { code: null, neverStarted: false };
}
function neverStarted(info) {
  return !info.Running && !info.Pid && (info.ExitCode === 126 || info.ExitCode === 127);
}
var MAX_HELD_BYTES = 64 * 1024;
var INIT_NOT_STARTED = Buffer.from("paddock-init: not started: ");
function initNotStarted(data) {
  const n = Math.min(data.length, INIT_NOT_STARTED.length);
  return data.subarray(0, n).equals(INIT_NOT_STARTED.subarray(0, n));
}
var NOT_FOUND = 127;
function notStartedMessage(command) {
  const name = command[0] ?? "";
  const hint = name.includes("/") ? "" : " (/sandbox is the working directory but not on PATH: use ./NAME)";
  return `${JSON.stringify(name)}: command not found in the sandbox, or not executable${hint}`;
}
async function stopSandboxProcesses(sandbox) {
  await killTree(await target(sandbox), void 0);
}
async function execInSandbox(sandbox, options) {
  const started = Date.now();
  options.signal?.throwIfAborted();
  const t = await target(sandbox);
  const tty = options.tty === true;
  const Cmd = commandArgv(options.command);
  const max = options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT;
  const [out, err] = await Promise.all([
    CappedSink.open(options.stdout, max),
    CappedSink.open(options.stderr, max)
  ]);
  const exec = await t.container.exec({
    Cmd: execCommand(Cmd),
    User: t.user,
    WorkingDir: SANDBOX_DIR,
    Env: envList(options.env),
    AttachStdin: options.stdin !== void 0,
    AttachStdout: true,
    AttachStderr: true,
    Tty: tty
  });
  const stream = await exec.start({ hijack: true, stdin: options.stdin !== void 0, Tty: tty });
  let outputLimit;
  let killing;
  const deliver = (which, data) => {
    const sink = which === "stderr" ? err : out;
    sink.write(data);
    if (sink.truncated && outputLimit === void 0) {
      outputLimit = `${which} passed the output limit of ${max} bytes; the command was killed`;
      kill();
    }
  };
  const held = [];
  let heldBytes = 0;
  let gate;
  let open4 = false;
  const release = () => {
    open4 = true;
    for (const [w, d] of held.splice(0)) deliver(w, d);
  };
  const write = (which, data) => {
    if (open4) {
      deliver(which, data);
      return;
    }
    held.push([which, data]);
    heldBytes += data.length;
    if (heldBytes > MAX_HELD_BYTES) {
      release();
      return;
    }
    if (held.length === 1 && initNotStarted(data)) return;
    gate ??= exec.inspect().then(
      (info) => {
        if (!neverStarted(info)) release();
      },
      () => release()
    );
  };
  const demux = new Demuxer(write);
  stream.on("data", (chunk) => tty ? write("stdout", chunk) : demux.push(chunk));
  if (options.stdin) options.stdin.pipe(stream);
  const ended = new Promise((resolve2) => {
    stream.once("end", resolve2).once("close", resolve2).once("error", () => resolve2());
  });
  function kill() {
    if (killing) return;
    killing = exec.inspect().then((i) => killTree(t, i.Pid)).catch(() => killTree(t, void 0));
    guard.grace(KILL_GRACE_MS, () => stream.destroy());
  }
  const guard = new CommandGuard(options, kill, () => killing !== void 0);
  let result;
  try {
    await ended;
    await gate;
    result = await exitCodeOf(exec);
    const byInit = !open4 && held.length === 1 && (result.code === 126 || result.code === NOT_FOUND);
    if (byInit && initNotStarted(held[0]?.[1] ?? Buffer.alloc(0))) result = { ...result, neverStarted: true };
    if (result.neverStarted) held.length = 0;
    else release();
    await killing;
  } finally {
    guard.dispose();
    options.stdin?.unpipe(stream);
  }
  const notStarted = result.neverStarted ? notStartedMessage(Cmd) : void 0;
  if (notStarted) err.write(Buffer.from(`paddock: ${notStarted}
`));
  await Promise.all([out.close(), err.close()]);
  guard.throwIfCancelled();
  const truncated = out.truncated || err.truncated;
  return execResult({
    code: result.code,
    timedOut: guard.timedOut,
    truncated,
    outputLimit,
    notStarted,
    started
  });
}
function execResult(f) {
  const durationMs = Date.now() - f.started;
  const { timedOut, notStarted, outputLimit } = f;
  if (notStarted) return { exitCode: NOT_FOUND, timedOut, truncated: false, durationMs, notStarted };
  return {
    // Killed for its output: a 0 that raced the kill would read as success, so it is reported as unknown.
    exitCode: outputLimit !== void 0 && f.code === 0 ? null : f.code,
    timedOut,
    truncated: f.truncated,
    durationMs,
    ...outputLimit === void 0 ? {} : { outputLimit }
  };
}

// src/sandbox/landlock.ts
function parseProbe(text) {
  const m = /^abi (\d+)(?: (.*))?$/m.exec(text.trim());
  if (!m) return { abi: 0, reason: `unreadable probe answer: ${JSON.stringify(text.slice(0, 120))}` };
  const abi = Number(m[1]);
  return abi > 0 ? { abi } : { abi: 0, reason: m[2] ?? "unknown" };
}
function landlockStatus(rules, probe) {
  const { compatibility } = rules;
  const none = rules.readOnly.length + rules.readWrite.length === 0;
  if (probe.abi > 0) return { compatibility, abi: probe.abi, enforced: !none };
  if (compatibility === "hard_requirement" && !none) {
    throw new PaddockError(
      "LANDLOCK_UNAVAILABLE",
      `landlock.compatibility is hard_requirement but Landlock is unavailable in the sandbox: ${probe.reason}`
    );
  }
  return { compatibility, abi: 0, enforced: false, ...probe.reason ? { reason: probe.reason } : {} };
}
async function probeLandlock(container) {
  const exec = await container.exec({ Cmd: PROBE_COMMAND, AttachStdout: true, AttachStderr: true });
  const stream = await exec.start({ hijack: true, stdin: false });
  const out = [];
  const demux = new Demuxer((which, data) => {
    if (which === "stdout") out.push(data);
  });
  stream.on("data", (chunk) => demux.push(chunk));
  await new Promise((resolve2) => stream.once("end", resolve2).once("close", resolve2).once("error", resolve2));
  return parseProbe(Buffer.concat(out).toString("utf8"));
}

// src/sandbox/network.ts
import { networkInterfaces, tmpdir } from "node:os";
import { join as join4 } from "node:path";

// src/common/host-lock.ts
import { open as open3, readFile as readFile2, unlink } from "node:fs/promises";
import { setTimeout as delay } from "node:timers/promises";
var RETRY_MS = 15;
var WAIT_MS = 1e4;
async function hostLock(path, waitMs = WAIT_MS) {
  const deadline = Date.now() + waitMs;
  for (; ; ) {
    try {
      const file = await open3(path, "wx", 420);
      await file.writeFile(`${process.pid}
`);
      await file.close();
      let released = false;
      return async () => {
        if (released) return;
        released = true;
        await unlink(path).catch(() => void 0);
      };
    } catch (error) {
      if (error.code !== "EEXIST") return async () => void 0;
    }
    const owner = Number((await readFile2(path, "utf8").catch(() => "")).trim());
    if (Number.isInteger(owner) && owner > 0 && !alive(owner)) {
      await unlink(path).catch(() => void 0);
      continue;
    }
    if (Date.now() >= deadline) return async () => void 0;
    await delay(RETRY_MS);
  }
}
function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === "EPERM";
  }
}

// src/sandbox/network.ts
var plans = /* @__PURE__ */ new Map();
function fromInspect(info) {
  const config = info.IPAM?.Config?.find((c) => c.Subnet && !c.Subnet.includes(":"));
  if (!config?.Subnet) return void 0;
  return {
    name: info.Name,
    id: info.Id,
    subnet: config.Subnet,
    bridgeIp: config.Gateway ?? bridgeIpOf(config.Subnet)
  };
}
var statusOf2 = (error) => error.statusCode;
function ensureNetwork(session) {
  return planNetwork(session).then((plan) => plan.made);
}
function planNetwork(session) {
  const cached = plans.get(session);
  if (cached) return cached;
  const plan = makePlan(session);
  plans.set(session, plan);
  plan.then((p) => p.made).catch(() => {
    if (plans.get(session) === plan) plans.delete(session);
  });
  return plan;
}
var PLAN_LOCK = join4(tmpdir(), "paddock-network-plan.lock");
async function makePlan(session) {
  const { docker } = await connectEngine();
  const release = await hostLock(PLAN_LOCK);
  try {
    const name = networkName(session);
    const all = await docker.listNetworks();
    const existing = oldest(all, name);
    if (existing) {
      await release();
      return { bridgeIp: existing.bridgeIp, made: Promise.resolve(existing) };
    }
    const used = all.flatMap((n) => (n.IPAM?.Config ?? []).map((c) => c.Subnet ?? "")).filter((s) => s !== "");
    const candidates = subnetCandidates(session, [...used, ...hostAddresses()]).slice(0, 32);
    const first = candidates[0];
    if (!first) throw new PaddockError("SANDBOX_FAILED", `cannot create network ${name}: no free /24 left`);
    const made = create(docker, session, candidates);
    made.then(release, release);
    made.catch(() => void 0);
    return { bridgeIp: bridgeIpOf(first), made };
  } catch (error) {
    await release();
    throw error;
  }
}
async function removeNetwork(session) {
  const { docker } = await connectEngine();
  const planned = plans.get(session)?.then((p) => p.made);
  const network = await (planned ?? find(docker, networkName(session))).catch(() => void 0);
  if (!network) return true;
  return docker.getNetwork(network.id).remove().then(
    () => {
      forgetNetwork(session);
      return true;
    },
    (error) => statusOf2(error) === 404
  );
}
function forgetNetwork(session) {
  if (session === void 0) plans.clear();
  else plans.delete(session);
}
function oldest(list, name) {
  const exact = list.filter((n) => n.Name === name).sort((a, b) => a.Created.localeCompare(b.Created) || a.Id.localeCompare(b.Id));
  return exact[0] ? fromInspect(exact[0]) : void 0;
}
async function find(docker, name) {
  return oldest(await docker.listNetworks({ filters: { name: [name] } }), name);
}
function hostAddresses() {
  return Object.values(networkInterfaces()).flat().filter((a) => a !== void 0 && a.family === "IPv4").map((a) => a.cidr ?? a?.address ?? "").filter((a) => a !== "");
}
async function create(docker, session, candidates) {
  const name = networkName(session);
  let lastError;
  for (const subnet of candidates) {
    try {
      await docker.createNetwork({
        Name: name,
        CheckDuplicate: true,
        Driver: "bridge",
        Internal: true,
        EnableIPv6: false,
        Attachable: false,
        // The engine joins only proxy-only sandboxes, from the first /26; the gateway joins fenced ones (subnet.ts).
        IPAM: {
          Driver: "default",
          Config: [{ Subnet: subnet, IPRange: engineRangeOf(subnet), Gateway: bridgeIpOf(subnet) }]
        },
        Options: { "com.docker.network.bridge.enable_icc": "false" },
        Labels: { [LABEL.session]: session }
      });
    } catch (error) {
      lastError = error;
      if (statusOf2(error) === 409) break;
      if (/overlap|pool/i.test(errorMessage(error))) continue;
      break;
    }
    break;
  }
  const made = await find(docker, name);
  if (made) return made;
  throw new PaddockError("SANDBOX_FAILED", `cannot create network ${name}: ${errorMessage(lastError)}`, {
    cause: lastError
  });
}

// src/sandbox/prune.ts
var CONCURRENCY = 16;
var statusOf3 = (error) => error.statusCode;
async function removeAll(items, remove, signal) {
  let removed = 0;
  const failures = [];
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      if (signal?.aborted) throw new PaddockError("CANCELLED", "prune cancelled");
      const item = items[next++];
      try {
        await remove(item);
        removed++;
      } catch (error) {
        const status = statusOf3(error);
        if (status === 404 || status === 409 && /in progress/i.test(errorMessage(error))) continue;
        const leaked = /active endpoints/i.test(errorMessage(error)) ? " (the engine still counts an endpoint on it: a known Docker 20.10 race after concurrent removals; it goes when dockerd restarts)" : "";
        failures.push(`${errorMessage(error).trim()}${leaked}`);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, items.length) }, worker));
  if (failures.length > 0) throw new Error(failures.join("; "));
  return removed;
}
var SWEEP_AT = /* @__PURE__ */ new Set([2, 8, 20]);
async function whenFree(remove, sweep) {
  for (let attempt = 0; ; attempt++) {
    try {
      await remove();
      return;
    } catch (error) {
      const status = statusOf3(error);
      const busy = status === 403 || status === 409 && /in use|active endpoints/i.test(errorMessage(error));
      if (!busy || attempt >= 40) throw error;
      if (SWEEP_AT.has(attempt)) await sweep();
      await new Promise((r) => setTimeout(r, Math.min(50 * (attempt + 1), 500)));
    }
  }
}
async function prune(options = {}) {
  const { docker } = await connectEngine();
  const filters = labelFilter(options.session);
  try {
    let removedContainers = 0;
    const removeContainers = async () => {
      const containers = await docker.listContainers({ all: true, filters });
      removedContainers += await removeAll(
        containers,
        (c) => docker.getContainer(c.Id).remove({ force: true, v: true }),
        options.signal
      );
    };
    await removeContainers();
    let sweeping;
    const sweep = () => {
      if (!sweeping)
        sweeping = removeContainers().catch(() => void 0).finally(() => {
          sweeping = void 0;
        });
      return sweeping;
    };
    const [volumes, networks] = await Promise.all([
      docker.listVolumes({ filters }),
      docker.listNetworks({ filters })
    ]);
    const [removedVolumes, removedNetworks] = await Promise.all([
      removeAll(
        volumes.Volumes ?? [],
        (v) => whenFree(() => docker.getVolume(v.Name).remove(), sweep),
        options.signal
      ),
      removeAll(networks, (n) => whenFree(() => docker.getNetwork(n.Id).remove(), sweep), options.signal)
    ]);
    forgetNetwork(options.session);
    return { containers: removedContainers, volumes: removedVolumes, networks: removedNetworks };
  } catch (error) {
    if (error instanceof PaddockError) throw error;
    throw new PaddockError("SANDBOX_FAILED", `prune failed: ${errorMessage(error)}`, { cause: error });
  }
}

// src/sandbox/run-end.ts
import { randomBytes } from "node:crypto";
var PREFIX = "paddock-init: run ended ";
var newRunKey = () => randomBytes(16).toString("hex");
var RunEnd = class {
  /** init's line has arrived. */
  ended = false;
  /** The command's exit status (128+N for signal N); null until the end, or when the line is malformed. */
  status = null;
  marker;
  held = Buffer.alloc(0);
  constructor(key) {
    this.marker = Buffer.from(`${PREFIX}${key} status `);
  }
  /** Feed the stream's bytes; returns the bytes that are the command's (to pass on). After the end, nothing. */
  push(chunk) {
    if (this.ended) return Buffer.alloc(0);
    const data = this.held.length === 0 ? chunk : Buffer.concat([this.held, chunk]);
    const at = data.indexOf(this.marker);
    if (at >= 0) {
      const rest = data.subarray(at + this.marker.length);
      const nl = rest.indexOf(10);
      if (nl < 0) {
        this.held = data.subarray(at);
        return data.subarray(0, at);
      }
      const text = rest.subarray(0, nl).toString("latin1");
      this.ended = true;
      this.status = /^\d{1,3}$/.test(text) ? Number(text) : null;
      this.held = Buffer.alloc(0);
      return data.subarray(0, at);
    }
    const keep = partialMatch(data, this.marker);
    this.held = keep > 0 ? data.subarray(data.length - keep) : Buffer.alloc(0);
    return data.subarray(0, data.length - keep);
  }
  /** Bytes held back when the stream ended without init's line: the command's after all. */
  flush() {
    const rest = this.ended ? Buffer.alloc(0) : this.held;
    this.held = Buffer.alloc(0);
    return rest;
  }
};
function partialMatch(data, marker) {
  for (let n = Math.min(marker.length - 1, data.length); n > 0; n--) {
    if (data.subarray(data.length - n).equals(marker.subarray(0, n))) return n;
  }
  return 0;
}

// src/sandbox/signal.ts
import { readFile as readFile3 } from "node:fs/promises";
import { constants as constants3 } from "node:os";
function isInitOf(cgroup, status, id) {
  if (!/^[0-9a-f]{64}$/.test(id)) return false;
  const nspid = /^NSpid:\s+([\d\s]+)$/m.exec(status)?.[1]?.trim().split(/\s+/);
  if (!nspid || nspid.length < 2 || nspid[nspid.length - 1] !== "1") return false;
  return cgroup.split("\n").some((line) => line.includes(id));
}
function blocks(status, signo) {
  const mask = /^SigBlk:\s+([0-9a-f]+)$/m.exec(status)?.[1];
  return mask !== void 0 && (BigInt(`0x${mask}`) >> BigInt(signo - 1) & 1n) === 1n;
}
var SIGTIMEDWAIT = { x64: 128, arm64: 137 };
function inSigwait(syscall, arch = process.arch) {
  const nr = SIGTIMEDWAIT[arch];
  return nr === void 0 ? null : syscall.split(" ")[0] === String(nr);
}
var READY_WAIT_MS = 1e4;
async function signalInit(container, pid, signal) {
  if (await initReady(container.id, pid, constants3.signals[signal]) && signalDirect(pid, signal)) return;
  await container.kill({ signal });
}
async function initReady(id, pid, signo) {
  if (!(pid > 1)) return false;
  const deadline = Date.now() + READY_WAIT_MS;
  for (; ; ) {
    let ready;
    try {
      const [cgroup, status] = await Promise.all([
        readFile3(`/proc/${pid}/cgroup`, "utf8"),
        readFile3(`/proc/${pid}/status`, "utf8")
      ]);
      if (!isInitOf(cgroup, status, id)) return false;
      ready = blocks(status, signo) || inSigwait(await readFile3(`/proc/${pid}/syscall`, "utf8"));
    } catch {
      return false;
    }
    if (ready === null) return false;
    if (ready) return true;
    if (Date.now() > deadline)
      throw new PaddockError(
        "SANDBOX_FAILED",
        `paddock-init of ${id.slice(0, 12)} did not get ready for signals within ${READY_WAIT_MS / 1e3} s`
      );
    await new Promise((resolve2) => setTimeout(resolve2, 2));
  }
}
function signalDirect(pid, signal) {
  try {
    process.kill(pid, signal);
    return true;
  } catch {
    return false;
  }
}

// src/sandbox/run.ts
var STOP_GRACE_MS = 5e3;
async function startHeldRun(run, options) {
  const started = Date.now();
  options.signal?.throwIfAborted();
  const { docker } = await connectEngine();
  const container = docker.getContainer(run.id);
  const max = options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT;
  const [out, err] = await Promise.all([
    CappedSink.open(options.stdout, max),
    CappedSink.open(options.stderr, max)
  ]);
  const end = { stdout: new RunEnd(run.key), stderr: new RunEnd(run.key) };
  let outputLimit;
  let stopping = false;
  let held;
  let heldBytes = 0;
  const stream = await container.attach({ stream: true, stdout: true, stderr: true });
  const stop = () => {
    if (stopping) return;
    stopping = true;
    signalInit(container, run.pid, RUN_STOP_SIGNAL).catch(() => void 0);
    guard.grace(STOP_GRACE_MS, () => container.kill().catch(() => void 0));
  };
  const guard = new CommandGuard(options, stop, () => stopping);
  const deliver = (sink, which, data) => {
    sink.write(data);
    if (sink.truncated && outputLimit === void 0) {
      outputLimit = `${which} passed the output limit of ${max} bytes; the command was killed`;
      stop();
    }
  };
  const onStderr = (data) => {
    if (data.length === 0) return;
    if (held === void 0 && err.written === 0 && initNotStarted(data)) held = [];
    if (held && heldBytes + data.length <= MAX_HELD_BYTES) {
      held.push(data);
      heldBytes += data.length;
      return;
    }
    if (held) for (const h of held.splice(0)) deliver(err, "stderr", h);
    deliver(err, "stderr", data);
  };
  const ended = new Promise((resolve2) => {
    const demux = new Demuxer((which, data) => {
      if (which === "stdout") deliver(out, "stdout", end.stdout.push(data));
      else onStderr(end.stderr.push(data));
      if (end.stdout.ended && end.stderr.ended) resolve2();
    });
    stream.on("data", (chunk) => demux.push(chunk));
    stream.once("end", resolve2).once("close", resolve2).once("error", () => resolve2());
  });
  try {
    await signalInit(container, run.pid, FENCE_SIGNAL);
    await ended;
  } finally {
    guard.dispose();
    stream.destroy();
  }
  deliver(out, "stdout", end.stdout.flush());
  onStderr(end.stderr.flush());
  const both = end.stdout.ended && end.stderr.ended && end.stdout.status === end.stderr.status;
  const code = both ? end.stderr.status : null;
  const notStarted = held !== void 0 && held.length > 0 && (code === 126 || code === NOT_FOUND) ? notStartedMessage(run.command) : void 0;
  if (notStarted) err.write(Buffer.from(`paddock: ${notStarted}
`));
  else if (held) for (const h of held.splice(0)) err.write(h);
  await Promise.all([out.close(), err.close()]);
  guard.throwIfCancelled();
  const truncated = out.truncated || err.truncated;
  return execResult({ code, timedOut: guard.timedOut, truncated, outputLimit, notStarted, started });
}

// src/sandbox/sandbox.ts
import { randomBytes as randomBytes2 } from "node:crypto";
import { readFile as readFile4 } from "node:fs/promises";

// src/sandbox/info.ts
function toInfo(inspect, bridgeIp) {
  const labels = inspect.Config.Labels ?? {};
  const session = labels[LABEL.session] ?? "";
  const endpoint = inspect.NetworkSettings?.Networks?.[networkName(session || "x")];
  const ip = endpoint?.IPAddress ?? "";
  const derived = ip && endpoint?.IPPrefixLen === 24 ? bridgeIpOf(`${ip}/24`) : "";
  return {
    session,
    name: labels[LABEL.sandbox] ?? inspect.Name.replace(/^\//, ""),
    run: labels[LABEL.run] ? labels[LABEL.run] : null,
    id: inspect.Id,
    ip,
    pid: inspect.State?.Pid ?? 0,
    bridgeIp: bridgeIp ?? (endpoint?.Gateway || derived),
    resolvConfPath: inspect.ResolvConfPath ?? "",
    image: labels[LABEL.image] ?? inspect.Config.Image,
    imageId: inspect.Image,
    user: inspect.Config.User ?? "",
    attribution: attributionOf(
      typeof inspect.Config.Entrypoint === "string" ? [inspect.Config.Entrypoint] : inspect.Config.Entrypoint
    ),
    state: inspect.State?.Status ?? "unknown"
  };
}
function infoOnly(state) {
  const { state: _state, ...info } = state;
  return info;
}
function localAddressOf(fibTrie) {
  const lines = fibTrie.split("\n");
  for (let i = 0; i + 1 < lines.length; i++) {
    const ip = /^\s*\|-- (\d+\.\d+\.\d+\.\d+)$/.exec(lines[i] ?? "")?.[1];
    if (ip && !ip.startsWith("127.") && /^\s*\/32 host LOCAL$/.test(lines[i + 1] ?? "")) return ip;
  }
  return "";
}

// src/sandbox/seed.ts
var emptyIn = /* @__PURE__ */ new Set();
var hasFiles = async (container, path) => (await headersOf(container, path, 2)).length > 1;
async function seedSandboxDir(container, imageId, session) {
  if (emptyIn.has(imageId)) return;
  const { docker } = await connectEngine();
  const scratch = await docker.createContainer({
    Image: imageId,
    Entrypoint: ["true"],
    Cmd: [],
    Labels: { [LABEL.session]: session },
    // prune finds it if we die before removing it
    NetworkDisabled: true,
    HostConfig: { NetworkMode: "none" }
  });
  try {
    if (!await hasFiles(scratch, SANDBOX_DIR)) {
      emptyIn.add(imageId);
      return;
    }
    if (await hasFiles(container, SANDBOX_DIR)) return;
    const tar = await scratch.getArchive({ path: `${SANDBOX_DIR}/.` });
    await container.putArchive(tar, { path: SANDBOX_DIR });
  } catch (error) {
    const full = /no space left/i.test(errorMessage(error));
    throw new PaddockError(
      "SANDBOX_FAILED",
      full ? `the image's files under ${SANDBOX_DIR} do not fit limits.diskBytes` : `cannot copy the image's ${SANDBOX_DIR} in: ${errorMessage(error)}`,
      { cause: error }
    );
  } finally {
    await scratch.remove({ force: true }).catch(() => void 0);
  }
}

// src/sandbox/sandbox.ts
var statusOf4 = (error) => error.statusCode;
function cancelled(signal) {
  if (signal?.aborted) throw new PaddockError("CANCELLED", "sandbox creation cancelled");
}
async function create2(docker, spec, session) {
  try {
    return await docker.createContainer(spec);
  } catch (error) {
    if (statusOf4(error) === 409) {
      const name = spec.Labels?.[LABEL.sandbox] ?? spec.name;
      throw new PaddockError(
        "SANDBOX_EXISTS",
        `a sandbox named ${name} already exists in session ${session}; delete it first (paddock sandbox delete ${name}) or choose another name`,
        { cause: error }
      );
    }
    if (statusOf4(error) === 404 && /network/i.test(errorMessage(error))) {
      forgetNetwork(session);
      await ensureNetwork(session);
      return docker.createContainer(spec);
    }
    throw new PaddockError("SANDBOX_FAILED", `cannot create ${spec.name}: ${errorMessage(error)}`, {
      cause: error
    });
  }
}
var GATEWAY_ERRORS = /* @__PURE__ */ new Set(["GATEWAY_FAILED", "PRIVILEGE_REQUIRED"]);
async function bringUp(container, spec, network, hooks, signal, held) {
  try {
    await hooks.beforeStart?.();
    const { bridgeIp } = await network;
    cancelled(signal);
    await container.start();
    const info = infoOnly(toInfo(await container.inspect(), bridgeIp));
    const ids = await processIds(info.pid);
    if (ids?.uid === 0 && spec.User !== SETUP_USER)
      throw new PaddockError("SANDBOX_FAILED", `sandbox user ${info.user} resolves to root`);
    const dir = spec.HostConfig?.Mounts?.find((m) => m.Target === SANDBOX_DIR);
    const uid = ids?.uid ?? Number(info.user.split(":")[0]);
    const writable = (spec.HostConfig?.Mounts ?? []).filter((m) => !m.ReadOnly).map((m) => ({ path: m.Target, sandboxDir: m.Target === SANDBOX_DIR }));
    const volumes = async () => {
      if (dir?.VolumeOptions?.NoCopy) await seedSandboxDir(container, info.imageId, info.session);
      if (Number.isInteger(uid)) await openVolumeRoots(container, writable, uid, info.imageId);
    };
    const rules = rulesOf(spec.Entrypoint);
    const probe = hooks.landlockProbe ?? probeLandlock;
    const [, abi] = await Promise.all([volumes(), rules ? probe(container) : void 0]);
    const landlock = rules && abi ? landlockStatus(rules, abi) : void 0;
    cancelled(signal);
    let joined;
    try {
      joined = await hooks.beforeUserCode?.(info);
    } catch (error) {
      if (error instanceof PaddockError && GATEWAY_ERRORS.has(error.code)) throw error;
      throw new PaddockError("FENCE_FAILED", `fence for ${info.name} failed: ${errorMessage(error)}`, {
        cause: error
      });
    }
    cancelled(signal);
    if (rules && !held) await signalInit(container, info.pid, FENCE_SIGNAL);
    return {
      ...info,
      ...joined?.ip ? { ip: joined.ip } : {},
      ...landlock ? { landlock } : {},
      ...held ? { held: { ...held, pid: info.pid } } : {}
    };
  } catch (error) {
    await container.remove({ force: true }).catch(() => void 0);
    throw error instanceof PaddockError ? error : new PaddockError("SANDBOX_FAILED", `cannot start sandbox: ${errorMessage(error)}`, { cause: error });
  }
}
async function createSandbox(options, hooks = {}) {
  cancelled(options.signal);
  const { docker } = await connectEngine();
  const network = ensureNetwork(options.session);
  network.catch(() => void 0);
  const image = await ensureImage(options.image, options.signal);
  if (options.network !== "gateway") await network;
  const key = options.command === void 0 ? void 0 : newRunKey();
  const spec = createOptions(options, { id: image.Id, user: image.Config?.User }, initBinary(), key);
  cancelled(options.signal);
  const container = await create2(docker, spec, options.session);
  const held = key ? { id: container.id, key, command: spec.Cmd } : void 0;
  try {
    return await bringUp(container, spec, network, hooks, options.signal, held);
  } catch (error) {
    await docker.getVolume(sandboxVolumeName(options.session, options.name)).remove().catch(() => void 0);
    throw error;
  }
}
async function inspectSandbox(session, name) {
  const { docker } = await connectEngine();
  try {
    const info = await docker.getContainer(containerName(session, name)).inspect();
    if (info.Config.Labels?.[LABEL.session] === session) return info;
  } catch (error) {
    if (statusOf4(error) !== 404)
      throw new PaddockError("ENGINE_UNAVAILABLE", errorMessage(error), { cause: error });
  }
  throw new PaddockError("SANDBOX_NOT_FOUND", `no sandbox ${name} in session ${session}`);
}
async function getSandbox(session, name) {
  return addressed(toInfo(await inspectSandbox(session, name)));
}
async function addressed(state) {
  if (state.ip !== "" || state.pid <= 0) return state;
  const ip = localAddressOf(await readFile4(`/proc/${state.pid}/net/fib_trie`, "utf8").catch(() => ""));
  return ip ? { ...state, ip, bridgeIp: state.bridgeIp || bridgeIpOf(`${ip}/24`) } : state;
}
async function sandboxLandlock(session, name) {
  const inspect = await inspectSandbox(session, name);
  const entrypoint = inspect.Config.Entrypoint;
  const rules = rulesOf(typeof entrypoint === "string" ? [entrypoint] : entrypoint);
  if (!rules) return void 0;
  const { docker } = await connectEngine();
  return landlockStatus(rules, await probeLandlock(docker.getContainer(inspect.Id)));
}
async function listSandboxes(session) {
  const { docker } = await connectEngine();
  const all = await docker.listContainers({ all: true, filters: labelFilter(session) });
  const list = all.filter((c) => {
    const [s, n] = [c.Labels[LABEL.session], c.Labels[LABEL.sandbox]];
    return s && n && c.Names.includes(`/${containerName(s, n)}`);
  });
  const found = await Promise.all(
    list.map(
      (c) => docker.getContainer(c.Id).inspect().then((i) => addressed(toInfo(i))).catch(() => void 0)
    )
  );
  return found.filter((s) => s !== void 0).sort((a, b) => a.session.localeCompare(b.session) || a.name.localeCompare(b.name));
}
async function restartSandbox(session, name, hooks = {}) {
  const { docker } = await connectEngine();
  const old = await inspectSandbox(session, name);
  const network = await ensureNetwork(session);
  const spec = {
    name: containerName(session, name),
    Image: old.Image,
    Entrypoint: old.Config.Entrypoint,
    Cmd: old.Config.Cmd ?? [],
    User: old.Config.User,
    WorkingDir: old.Config.WorkingDir,
    Env: old.Config.Env,
    Hostname: old.Config.Hostname,
    Labels: old.Config.Labels,
    StopSignal: "SIGTERM",
    StopTimeout: 1,
    HostConfig: old.HostConfig,
    // A sandbox the gateway joined to the network (mode `none`) is joined again by the fence hook.
    ...old.HostConfig.NetworkMode === "none" ? {} : { NetworkingConfig: { EndpointsConfig: { [network.name]: {} } } }
  };
  const previous = docker.getContainer(old.Id);
  const kept = old.State.Running && await setAside(previous, spec.name, old.State.Paused);
  if (!kept) await previous.remove({ force: true });
  try {
    const container = await create2(docker, spec, session);
    return await bringUp(container, spec, Promise.resolve(network), hooks);
  } finally {
    if (kept) await previous.remove({ force: true }).catch(() => void 0);
  }
}
async function setAside(container, name, paused) {
  try {
    if (!paused) await container.pause();
    await container.rename({ name: `${name}.restarting-${randomBytes2(3).toString("hex")}` });
    return true;
  } catch (error) {
    if (statusOf4(error) !== void 0) return false;
    throw error;
  }
}
async function deleteSandbox(session, name, id) {
  const { docker } = await connectEngine();
  const known = id ?? (await inspectSandbox(session, name)).Id;
  await docker.getContainer(known).remove({ force: true }).catch((error) => {
    if (statusOf4(error) !== 404) throw error;
    throw new PaddockError("SANDBOX_NOT_FOUND", `no sandbox ${name} in session ${session}`, {
      cause: error
    });
  });
  await docker.getVolume(sandboxVolumeName(session, name)).remove().catch((error) => {
    if (statusOf4(error) !== 404) throw error;
  });
}

export {
  unsafePath,
  unsafeSymlink,
  outputGlobs,
  commitSandbox,
  findImage,
  tagImage,
  removeImage,
  LABEL,
  networkName,
  containerName,
  sandboxVolumeName,
  sharedVolumeName,
  SANDBOX_DIR,
  DEFAULT_LIMITS,
  SETUP_USER,
  resolveUser,
  proxyEnv,
  createOptions,
  copyIn,
  copyOut,
  stopSandboxProcesses,
  execInSandbox,
  probeLandlock,
  ensureNetwork,
  planNetwork,
  removeNetwork,
  prune,
  startHeldRun,
  createSandbox,
  getSandbox,
  sandboxLandlock,
  listSandboxes,
  restartSandbox,
  deleteSandbox
};
