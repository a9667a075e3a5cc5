// One row per syscall that Paddock's seccomp profile denies on top of Docker's default: python3 (ctypes) calls
// it with arguments that succeed, or fail with an error other than EPERM, whenever the syscall is reachable.
import { SECCOMP_DENIED } from '../../src/sandbox/seccomp.js';
import type { Probe } from './probes.js';

/** Each call, in Python; `call(...)` returns (result, errno). ESCAPED unless the errno is EPERM. */
const CALLS: Record<(typeof SECCOMP_DENIED)[number], string> = {
  // An unprivileged parent attaching to its own child (allowed by the kernel without Yama).
  ptrace: `pid = os.fork()
if pid == 0:
    time.sleep(5); os._exit(0)
r, e = call(16, pid, 0, 0)  # PTRACE_ATTACH
os.kill(pid, 9)`,
  // Reading and writing our own memory needs no privilege.
  process_vm_readv: 'r, e = call(os.getpid(), ctypes.byref(local), 1, ctypes.byref(remote), 1, 0)',
  process_vm_writev: 'r, e = call(os.getpid(), ctypes.byref(local), 1, ctypes.byref(remote), 1, 0)',
  // UFFD_USER_MODE_ONLY is allowed unprivileged.
  userfaultfd: 'r, e = call(os.O_CLOEXEC | 1)',
  io_uring_setup: 'r, e = call(1, ctypes.create_string_buffer(120))',
  // A bad fd: EBADF / EINVAL when reachable.
  io_uring_enter: 'r, e = call(-1, 0, 0, 0, 0, 0)',
  io_uring_register: 'r, e = call(-1, 0, 0, 0)',
  // An unknown command: EINVAL when reachable (kernel ≥ 5.x checks privilege per command).
  bpf: 'r, e = call(0x7fff, 0, 0)',
  // A software clock counting our own user time: allowed at perf_event_paranoid 2; EACCES above it.
  perf_event_open: `attr = bytearray(128); struct.pack_into('IIQ', attr, 0, 1, 128, 0); attr[40] = 0b1100000
r, e = call(ctypes.create_string_buffer(bytes(attr), 128), 0, -1, -1, 0)`,
  keyctl: 'r, e = call(0, -3, 0)  # KEYCTL_GET_KEYRING_ID of the session keyring',
  add_key: "r, e = call(b'user', b'paddock', b'v', 1, -2)",
  request_key: "r, e = call(b'user', b'paddock-none', 0, 0)",
};

/** Syscall numbers on x86-64 and arm64 (io_uring's are the same on every architecture). */
// biome-ignore format: a table reads better in rows
const TABLE = {
  x86_64: {
    ptrace: 101, process_vm_readv: 310, process_vm_writev: 311, userfaultfd: 323, bpf: 321,
    perf_event_open: 298, keyctl: 250, add_key: 248, request_key: 249,
    io_uring_setup: 425, io_uring_enter: 426, io_uring_register: 427,
  },
  aarch64: {
    ptrace: 117, process_vm_readv: 270, process_vm_writev: 271, userfaultfd: 282, bpf: 280,
    perf_event_open: 241, keyctl: 219, add_key: 217, request_key: 218,
    io_uring_setup: 425, io_uring_enter: 426, io_uring_register: 427,
  },
};

export const syscallScript = (name: (typeof SECCOMP_DENIED)[number]): string => `python3 - <<'EOF'
import ctypes, errno, os, platform, struct, sys, time
NR = ${JSON.stringify(TABLE)}[platform.machine()]['${name}']
libc = ctypes.CDLL(None, use_errno=True)
def call(*args):
    ctypes.set_errno(0)
    r = libc.syscall(ctypes.c_long(NR), *[ctypes.c_long(a) if isinstance(a, int) else a for a in args])
    return r, ctypes.get_errno()
class iovec(ctypes.Structure): _fields_ = [('base', ctypes.c_void_p), ('len', ctypes.c_size_t)]
src = ctypes.create_string_buffer(b'paddock', 16); dst = ctypes.create_string_buffer(16)
local = iovec(ctypes.addressof(dst), 7); remote = iovec(ctypes.addressof(src), 7)
${CALLS[name]}
print('${name} returned', r, 'errno', errno.errorcode.get(e, e))
if e != errno.EPERM: print('ESCAPED')
sys.exit(1)
EOF`;

export const SYSCALL_PROBES: readonly Probe[] = SECCOMP_DENIED.map((name, i) => ({
  name: `seccomp denies ${name}`,
  box: i % 2 === 0 ? 'a' : 'b',
  script: () => syscallScript(name),
  expect: () => ({ exitNonZero: true, reachedNothing: [] }),
}));
