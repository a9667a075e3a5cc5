// Rows against connect-time identity itself (issue 17): ways to connect that a seccomp notification on
// connect() might not see, or might see wrong. Each pairs the trick with a hand-over to python3, so a gateway
// that fell back to reading /proc would be fooled; the secure outcome is a denial (or no connection at all).
// `io_uring` connects: the rows "seccomp denies io_uring_setup/enter/register" (syscalls.ts) cover them.
import { asIntruder, intruderDenied } from './handover.js';
import type { Expect, Probe } from './probes.js';
import { NODE_HOST, type SpecialBox } from './session.js';

/**
 * The boxes of the identity rows (`id`, `storm`) ask for connect-time identity (issue 17's
 * `process.identity`); a Paddock without it ignores the field and reads /proc, where the hand-over rows escape.
 */
export const connectTimeBox = async (): Promise<SpecialBox> => ({ process: { identity: 'connect-time' } });

/** Nothing got through; the trick may be refused outright (no connection, so no event). */
const refusedOrDenied: Expect = { exitNonZero: true, reachedNothing: ['upstream'] };

/** pypi.org:443 as a sockaddr_in (Python), for the rows that call connect below the socket module. */
const SOCKADDR = `import ctypes, struct
libc = ctypes.CDLL(None, use_errno=True)
ADDR = struct.pack('=H', socket.AF_INET) + struct.pack('>H', 443) + socket.inet_aton(socket.gethostbyname('pypi.org')) + bytes(8)`;

export const CONNECT_TIME_PROBES: readonly Probe[] = [
  {
    // sendto(MSG_FASTOPEN) connects without connect(): the SYN leaves from sendto.
    name: 'TCP Fast Open: the intruder connects with sendto(MSG_FASTOPEN), no connect(), and hands over',
    box: 'id',
    script: () =>
      asIntruder(
        'tfo',
        `handoff(lambda s: print('sendto', s.sendto(GET, socket.MSG_FASTOPEN, ('pypi.org', 443)), flush=True))
sys.exit(1)`,
      ),
    expect: () => refusedOrDenied,
  },
  {
    // A 64-bit process may enter the kernel through int 0x80: the i386 table, another seccomp arch.
    name: 'i386 ABI: the intruder connects through int 0x80 (i386 connect) and hands over',
    box: 'id',
    script: () =>
      asIntruder(
        'i386',
        `${SOCKADDR}
libc.mmap.restype = ctypes.c_void_p
libc.mmap.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int, ctypes.c_int, ctypes.c_int, ctypes.c_long]
page = libc.mmap(None, 4096, 7, 0x62, -1, 0)  # rwx, private, anonymous, below 4 GiB (MAP_32BIT)
# push rbx; mov eax, 362 (i386 connect); mov ebx, edi; mov ecx, esi; int 0x80; pop rbx; ret
code = bytes([0x53, 0xb8, 0x6a, 0x01, 0, 0, 0x89, 0xfb, 0x89, 0xf1, 0xcd, 0x80, 0x5b, 0xc3])
ctypes.memmove(page, code, len(code)); ctypes.memmove(page + 2048, ADDR, 16)
connect32 = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_int, ctypes.c_uint32, ctypes.c_int)(page)
def connect(s):
    r = connect32(s.fileno(), page + 2048, 16)
    print('i386 connect', os.strerror(-r) if r < 0 else r, flush=True)
handoff(connect)
sys.exit(1)`,
      ),
    expect: () => refusedOrDenied,
  },
  {
    // A thread swaps what the fd number names (dup2) while connect() on it is in flight: whatever the
    // kernel connects, a socket python3 inherited or the intruder's own, it was the intruder's connect.
    name: 'fd swap: a thread dup2()s a socket python3 holds onto the fd the intruder is connecting',
    box: 'id',
    script: () =>
      asIntruder(
        'swap',
        `import subprocess
${SOCKADDR}
for _ in range(5):
    mine, held = socket.socket(), socket.socket(); n = os.dup(mine.fileno()); r, w = os.pipe()
    python = subprocess.Popen(allowed(f'os.read({r}, 1); fetch(socket.socket(fileno={held.fileno()}))'), pass_fds=[held.fileno(), r])
    os.close(r); stop = []
    def swap():
        while not stop: libc.dup2(held.fileno(), n); libc.dup2(mine.fileno(), n)
    t = threading.Thread(target=swap); t.start()
    rc = libc.connect(n, ADDR, 16); e = ctypes.get_errno(); stop.append(1); t.join()
    os.close(n); mine.close(); held.close(); os.write(w, b'c')
    print('connect', rc, os.strerror(e) if rc else '', flush=True); python.wait()
sys.exit(1)`,
      ),
    expect: () => refusedOrDenied,
  },
  {
    // python3 and the intruder share a source port P (SO_REUSEADDR + SO_REUSEPORT): python3 connects from P
    // to the gateway's proxy port (not NAT'ed, so no conntrack clash; it sends nothing, so no upstream),
    // the intruder from P to pypi.org, once after python3 and once before it. A record found by sandbox and
    // port alone would be python3's, whichever came last.
    name: "source-port reuse: the intruder connects from the port python3 connects from (python3's record)",
    box: 'id',
    script: () =>
      asIntruder(
        'port',
        `import subprocess, urllib.parse
proxy = urllib.parse.urlsplit(os.environ['HTTP_PROXY'])
BOUND = '''
def bound(port):
    s = socket.socket()
    for o in (socket.SO_REUSEADDR, socket.SO_REUSEPORT): s.setsockopt(socket.SOL_SOCKET, o, 1)
    s.bind(('0.0.0.0', port)); return s
'''
exec(BOUND)
for python_first in (True, False):
    s = bound(0); port = s.getsockname()[1]
    go_r, go_w = os.pipe(); ack_r, ack_w = os.pipe(); done_r, done_w = os.pipe()
    python = subprocess.Popen(allowed(f'''
exec({repr(BOUND)}); p = bound({port}); os.read({go_r}, 1)
p.connect(('{proxy.hostname}', {proxy.port})); os.write({ack_w}, b'c'); os.read({done_r}, 1)
'''), pass_fds=[go_r, ack_w, done_r])
    def python_connects(): os.write(go_w, b'c'); os.read(ack_r, 1)
    if python_first: python_connects()
    try:
        s.connect(('pypi.org', 443))
        if not python_first: python_connects()
        print('port', port, 'python3 first' if python_first else 'python3 second', flush=True); fetch(s)
    except OSError as e:
        print('connect', e, flush=True)
    os.write(done_w, b'c'); python.wait(); s.close()
sys.exit(1)`,
      ),
    expect: () => refusedOrDenied,
  },
  {
    // identd lets a connect to the sandbox's own loopback through unrecorded, judging by the address in the
    // caller's memory. A thread flips that address between 127.0.0.1 and pypi.org while connect() is in
    // flight, so identd may read one and the kernel connect the other; python3 then speaks on the socket.
    name: 'address flip: a thread flips the connect() address between loopback and pypi.org; python3 speaks',
    box: 'id',
    script: () =>
      asIntruder(
        'flip',
        `import subprocess
${SOCKADDR}
LOOP = struct.pack('=H', socket.AF_INET) + struct.pack('>H', 443) + socket.inet_aton('127.0.0.1') + bytes(8)
buf = ctypes.create_string_buffer(ADDR, 16)
for _ in range(10):
    s = socket.socket(); r, w = os.pipe()
    python = subprocess.Popen(allowed(f'os.read({r}, 1); fetch(socket.socket(fileno={s.fileno()}))'), pass_fds=[s.fileno(), r])
    os.close(r); stop = []
    def flip():
        while not stop: ctypes.memmove(buf, LOOP, 16); ctypes.memmove(buf, ADDR, 16)
    t = threading.Thread(target=flip); t.start()
    rc = libc.connect(s.fileno(), buf, 16); e = ctypes.get_errno(); stop.append(1); t.join()
    print('connect', rc, os.strerror(e) if rc else '', flush=True)
    s.close(); os.write(w, b'c'); python.wait()
sys.exit(1)`,
      ),
    expect: () => refusedOrDenied,
  },
  {
    // A TCP socket whose connect failed may connect again. python3 connects a socket it shares with the intruder
    // to a port the fence refuses (127.0.0.11:80; python3's record is kept, the socket held); the intruder then
    // connects the same socket to pypi.org. The same socket, the same port (bound by number, so kept): if the
    // second connect is not recorded as the intruder's (or python3's record wins), the gateway judges it by
    // python3's record.
    name: 'reconnected socket: python3 connects a shared socket (refused), then the intruder connects it again',
    box: 'id',
    script: () =>
      asIntruder(
        'reconnect',
        `import subprocess
for _ in range(5):
    # Bound to a port by number, so the kernel keeps it when the connect fails (a port bind() chose is let go).
    t = socket.socket(); t.bind(('0.0.0.0', 0)); port = t.getsockname()[1]; t.close()
    s = socket.socket(); s.bind(('0.0.0.0', port)); r, w = os.pipe()
    python = subprocess.Popen(allowed(f'''
p = socket.socket(fileno={s.fileno()})
try: p.connect(('127.0.0.11', 80))
except OSError as e: print('python3', e, flush=True)
os.write({w}, b'c')
'''), pass_fds=[s.fileno(), w])
    os.read(r, 1); python.wait()
    try:
        s.connect(('pypi.org', 443)); fetch(s)
    except OSError as e:
        print('connect', e, flush=True)
    s.close(); os.close(r); os.close(w)
sys.exit(1)`,
      ),
    expect: () => intruderDenied('reconnect'),
  },
  {
    // A connect that never reaches the gateway still leaves a record: python3 binds 127.0.0.1:P and connects
    // to a loopback port nothing listens on (refused). The intruder binds the sandbox's own address with the
    // same port (no clash: another address) and asks the proxy for pypi.org at once. A record found by
    // sandbox and port alone is python3's whenever the intruder's own is still in identd's pipe.
    name: "stale record: python3's refused loopback connect from port P, then the intruder's CONNECT from P",
    box: 'id',
    script: () =>
      asIntruder(
        'stale',
        `import subprocess, urllib.parse
proxy = urllib.parse.urlsplit(os.environ['HTTP_PROXY'])
me = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); me.connect((proxy.hostname, proxy.port))
ip = me.getsockname()[0]; me.close()
for _ in range(20):
    ack_r, ack_w = os.pipe(); done_r, done_w = os.pipe()
    python = subprocess.Popen(allowed(f'''
p = socket.socket(); p.bind(('127.0.0.1', 0)); os.write({ack_w}, b'%5d' % p.getsockname()[1])
try: p.connect(('127.0.0.1', 1))
except OSError: pass
os.write({ack_w}, b'.'); os.read({done_r}, 1)
'''), pass_fds=[ack_w, done_r])
    port = int(os.read(ack_r, 5)); os.read(ack_r, 1)
    s = socket.socket()
    try:
        s.bind((ip, port)); s.connect((proxy.hostname, proxy.port)); s.settimeout(4)
        s.sendall(b'CONNECT pypi.org:443 HTTP/1.1\\r\\nHost: pypi.org:443\\r\\n\\r\\n')
        head = s.recv(200)
        if head.startswith(b'HTTP/1.1 200'): fetch(s)
        else: print('denied', head[:40], flush=True)
    except OSError as e:
        print('connect', e, flush=True)
    s.close(); os.write(done_w, b'c'); python.wait()
sys.exit(1)`,
      ),
    expect: () => refusedOrDenied,
  },
  {
    // 9 processes, 32 threads connect and exec at once: each call must come back (connected and reset, or
    // an error), never hang in a notification nobody answers; then one more connect must come back too.
    name: 'storm: 960 connects and 160 execs at once (9 processes, 32 threads) all return',
    box: 'storm',
    script: () => `python3 - <<'EOF'
import os, socket, subprocess, sys, threading, time
EACH = 40
IP = socket.gethostbyname('${NODE_HOST}')  # once: the storm is of connects, not of DNS queries
def connects():
    for _ in range(EACH):
        try: socket.create_connection((IP, 443), timeout=5).close()
        except OSError: pass
def execs():
    for _ in range(EACH // 2): subprocess.run(['true'])
def run(targets):
    ts = [threading.Thread(target=t, daemon=True) for t in targets]
    for t in ts: t.start()
    return ts
start = time.monotonic()
kids = []
for _ in range(8):
    pid = os.fork()
    if pid == 0:
        for t in run([connects, connects, execs]): t.join()
        os._exit(0)
    kids.append(pid)
waits = run([connects] * 8 + [lambda p=p: os.waitpid(p, 0) for p in kids])
for t in waits: t.join(max(0.1, start + 15 - time.monotonic()))
hung = sum(t.is_alive() for t in waits)
print('returned in', round(time.monotonic() - start, 1), 's; hung:', hung, flush=True)
if hung: print('ESCAPED: calls left hanging')
def after():
    try: socket.create_connection((IP, 443), timeout=5).recv(1); print('after: open', flush=True)
    except OSError as e: print('after:', e, flush=True)
last = run([after])[0]; last.join(10)
if last.is_alive(): print('ESCAPED: a connect after the storm hangs')
os._exit(1)
EOF`,
    expect: () => ({
      exitNonZero: true,
      event: { layer: 'connect', action: 'deny', host: NODE_HOST },
      reachedNothing: ['upstream'],
    }),
  },
];
