// Identity rows: a process must not pass for an allowed binary (under the default policy, node → NODE_HOST,
// the gemini entry; python3 → pypi.org) through injected code, a stale view of the socket's holders, or a
// socket nobody can be found holding. Each script prints ESCAPED when the allowed upstream answered.
import { dirname } from 'node:path';
import type { Probe } from './probes.js';
import { NODE_HOST, REBIND_BINARY, REBIND_NAME } from './session.js';

const NODE = '/usr/bin/node';
/**
 * x86-64 code for the hidden-thread row: clone without CLONE_FILES, then, once told, connect, write, read and
 * exit from the new thread. P (int64s, in rdi): fd, addr, req, len, buf, stack, done, connect's result, read's
 * result, go. Its source (GNU as, `.intel_syntax noprefix`; `as`, then `objcopy -O binary -j .text`):
 *   blob: push rbx; mov rbx, rdi; mov eax, 56; mov edi, 0x10900; mov rsi, [rbx+40]; xor edx, edx;
 *       xor r10d, r10d; xor r8d, r8d; syscall; test rax, rax; jz child; pop rbx; ret
 *   child: pause; mov eax, [rbx+72]; test eax, eax; jz child; mov eax, 42; mov edi, [rbx];
 *       mov rsi, [rbx+8]; mov edx, 16; syscall; mov [rbx+56], rax; mov eax, 1; mov edi, [rbx];
 *       mov rsi, [rbx+16]; mov rdx, [rbx+24]; syscall; mov eax, 0; mov edi, [rbx]; mov rsi, [rbx+32];
 *       mov edx, 200; syscall; mov [rbx+64], rax; mov dword ptr [rbx+48], 1; mov eax, 60; xor edi, edi;
 *       syscall
 */
const HIDDEN_THREAD_X86_64 =
  '534889fbb838000000bf00090100488b732831d24531d24531c00f054885c074025bc3f3908b434885c074f7b82a0000008b3b488b7308ba100000000f0548894338b8010000008b3b488b7310488b53180f05b8000000008b3b488b7320bac80000000f0548894340c7433001000000b83c00000031ff0f05';
const PYTHON = /^\/usr\/bin\/python3/;
/** A real shared library of the image, copied where the sandbox can write. */
const LIB = '$(find /usr/lib /lib -name "libz.so.1" 2>/dev/null | head -1)';

/** node (or a copy of it at `bin`) fetching the allowed host over the transparent path. */
const nodeGet = (env: string, url = `http://${NODE_HOST}:443/`, bin = 'node'): string =>
  `${env} ${bin} -e "require('http').get('${url}', r => r.on('data', d => ` +
  `{ if (/hello from upstream/.test(d)) console.log('ESCAPED') })).on('error', e => { console.log(e.message); process.exit(1) })"`;

/** python3 connecting to pypi.org:443 after `setup` (Python lines); ESCAPED when the upstream answers. */
const pythonGet = (setup: string): string => `python3 - <<'EOF'
import ctypes, os, socket, sys
${setup}
try:
    s = socket.create_connection(('pypi.org', 443), timeout=4)
    s.sendall(b'GET / HTTP/1.0\\r\\nHost: pypi.org\\r\\n\\r\\n')
    if b'hello from upstream' in s.recv(200): print('ESCAPED')
except OSError as e:
    print('failed', e)
sys.exit(1)
EOF`;

export const IDENTITY_PROBES: readonly Probe[] = [
  {
    name: 'LD_PRELOAD from /sandbox into the allowed binary (node)',
    box: 'a',
    script: () => `cp ${LIB} /sandbox/hook.so && ${nodeGet('LD_PRELOAD=/sandbox/hook.so')}`,
    expect: () => ({
      exitNonZero: true,
      event: {
        layer: 'connect',
        action: 'deny',
        binary: NODE,
        host: NODE_HOST,
        identity: 'tainted',
        reason: /tainted \(LD_PRELOAD=\/sandbox\/hook\.so/,
      },
      reachedNothing: ['upstream'],
    }),
  },
  {
    name: 'NODE_OPTIONS --require of a file in /tmp (node)',
    box: 'b',
    script: () =>
      `echo 'globalThis.injected = 1' > /tmp/pre.js && ${nodeGet("NODE_OPTIONS='--require /tmp/pre.js'")}`,
    expect: () => ({
      exitNonZero: true,
      event: {
        layer: 'connect',
        action: 'deny',
        binary: NODE,
        identity: 'tainted',
        reason: /NODE_OPTIONS --require \/tmp\/pre\.js/,
      },
      reachedNothing: ['upstream'],
    }),
  },
  {
    name: 'a library loaded from a memfd into the allowed binary (python3)',
    box: 'a',
    script: () =>
      `HOOK=${LIB} ${pythonGet("fd = os.memfd_create('hook')\nos.write(fd, open(os.environ['HOOK'], 'rb').read())\nctypes.CDLL(f'/proc/self/fd/{fd}')")}`,
    expect: () => ({
      exitNonZero: true,
      event: {
        layer: 'connect',
        action: 'deny',
        binary: PYTHON,
        host: 'pypi.org',
        identity: 'tainted',
        reason: /executable mapping of \/memfd:hook/,
      },
      reachedNothing: ['upstream'],
    }),
  },
  {
    // On main the gateway cached pid → netns and looked at cached pids first: a holder forked after the last
    // lookup was never seen, and the allowed parent alone decided.
    name: 'stale holder cache: a busybox child forked after the last lookup shares the allowed socket',
    box: 'b',
    script: () => `python3 - <<'EOF'
import os, socket, sys
try:
    socket.create_connection(('192.0.2.44', 80), timeout=3).recv(1)
except OSError:
    pass  # denied: the gateway has looked at this process
s = socket.socket(); s.set_inheritable(True)
child = os.fork()
if child == 0:
    os.execv('/bin/busybox', ['sleep', '20'])
me = os.readlink('/proc/self/exe')
while os.readlink(f'/proc/{child}/exe') == me: pass  # until the child is busybox
try:
    s.settimeout(4); s.connect(('pypi.org', 443)); s.sendall(b'GET / HTTP/1.0\\r\\nHost: pypi.org\\r\\n\\r\\n')
    if b'hello from upstream' in s.recv(200): print('ESCAPED')
except OSError as e:
    print('denied', e)
os.kill(child, 9)
sys.exit(1)
EOF`,
    expect: () => ({
      exitNonZero: true,
      event: {
        layer: 'connect',
        action: 'deny',
        host: 'pypi.org',
        reason: /different binaries \(.*\/busybox/,
      },
      reachedNothing: ['upstream'],
    }),
  },
  {
    // A seccomp-free sandbox would let python3 trace node; here PTRACE_TRACEME fails, and a traced node would
    // be tainted (TracerPid) all the same.
    name: 'ptrace: a python3 parent traces the allowed binary (node) it starts',
    box: 'a',
    script: () => `python3 - <<'EOF'
import ctypes, os, sys
libc = ctypes.CDLL(None, use_errno=True)
child = os.fork()
if child == 0:
    if libc.ptrace(0, 0, 0, 0) != 0:  # PTRACE_TRACEME
        print('PTRACE_TRACEME errno', ctypes.get_errno()); sys.stdout.flush(); os._exit(3)
    os.execv('/usr/bin/node', ['node', '-e', "require('http').get('http://${NODE_HOST}:443/', r => r.on('data', d => { if (/hello from upstream/.test(d)) console.log('ESCAPED') })).on('error', e => console.log(e.message))"])
_, status = os.waitpid(child, 0)
if os.WIFSTOPPED(status):
    print('tracing node'); sys.stdout.flush()
    libc.ptrace(7, child, 0, 0)  # PTRACE_CONT
    os.waitpid(child, 0)
sys.exit(1)
EOF`,
    expect: () => ({ exitNonZero: true, reachedNothing: ['upstream'] }),
  },
  {
    // No seccomp rule can stop this one (an open() and a write()): without Landlock (plain `docker run` of the
    // same image as uid 1000) python3 writes node's memory. Landlock, on in every sandbox, gives /proc read
    // only, so the open for writing fails (EACCES). Were it to succeed, node is signalled to do what injected
    // code would: fetch NODE_HOST, which only node may reach.
    name: 'memory write: a python3 parent writes into the allowed binary (node) it starts (/proc/<pid>/mem)',
    box: 'a',
    script: () => `python3 - <<'EOF'
import os, signal, sys, time
child = os.fork()
if child == 0:
    os.execv('/usr/bin/node', ['node', '-e', "process.on('SIGUSR2', () => require('http').get('http://${NODE_HOST}:443/', r => r.on('data', d => { if (/hello from upstream/.test(d)) console.log('ESCAPED') }))); setTimeout(() => {}, 5000)"])
while os.readlink(f'/proc/{child}/exe') != '/usr/bin/node': time.sleep(0.01)
time.sleep(0.3)  # node's handler is installed
line = next(l for l in open(f'/proc/{child}/maps') if ' rw-p ' in l)
at = int(line.split('-')[0], 16)
try:
    with open(f'/proc/{child}/mem', 'r+b', buffering=0) as m:
        m.seek(at); data = m.read(8); m.seek(at); m.write(data)
except OSError as e:
    print('refused', e); os.kill(child, 9); sys.exit(1)
print('wrote node memory'); sys.stdout.flush()
os.kill(child, signal.SIGUSR2)
os.waitpid(child, 0)
EOF`,
    expect: () => ({ exitNonZero: true, reachedNothing: ['upstream'] }),
  },
  {
    // Connect, send and close before the gateway looks: nobody holds the socket, so the binary is unknown.
    name: 'unattributable: connect, send and close at once (30 times)',
    box: 'b',
    script: () => `python3 - <<'EOF'
import socket, sys
for _ in range(30):
    s = socket.create_connection(('${NODE_HOST}', 443), timeout=3)
    s.sendall(b'GET / HTTP/1.0\\r\\nHost: ${NODE_HOST}\\r\\n\\r\\n'); s.close()
print('sent 30'); sys.exit(1)
EOF`,
    expect: () => ({
      exitNonZero: true,
      event: {
        layer: 'connect',
        action: 'deny',
        host: NODE_HOST,
        binary: /^(\/usr\/bin\/python3.*)?$/,
      },
      reachedNothing: ['upstream'],
    }),
  },
  {
    // Seven helpers hold 3,500 descriptors each (under the 4096 limit): 24,500 is past the attribution budget.
    name: 'unattributable: a sandbox holding 24k descriptors makes attribution run over budget',
    box: 'a',
    script: () => `python3 - <<'EOF'
import os, signal, socket, sys
kids = []
for _ in range(7):
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(r); fds = [os.open('/dev/null', os.O_RDONLY) for _ in range(3500)]
        os.write(w, b'1'); signal.pause(); os._exit(0)
    os.close(w); os.read(r, 1); kids.append(pid)
try:
    s = socket.create_connection(('${NODE_HOST}', 443), timeout=4)
    s.sendall(b'GET / HTTP/1.0\\r\\nHost: ${NODE_HOST}\\r\\n\\r\\n')
    if b'hello from upstream' in s.recv(200): print('ESCAPED')
except OSError as e:
    print('denied', e)
for k in kids: os.kill(k, 9)
sys.exit(1)
EOF`,
    expect: () => ({
      exitNonZero: true,
      event: {
        layer: 'connect',
        action: 'deny',
        host: NODE_HOST,
        reason: /over budget/,
      },
      reachedNothing: ['upstream'],
    }),
  },
  {
    // An allowed wildcard name (cursor-agent may reach *.cursor.sh) whose real address is loopback: here the
    // battery's own upstream, so a missing private-address guard would show as a hit.
    name: 'DNS rebinding: an allowed name resolving upstream to a loopback address',
    box: 'b',
    script: () =>
      `mkdir -p ${dirname(REBIND_BINARY)} && cp "$(command -v node)" ${REBIND_BINARY} && ` +
      nodeGet('', `http://${REBIND_NAME}:443/`, REBIND_BINARY),
    expect: () => ({
      exitNonZero: true,
      event: {
        layer: 'connect',
        action: 'deny',
        host: REBIND_NAME,
        binary: REBIND_BINARY,
        reason: /private, loopback|internal or special-use/,
      },
      reachedNothing: ['upstream'],
    }),
  },
  {
    // The intruder (python3 copied to /sandbox: no rule matches it, no allowed ancestor) hands an unconnected
    // socket to an idle python3 (it inherits it and waits for its program on a pipe nobody writes, so it runs
    // none of the intruder's code), keeps its own copy, and ends its main thread alone (SYS_exit): the copy
    // stays with its other thread. /proc/<pid>/fd, exe and ns/net of a process whose main thread exited are
    // empty or gone, so a lookup that reads only those sees python3 alone holding the socket; the intruder's
    // thread then connects and speaks on it itself. Box b: while box a's 24k-descriptor row runs, every lookup
    // there is over budget, and this row needs its own reason.
    name: 'hidden holder: the intruder ends its main thread, its other thread speaks on a socket an idle python3 holds',
    box: 'b',
    script: () => `cp /usr/bin/python3 /sandbox/intruder-zombie && /sandbox/intruder-zombie - <<'EOF'
import ctypes, os, socket, subprocess, threading
s = socket.socket(); r, w = os.pipe()
idle = subprocess.Popen(['/usr/bin/python3', '-'], stdin=r, pass_fds=[s.fileno()])
os.close(r)
def speak():
    while 'State:\\tZ' not in open('/proc/self/status').read(): pass  # until the main thread is gone
    try:
        s.settimeout(4); s.connect(('pypi.org', 443)); s.sendall(b'GET / HTTP/1.0\\r\\nHost: pypi.org\\r\\n\\r\\n')
        print('ESCAPED' if b'hello from upstream' in s.recv(200) else 'no answer', flush=True)
    except OSError as e:
        print('denied', e, flush=True)
    idle.kill(); os._exit(1)
threading.Thread(target=speak).start()
ctypes.CDLL(None).syscall(60, 0)  # exit(2): this thread only
EOF`,
    expect: () => ({
      exitNonZero: true,
      event: {
        layer: 'connect',
        action: 'deny',
        host: 'pypi.org',
        reason: /different binaries \(.*\/sandbox\/intruder-zombie/,
      },
      reachedNothing: ['upstream'],
    }),
  },
  {
    // As above, but the intruder's main thread lives on: a thread it makes with clone(CLONE_VM | CLONE_SIGHAND |
    // CLONE_THREAD) and no CLONE_FILES gets a copy of the descriptor table, which /proc/<pid>/fd never shows (it
    // is the main thread's). The main thread closes its copy; the thread (x86-64 machine code in an anonymous
    // executable mapping, as node's JIT makes them) connects and speaks on the socket the idle python3 holds.
    name: 'hidden holder: a thread of the intruder with a descriptor table of its own speaks on a socket an idle python3 holds',
    box: 'a',
    script: () => `cp /usr/bin/python3 /sandbox/intruder-thread && /sandbox/intruder-thread - <<'EOF'
import ctypes, errno, mmap, os, platform, socket, struct, subprocess, sys, time
if platform.machine() != 'x86_64': print('this row needs x86-64'); sys.exit(1)
# clone(P.stack) into a thread; it waits for P.go, then connect(P.fd, P.addr), write(P.req), read(P.buf), P.done = 1, exit.
CODE = bytes.fromhex('${HIDDEN_THREAD_X86_64}')
mem = mmap.mmap(-1, 4096, flags=mmap.MAP_PRIVATE | mmap.MAP_ANONYMOUS, prot=mmap.PROT_READ | mmap.PROT_WRITE | mmap.PROT_EXEC)
mem.write(CODE)
run = ctypes.CFUNCTYPE(ctypes.c_long, ctypes.c_void_p)(ctypes.addressof(ctypes.c_char.from_buffer(mem)))
s = socket.socket(); r, w = os.pipe()
idle = subprocess.Popen(['/usr/bin/python3', '-'], stdin=r, pass_fds=[s.fileno()])
os.close(r)
addr = ctypes.create_string_buffer(struct.pack('<H', socket.AF_INET) + struct.pack('!H', 443) + socket.inet_aton(socket.gethostbyname('pypi.org')) + bytes(8))
req = ctypes.create_string_buffer(b'GET / HTTP/1.0\\r\\nHost: pypi.org\\r\\n\\r\\n'); buf = ctypes.create_string_buffer(256); stack = ctypes.create_string_buffer(65536)
P = (ctypes.c_int64 * 10)(s.fileno(), ctypes.addressof(addr), ctypes.addressof(req), len(req.value), ctypes.addressof(buf), (ctypes.addressof(stack) + 65536 - 64) & ~15)
tid = run(ctypes.addressof(P))
if tid < 0:  # Paddock's seccomp profile refuses a thread without CLONE_FILES: EPERM; anything else is reachable
    print('clone without CLONE_FILES refused:', errno.errorcode.get(-tid, -tid), '' if -tid == errno.EPERM else 'ESCAPED')
    idle.kill(); sys.exit(1)
s.close()  # the main thread's copy; the thread's table keeps its own
P[9] = 1
for _ in range(200):
    if P[6]: break
    time.sleep(0.05)
print('connect', P[7], 'read', P[8], 'ESCAPED' if b'hello from upstream' in buf.raw else 'no answer', flush=True)
idle.kill(); os._exit(1)
EOF`,
    expect: () => ({ exitNonZero: true, reachedNothing: ['upstream'] }),
  },
  {
    // python3 (allowed) fetches from pypi.org over an AF_INET socket bound to the sandbox's address and port P
    // (SO_REUSEPORT) and keeps it open; the intruder then binds an AF_INET6 socket to ::ffff:<sandbox IP>, port P,
    // and connects it to files.pythonhosted.org. Its row is in /proc/<pid>/net/tcp6; a lookup that finds one row
    // for P in tcp takes python3's: the intruder's connection judged as python3's, to pypi.org, and spliced there.
    // python3's own fetch is allowed and reaches the upstream once (allowedReach; it prints the proof).
    name: "source-port reuse across tcp and tcp6: the intruder's AF_INET6 socket connects from the port of python3's AF_INET connection",
    box: 'b',
    script: () => `cp /usr/bin/python3 /sandbox/intruder-six && /sandbox/intruder-six - <<'EOF'
import socket, subprocess, sys
u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u.connect(('192.0.2.1', 9)); ip = u.getsockname()[0]  # sends nothing
REUSE = 'for o in (socket.SO_REUSEADDR, socket.SO_REUSEPORT): s.setsockopt(socket.SOL_SOCKET, o, 1)'
GET = b'GET / HTTP/1.0\\r\\nHost: pypi.org\\r\\n\\r\\n'
python = subprocess.Popen(['/usr/bin/python3', '-c', f"""
import socket, sys
s = socket.socket()
{REUSE}
s.bind(('{ip}', 0)); s.settimeout(4); s.connect(('pypi.org', 443)); s.sendall({GET!r})
print(s.getsockname()[1], 'python3 fetched' if b'hello from upstream' in s.recv(200) else 'python3 got nothing', flush=True)
sys.stdin.read()
"""], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
port, said = python.stdout.readline().decode().split(' ', 1); port = int(port); print(said.strip(), flush=True)
s = socket.socket(socket.AF_INET6); exec(REUSE)
try:
    s.bind(('::ffff:' + ip, port)); s.settimeout(4)
    s.connect(('::ffff:' + socket.gethostbyname('files.pythonhosted.org'), 443)); s.sendall(GET)
    print('port', port, 'ESCAPED' if b'hello from upstream' in s.recv(200) else 'no answer', flush=True)
except OSError as e:
    print('port', port, 'denied', e, flush=True)
python.kill(); sys.exit(1)
EOF`,
    expect: () => ({
      exitNonZero: true,
      event: {
        layer: 'connect',
        action: 'deny',
        reason: /original destination unknown \(client socket not found\)/,
      },
      reachedNothing: ['upstream'],
      allowedReach: { target: 'upstream', count: 1, proof: /python3 fetched/ },
    }),
  },
];
