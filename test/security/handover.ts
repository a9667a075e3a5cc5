// Connect-time identity rows (issue 17): a process no rule allows makes the connection, and an allowed binary
// (python3, which the default policy lets reach pypi.org) is all the gateway can see of it when it looks
// afterwards. The attacker is python3 copied to /sandbox ("intruder"): its exe matches no rule. Each row
// must be denied naming the intruder. Ordering inside the sandbox is set with pipes, never sleeps; the gateway
// looks on its own clock, so the hand-over rows try a few times and escape if any one got through.
import type { Expect, Probe } from './probes.js';

/** Python, shared by the intruder and the allowed python3 it hands sockets to: speak on a socket (fetch), or connect and speak (dial). */
export const FETCH = `
import os, socket, sys, threading
GET = b'GET / HTTP/1.0\\r\\nHost: pypi.org\\r\\n\\r\\n'
def fetch(s):
    try:
        s.settimeout(4); s.sendall(GET)
        print('ESCAPED' if b'hello from upstream' in s.recv(200) else 'no answer', flush=True)
    except OSError as e:
        print('denied', e, flush=True)
def dial():
    try:
        fetch(socket.create_connection(('pypi.org', 443), timeout=4))
    except OSError as e:
        print('denied', e, flush=True)
`;

/** Tries per hand-over row: one escape is enough on main, where the gateway looks after the hand-over. */
export const TRIES = 5;

/**
 * Run `body` (Python, after FETCH) as the intruder. `allowed(code)` is argv running code as python3;
 * `handoff(connect)` runs connect(s) here on a socket a python3 child inherited, closes it here, and lets
 * python3 speak on it (TRIES times).
 */
export const asIntruder = (tag: string, body: string): string =>
  `cp /usr/bin/python3 /sandbox/intruder-${tag} && /sandbox/intruder-${tag} - <<'EOF'
FETCH = r'''${FETCH}'''
exec(FETCH)
def allowed(code): return ['/usr/bin/python3', '-c', FETCH + code]
def handoff(connect):
    # python3 inherits s before connect(s) runs here; this copy is closed at once and python3 speaks on it.
    import subprocess
    for _ in range(${TRIES}):
        s = socket.socket(); r, w = os.pipe()
        python = subprocess.Popen(allowed(f'os.read({r}, 1); fetch(socket.socket(fileno={s.fileno()}))'), pass_fds=[s.fileno(), r])
        os.close(r)
        try: connect(s)
        except OSError as e: print('connect', e, flush=True)
        s.close(); os.write(w, b'c'); python.wait()
${body}
EOF`;

/**
 * A denial of the intruder's connection to pypi.org naming it; `record`: judged from the record made at
 * connect() (the rows /proc cannot pass), else by whatever the sandbox has (the rows /proc already passes).
 */
export const intruderDenied = (tag: string, record = true): Expect => ({
  exitNonZero: true,
  event: {
    layer: 'connect',
    action: 'deny',
    host: 'pypi.org',
    binary: `/sandbox/intruder-${tag}`,
    ...(record ? { identity: /^(connect-time|tainted)$/ } : {}),
  },
  reachedNothing: ['upstream'],
});

export const HANDOVER_PROBES: readonly Probe[] = [
  {
    // The child connects only once its parent is python3 (a pipe says so): a walk of the ancestors then
    // finds python3, though the child was forked by the intruder.
    name: 'parent exec after fork: the intruder forks a child that connects once the parent is python3',
    box: 'id',
    script: () =>
      asIntruder(
        'fork',
        `r, w = os.pipe(); done_r, done_w = os.pipe()
pid = os.fork()
if pid == 0:
    os.close(w); os.close(done_r)
    os.read(r, 1)  # the parent is python3 now
    dial()
    os._exit(1)
os.close(r); os.close(done_w); os.set_inheritable(w, True); os.set_inheritable(done_r, True)
os.execv('/usr/bin/python3', allowed(f'os.write({w}, b"x"); os.read({done_r}, 1); os.waitpid({pid}, 0); sys.exit(1)'))`,
      ),
    expect: () => intruderDenied('fork'),
  },
  {
    // The socket goes to python3 over a unix socket (SCM_RIGHTS), then the intruder closes its copy once
    // python3 holds it. Odd tries: connect() (non-blocking, in progress) before the hand-over, as the issue
    // puts it; even tries: after it (python3 already holds the socket, so the intruder's copy goes at once).
    name: 'SCM_RIGHTS hand-over: the intruder connects, passes the socket to python3 and closes its copy',
    box: 'id',
    script: () =>
      asIntruder(
        'scm',
        `import subprocess
mine, theirs = socket.socketpair()
python = subprocess.Popen(allowed(f'''
u = socket.socket(fileno={theirs.fileno()})
for _ in range(${TRIES * 2}):
    _, fds, _, _ = socket.recv_fds(u, 1, 1)
    s = socket.socket(fileno=fds[0])
    u.send(b'k'); u.recv(1)  # held here; wait until the intruder closed its copy
    fetch(s); s.close()
'''), pass_fds=[theirs.fileno()])
theirs.close()
for i in range(${TRIES * 2}):
    s = socket.socket(); s.setblocking(False)
    connect = lambda: print('connect', os.strerror(s.connect_ex(('pypi.org', 443))), flush=True)
    if i % 2 == 0: connect()
    socket.send_fds(mine, [b'f'], [s.fileno()]); mine.recv(1)
    if i % 2 == 1: connect()
    s.close(); mine.send(b'c')
python.wait(); sys.exit(1)`,
      ),
    expect: () => intruderDenied('scm'),
  },
  {
    // python3 inherits the socket before the connect (so it holds it all along); the intruder connects and
    // closes its copy at once.
    name: 'inherited socket: the intruder connects a socket its python3 child holds, then closes its copy',
    box: 'id',
    script: () =>
      asIntruder(
        'inherit',
        `handoff(lambda s: s.connect(('pypi.org', 443)))
sys.exit(1)`,
      ),
    expect: () => intruderDenied('inherit'),
  },
  {
    // identd lets a connect go on once it has the caller's exe and socket, and reads its memory facts after:
    // a caller that exits as soon as connect() returns (here a forked intruder whose python3 sibling holds the
    // socket) must still be named, and judged on what identd could not read as tainted, never as python3.
    name: 'caller gone: a child of the intruder connects and exits at once; python3, which holds the socket, speaks',
    box: 'id',
    script: () =>
      asIntruder(
        'gone',
        `def connect_and_exit(s):
    pid = os.fork()
    if pid == 0:
        try: s.connect(('pypi.org', 443))
        finally: os._exit(0)
    os.waitpid(pid, 0)
handoff(connect_and_exit)
sys.exit(1)`,
      ),
    expect: () => intruderDenied('gone'),
  },
  {
    // execve(python3) is seen at its entry but fails (an argument past MAX_ARG_STRLEN: E2BIG), so the intruder
    // stays the intruder: judged as what it is, not as what it asked to become; a child forked after it too.
    name: 'failed exec: the intruder asks to exec python3 (E2BIG), then it and a child it forks connect',
    box: 'id',
    script: () =>
      asIntruder(
        'e2big',
        `try:
    os.execv('/usr/bin/python3', ['python3', 'x' * 200000])
except OSError as e:
    print('exec', e.strerror, flush=True)
dial()
pid = os.fork()
if pid == 0:
    dial(); os._exit(1)
os.waitpid(pid, 0); sys.exit(1)`,
      ),
    expect: () => intruderDenied('e2big', false),
  },
  {
    // A thread flips the path execve() reads between python3 and the intruder while the exec is under way:
    // whatever the kernel ran is what the process is. Where it ran the intruder, a child forked after the exec
    // connects; its parent must not count as python3 because python3 was the path seen at some moment.
    name: 'exec path swap: a thread flips the execve path (python3 / intruder); a child of what ran connects',
    box: 'id',
    script: () =>
      asIntruder(
        'swappath',
        `import ctypes
libc = ctypes.CDLL(None, use_errno=True)
me = os.readlink('/proc/self/exe')
CODE = FETCH + f'''
if os.readlink('/proc/self/exe') == {me!r}:
    print('ran the intruder', flush=True); pid = os.fork()
    if pid == 0:
        dial(); os._exit(1)
    os.waitpid(pid, 0); os._exit(7)
'''
A, B = b'/usr/bin/python3\\0', me.encode() + b'\\0'
path = ctypes.create_string_buffer(64)
argv = (ctypes.c_char_p * 4)(b'python3', b'-c', CODE.encode(), None)
# Until the race has run the intruder once (exit 7): a run where the exec always ran python3 tried nothing.
for _ in range(200):
    pid = os.fork()
    if pid == 0:
        def flip():
            while True: ctypes.memmove(path, A, len(A)); ctypes.memmove(path, B, len(B))
        threading.Thread(target=flip, daemon=True).start()
        while path.raw[0] == 0: pass  # the flipper runs before the exec (else the path is empty: ENOENT)
        libc.execv(path, argv); os._exit(3)
    if os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) == 7: break
sys.exit(1)`,
      ),
    expect: () => intruderDenied('swappath', false),
  },
  {
    // A thread connects; the main thread execs python3 as soon as it has (the socket survives the exec).
    name: 'thread and exec: a thread of the intruder connects while the process execs python3',
    box: 'id',
    script: () =>
      `for i in $(seq ${TRIES}); do ${asIntruder(
        'thread',
        `r, w = os.pipe(); fd = []
def connect():
    s = socket.socket(); s.set_inheritable(True); s.connect(('pypi.org', 443)); fd.append(s.detach()); os.write(w, b'c')
threading.Thread(target=connect).start()
os.read(r, 1)
os.execv('/usr/bin/python3', allowed(f'fetch(socket.socket(fileno={fd[0]}))'))`,
      )}
done; exit 1`,
    expect: () => intruderDenied('thread'),
  },
];
