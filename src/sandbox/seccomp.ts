// Paddock's seccomp profile, as data: passed to the engine with `security_opt: seccomp=<json>` (create-options.ts).
// Docker's default set (moby profiles/seccomp/default.json was the reference), with these changes:
// - plus the Landlock syscalls (engines before 23 block them; paddock-init needs them);
// - minus everything that lets one process read or write another's memory or reach kernel attack surface:
//   DENIED below. Those fail with EPERM.
// - Docker's capability-conditional rules are left out: every sandbox drops all capabilities, so they would
//   never apply.
// The names are the engine's (libseccomp's); a name an older libseccomp does not know is skipped by runc.

/** Denied on top of Docker's default (each has an escape-battery row). */
export const SECCOMP_DENIED = [
  'ptrace',
  'process_vm_readv',
  'process_vm_writev',
  'userfaultfd',
  'io_uring_setup',
  'io_uring_enter',
  'io_uring_register',
  'bpf',
  'perf_event_open',
  'keyctl',
  'add_key',
  'request_key',
] as const;

export const LANDLOCK_SYSCALLS = ['landlock_create_ruleset', 'landlock_add_rule', 'landlock_restrict_self'];

/** Allowed without conditions, by area (names separated by white space). */
const ALLOWED: Record<string, string> = {
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
  landlock: LANDLOCK_SYSCALLS.join(' '),
};

/** The clone flags that create namespaces (CLONE_NEWNS … CLONE_NEWNET): clone is allowed only without them. */
const CLONE_NAMESPACE_FLAGS = 0x7e020000;
const CLONE_FILES = 0x400;
const CLONE_THREAD = 0x10000;
/**
 * clone as allowed: no namespace flags, and a thread (CLONE_THREAD) only with the process's descriptor table
 * (CLONE_FILES). A thread with a table of its own holds descriptors `/proc/<pid>/fd` never shows (that is the
 * main thread's), so `/proc` attribution would miss it holding a socket (battery row "hidden holder: a thread
 * … descriptor table of its own"). Every libc's and runtime's threads share the table; `unshare` is denied.
 * Each pair is (mask, value): allowed when `flags & mask == value`.
 */
const CLONE_ALLOWED: readonly (readonly [number, number])[] = [
  [CLONE_NAMESPACE_FLAGS | CLONE_THREAD, 0],
  [CLONE_NAMESPACE_FLAGS | CLONE_THREAD | CLONE_FILES, CLONE_THREAD | CLONE_FILES],
];
/** personality(2) values Docker allows: PER_LINUX, UNAME26, PER_LINUX32, PER_LINUX32|UNAME26, query. */
const PERSONALITIES = [0x0, 0x8, 0x20000, 0x20008, 0xffffffff];
const AF_VSOCK = 40;
const ENOSYS = 38;

interface Rule {
  readonly names: readonly string[];
  readonly action: 'SCMP_ACT_ALLOW' | 'SCMP_ACT_ERRNO';
  readonly errnoRet?: number;
  readonly args?: readonly { index: number; value: number; valueTwo?: number; op: string }[];
  readonly includes?: { readonly arches: readonly string[] };
  readonly excludes?: { readonly arches: readonly string[] };
}

const allow = (names: readonly string[], rest: Omit<Rule, 'names' | 'action'> = {}): Rule => ({
  names,
  action: 'SCMP_ACT_ALLOW',
  ...rest,
});

const RULES: readonly Rule[] = [
  allow(Object.values(ALLOWED).flatMap((names) => names.trim().split(/\s+/))),
  allow(['socket'], { args: [{ index: 0, value: AF_VSOCK, op: 'SCMP_CMP_NE' }] }),
  ...PERSONALITIES.map((value) => allow(['personality'], { args: [{ index: 0, value, op: 'SCMP_CMP_EQ' }] })),
  ...CLONE_ALLOWED.flatMap(([value, valueTwo]) => [
    allow(['clone'], {
      args: [{ index: 0, value, valueTwo, op: 'SCMP_CMP_MASKED_EQ' }],
      excludes: { arches: ['s390', 's390x'] },
    }),
    // s390 passes clone's flags second.
    allow(['clone'], {
      args: [{ index: 1, value, valueTwo, op: 'SCMP_CMP_MASKED_EQ' }],
      includes: { arches: ['s390', 's390x'] },
    }),
  ]),
  // clone3 passes its flags in memory seccomp cannot read: ENOSYS makes libc fall back to clone.
  { names: ['clone3'], action: 'SCMP_ACT_ERRNO', errnoRet: ENOSYS },
  allow(['arch_prctl'], { includes: { arches: ['amd64', 'x32'] } }),
  allow(['modify_ldt'], { includes: { arches: ['amd64', 'x32', 'x86'] } }),
  allow(
    ['arm_fadvise64_64', 'arm_sync_file_range', 'sync_file_range2', 'breakpoint', 'cacheflush', 'set_tls'],
    {
      includes: { arches: ['arm', 'arm64'] },
    },
  ),
];

/** The profile, in the engine's JSON format (moby's `Seccomp` type): EPERM for everything not allowed. */
export const SECCOMP_PROFILE = {
  defaultAction: 'SCMP_ACT_ERRNO',
  defaultErrnoRet: 1,
  archMap: [
    { architecture: 'SCMP_ARCH_X86_64', subArchitectures: ['SCMP_ARCH_X86', 'SCMP_ARCH_X32'] },
    { architecture: 'SCMP_ARCH_AARCH64', subArchitectures: ['SCMP_ARCH_ARM'] },
  ],
  syscalls: RULES,
} as const;
