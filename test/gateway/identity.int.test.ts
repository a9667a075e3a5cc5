// Connect-time identity end to end: init's seccomp listener taken by paddock-identd, records used by the
// gateway's attribution, and what happens when identd dies.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chown, open, readFile } from 'node:fs/promises';
import { PassThrough, Writable } from 'node:stream';
import { after, before, test } from 'node:test';
import type { EgressEvent } from '../../src/common/event.js';
import { SANDBOX_PROXY_PORT } from '../../src/gateway/fence.js';
import { statePaths } from '../../src/gateway/state.js';
import { execInSandbox } from '../../src/sandbox/index.js';
import type { SandboxInfo } from '../../src/sandbox/types.js';
import { type GatewaySession, openGatewaySession, policyOf, pyDns } from './fixture.js';

const HOST = 'api.identity.test';
const policy = (port: number, identity: string) =>
  policyOf(`
version: 1
process: { identity: ${identity} }
network_policies:
  curl-only:
    name: curl-only
    endpoints: [{ host: ${HOST}, port: ${port} }]
    binaries: [{ path: /usr/bin/curl }]
`);

let s: GatewaySession;
let box: SandboxInfo;
before(async () => {
  s = await openGatewaySession([HOST]);
  box = await s.sandbox('ident', policy(s.upstreamPort, 'connect-time'));
});
after(async () => {
  await s?.close();
});

const url = () => `http://${HOST}:${s.upstreamPort}/`;

async function lastEvent(): Promise<EgressEvent> {
  const events = await s.client.events({ sandbox: 'ident' });
  const e = events.filter((x) => x.host === HOST).at(-1);
  assert.ok(e, `an event for ${HOST}`);
  return e;
}

test('curl through the transparent path is attributed at connect time: allowed, identity connect-time', async () => {
  const r = await s.exec(box, `curl -s --noproxy '*' ${url()}`);
  assert.equal(r.out, 'hello from upstream\n');
  const e = await lastEvent();
  assert.deepEqual(
    [e.action, e.binary, e.identity, e.policy],
    ['allow', '/usr/bin/curl', 'connect-time', 'curl-only'],
  );
  assert.deepEqual(
    e.ancestors,
    [],
    'sh -c execs curl in place: its parent is the engine, outside the sandbox',
  );
});

test('curl through the HTTP proxy is attributed at connect time too', async () => {
  const proxy = `http://${s.bridgeIp}:${(await s.client.health()).ports.proxy}`;
  const r = await s.exec(box, `curl -s -x ${proxy} ${url()}`);
  assert.equal(r.out, 'hello from upstream\n');
  const e = await lastEvent();
  assert.deepEqual([e.action, e.binary, e.identity], ['allow', '/usr/bin/curl', 'connect-time']);
});

test('and through the proxy port sandboxes are told of (3128 on the bridge, DNAT to the proxy)', async () => {
  const r = await s.exec(box, `curl -s -x http://${s.bridgeIp}:${SANDBOX_PROXY_PORT} ${url()}`);
  assert.equal(r.out, 'hello from upstream\n');
  const e = await lastEvent();
  assert.deepEqual([e.action, e.binary, e.identity], ['allow', '/usr/bin/curl', 'connect-time']);
});

test('DNS over TCP from a connect-time sandbox is answered (its connection claims its record)', async () => {
  const r = await s.exec(box, pyDns(HOST, s.bridgeIp, 1, true));
  assert.equal(r.out.trim(), 'rcode 0 answers 1');
});

test('python3 to the same endpoint is denied by the binary rule, its exe recorded at connect time', async () => {
  const r = await s.exec(
    box,
    `python3 -c "import urllib.request as u; print(u.urlopen('${url()}', timeout=5).read())" 2>&1 | tail -1`,
  );
  assert.doesNotMatch(r.out, /hello from upstream/);
  const e = await lastEvent();
  assert.equal(e.action, 'deny');
  assert.match(e.binary ?? '', /^\/usr\/bin\/python3/);
  assert.equal(e.identity, 'connect-time');
});

test('a loopback connection in the sandbox ends when its client closes (identd holds no copy of it)', async () => {
  // A test server on 127.0.0.1 reading a request until EOF, as many do: a copy of the client's socket held
  // outside the sandbox would keep its FIN from being sent.
  const script = `python3 - <<'EOF'
import socket, threading, time
srv = socket.socket(); srv.bind(('127.0.0.1', 0)); srv.listen(1)
def client():
    c = socket.create_connection(srv.getsockname()); c.sendall(b'request'); c.close()
threading.Thread(target=client).start()
conn, _ = srv.accept(); conn.settimeout(10); t0 = time.monotonic(); got = b''
try:
    while (chunk := conn.recv(100)): got += chunk
    print('eof', got.decode(), 'after', round(time.monotonic() - t0, 1), 's')
except OSError as e:
    print('no eof:', e)
EOF`;
  const r = await s.exec(box, script);
  assert.match(r.out.trim(), /^eof request after 0\.\d s$/);
});

test('a second socket on a source port whose recorded socket is still held is refused (EADDRINUSE); the same socket connecting again is not', async () => {
  // The gateway finds a record by sandbox and source port: two sockets sharing one (SO_REUSEADDR, SO_REUSEPORT)
  // must not both be recorded at once. The first connects where the fence refuses it (127.0.0.11:80), so its
  // record stays held; the second then asks for the allowed endpoint from the same port.
  const script = `python3 - <<'EOF'
import errno, socket
def bound(port):
    s = socket.socket()
    for o in (socket.SO_REUSEADDR, socket.SO_REUSEPORT): s.setsockopt(socket.SOL_SOCKET, o, 1)
    s.bind(('0.0.0.0', port)); return s
a = bound(0); port = a.getsockname()[1]
print('first', errno.errorcode.get(a.connect_ex(('127.0.0.11', 80)), 'connected'))
b = bound(port)
print('second', errno.errorcode.get(b.connect_ex(('${HOST}', ${s.upstreamPort})), 'connected'))
# Even to loopback (which identd judges by the address in memory, which a thread could change under it).
print('loopback', errno.errorcode.get(bound(port).connect_ex(('127.0.0.1', 9)), 'connected'))
c = socket.socket(); c.setblocking(False)
first = c.connect_ex(('${HOST}', ${s.upstreamPort})); again = c.connect_ex(('${HOST}', ${s.upstreamPort}))
print('again', errno.errorcode.get(first), errno.errorcode.get(again, 'connected'))
EOF`;
  const r = await s.exec(box, script);
  const lines = r.out.trim().split('\n');
  assert.deepEqual(
    lines.slice(0, 3),
    ['first ECONNREFUSED', 'second EADDRINUSE', 'loopback EADDRINUSE'],
    r.out,
  );
  // The second call answers for the first connect (connected, EALREADY, EISCONN, or its reset: python3 is denied).
  assert.match(lines[3] ?? '', /^again EINPROGRESS (?!EADDRINUSE)[A-Za-z]+$/, r.out);
});

test('the rule holds across `sandbox exec`s: a socket of another exec on a held source port is refused (EADDRINUSE)', async () => {
  // Each `sandbox exec` of a connect-time sandbox has a listener of its own in identd. The source ports are the
  // sandbox's, so the held socket of one exec's process must keep another exec's off its port too: on the tree
  // before this test, the second was recorded as well and the gateway then found two sockets held there (its
  // connection denied, "two sockets held on that port").
  const reuse = `import errno, socket, sys
def bound(port):
    s = socket.socket()
    for o in (socket.SO_REUSEADDR, socket.SO_REUSEPORT): s.setsockopt(socket.SOL_SOCKET, o, 1)
    s.bind(('0.0.0.0', port)); return s`;
  const stdin = new PassThrough();
  let said = '';
  let holding!: (port: number) => void;
  const held = new Promise<number>((r) => {
    holding = r;
  });
  const first = execInSandbox(box, {
    command: [
      'python3',
      '-c',
      `${reuse}
a = bound(0)
print('first', errno.errorcode.get(a.connect_ex(('127.0.0.11', 80)), 'connected'), a.getsockname()[1], flush=True)
sys.stdin.readline()`,
    ],
    stdin,
    stdout: new Writable({
      write(chunk, _enc, cb) {
        said += String(chunk);
        const m = /^first ECONNREFUSED (\d+)\n/.exec(said);
        if (m) holding(Number(m[1]));
        cb();
      },
    }),
    timeoutMs: 30_000,
  });
  first.then(() => holding(0)); // ended early: the assertion below says what it printed
  const port = await held;
  assert.notEqual(port, 0, `the first exec: ${said}`);
  const r = await s.exec(box, [
    'python3',
    '-c',
    `${reuse}
print('second', errno.errorcode.get(bound(${port}).connect_ex(('${HOST}', ${s.upstreamPort})), 'connected'))`,
  ]);
  stdin.end('done\n');
  assert.equal((await first).exitCode, 0);
  assert.equal(r.out.trim(), 'second EADDRINUSE');
});

test('a socket connecting again after its connect failed is judged as its new connect, by port number or not', async () => {
  // Bound by number the socket keeps its port when the connect fails; bound by the kernel it loses it (though
  // getsockname still shows it) and the next connect takes another. Either way the second connect is recorded.
  for (const bind of ['port', 'none']) {
    const script = `python3 - <<'EOF'
import socket
s = socket.socket()
if '${bind}' == 'port':
    t = socket.socket(); t.bind(('0.0.0.0', 0)); port = t.getsockname()[1]; t.close(); s.bind(('0.0.0.0', port))
print('first', s.connect_ex(('127.0.0.11', 80)) != 0)
try:
    s.connect(('${HOST}', ${s.upstreamPort})); s.sendall(b'GET / HTTP/1.0\\r\\n\\r\\n'); print('second', s.recv(100))
except OSError as e: print('second', e)
EOF`;
    const r = await s.exec(box, script);
    assert.match(r.out, /^first True\nsecond /, r.out);
    const e = await lastEvent();
    assert.deepEqual(
      [e.action, e.identity, e.reason?.startsWith('unattributed') ?? false],
      ['deny', 'connect-time', false],
      `${bind}: ${JSON.stringify(e)}`,
    );
    assert.match(e.binary ?? '', /^\/usr\/bin\/python3/);
  }
});

test('a process in the sandbox cannot take a seccomp listener of its own (it would pre-empt the gateway’s)', async () => {
  const script = `python3 - <<'EOF'
import ctypes, os
libc = ctypes.CDLL(None, use_errno=True)
libc.prctl(38, 1, 0, 0, 0)
# one instruction: RET ALLOW
prog = (ctypes.c_ubyte * 8)(0x06, 0, 0, 0, 0, 0, 0xff, 0x7f)
class F(ctypes.Structure): _fields_ = [('len', ctypes.c_ushort), ('filter', ctypes.c_void_p)]
f = F(1, ctypes.addressof(prog))
r = libc.syscall(317, 1, 8, ctypes.byref(f))
print('seccomp', r, os.strerror(ctypes.get_errno()))
EOF`;
  const r = await s.exec(box, script);
  assert.equal(r.out.trim(), 'seccomp -1 Operation not permitted');
});

test('identd killed: a connect of a running process fails (the kernel answers ENOSYS), the gateway logs it and goes on', async () => {
  // A command started before the kill says it runs, then waits on a fifo the host writes after the kill.
  const fifo = `/proc/${box.pid}/root/tmp/go`;
  execFileSync('mkfifo', [fifo]);
  await chown(fifo, 1000, 1000);
  let said = '';
  let running!: () => void;
  const started = new Promise<void>((r) => {
    running = r;
  });
  const stdout = new Writable({
    write(chunk, _enc, cb) {
      said += String(chunk);
      if (said.includes('waiting')) running();
      cb();
    },
  });
  const result = execInSandbox(box, {
    command: [
      'python3',
      '-c',
      `import socket
print('waiting', flush=True)
open('/tmp/go').readline()
try:
    socket.create_connection(('${s.bridgeIp}', ${s.hostPort}), timeout=5); print('connected')
except OSError as e:
    print('errno', e.errno)`,
    ],
    stdout,
    timeoutMs: 30_000,
  });
  await started;
  const allowed = (await s.client.events({ sandbox: 'ident' })).filter((e) => e.action === 'allow').length;
  process.kill(await identdPid(), 'SIGKILL');
  const log = statePaths(s.stateDir).log;
  await waitFor(async () => (await readFile(log, 'utf8')).includes('identity: identd exited (SIGKILL)'));
  const writer = await open(fifo, 'r+'); // never blocks, reader or not
  await writer.write('go\n');
  await writer.close();
  assert.equal((await result).exitCode, 0);
  assert.equal(said.trim(), 'waiting\nerrno 38', 'connect() failed with ENOSYS');
  const events = await s.client.events({ sandbox: 'ident' });
  assert.equal(events.filter((e) => e.action === 'allow').length, allowed, 'nothing more was allowed');
  assert.equal((await s.client.health()).ok, true, 'the gateway is still up');
});

test('a sandbox made after that gets a new identd and is attributed at connect time', async () => {
  const other = await s.sandbox('ident2', policy(s.upstreamPort, 'connect-time'));
  const r = await s.exec(other, `curl -s --noproxy '*' ${url()}`);
  assert.equal(r.out, 'hello from upstream\n');
  const events = await s.client.events({ sandbox: 'ident2' });
  assert.equal(events.at(-1)?.identity, 'connect-time');
});

/** paddock-identd's pid: the gateway's child running it. */
async function identdPid(): Promise<number> {
  const gatewayPid = (await s.client.health()).pid;
  const children = (await readFile(`/proc/${gatewayPid}/task/${gatewayPid}/children`, 'utf8'))
    .trim()
    .split(' ');
  for (const c of children) {
    const exe = await readFile(`/proc/${c}/cmdline`, 'utf8').catch(() => '');
    if (exe.includes('paddock-identd')) return Number(c);
  }
  throw new Error(`no paddock-identd among the gateway's children ${children.join(' ')}`);
}

/** Polls a condition on an event the test cannot subscribe to (a log line), up to 10 s. */
async function waitFor(check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met within 10 s');
    await new Promise((r) => setImmediate(r));
  }
}
