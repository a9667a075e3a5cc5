// Flood probes: one sandbox tries to make the shared gateway fall over (names, descriptors, memory).
// Each passes only when the gateway denied over budget, said so once, and still answers everyone.
import { readdir, readFile } from 'node:fs/promises';
import { cpuCgroup, DEMOTE_RATIO, DEMOTED_CPUS } from '../../src/gateway/demotion.js';
import type { SandboxInfo } from '../../src/sandbox/index.js';
import type { ResourceProbe, Verdict } from './resource.js';
import type { BatterySession } from './session.js';

/** python3: a DNS query packet for `name` (type A) as bytes; `query(i, name)` in the scripts below. */
const PY_QUERY = `import socket, struct, sys, time, os
def query(i, name, qtype=1):
    return struct.pack('>HHHHHH', i & 0xffff, 0x0100, 1, 0, 0, 0) + b''.join(bytes([len(p)]) + p.encode() for p in name.split('.')) + b'\\0' + struct.pack('>HH', qtype, 1)`;

/** The gateway still decides for another sandbox: an allowed name gets its answer over UDP. */
async function othersAnswered(s: BatterySession, except: SandboxInfo): Promise<string | null> {
  const other = Object.values(s.boxes).find((b) => b.name !== except.name);
  if (!other) return 'no other sandbox';
  const r = await s.exec(
    other,
    `python3 - <<'EOF'
${PY_QUERY}
u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u.settimeout(3)
u.sendto(query(7, 'api.anthropic.com'), ('203.0.113.53', 53)); r = u.recv(512)
print('rcode', r[3] & 15, 'answers', struct.unpack('>H', r[6:8])[0])
EOF`,
    { timeoutMs: 10_000 },
  );
  if (!/rcode 0 answers 1/.test(r.out)) return `another sandbox got no answer: ${r.out.trim()}`;
  return (await s.client.health().then(() => null)) ?? null;
}

async function overBudgetEvent(
  s: BatterySession,
  box: SandboxInfo,
  kind: RegExp,
  layer?: string,
): Promise<string | null> {
  for (let i = 0; i < 20; i++) {
    const hit = (await s.events(box)).filter(
      (e) => e.action === 'deny' && kind.test(e.reason) && (layer === undefined || e.layer === layer),
    );
    if (hit.length > 0) return `${hit.length} event(s): ${hit[0]?.reason}`;
    await new Promise((r) => setTimeout(r, 100));
  }
  return null;
}

async function gatewayFds(s: BatterySession): Promise<number> {
  return (await readdir(`/proc/${s.gateway.pid}/fd`)).length;
}

async function gatewayRssMb(s: BatterySession): Promise<number> {
  const status = await readFile(`/proc/${s.gateway.pid}/status`, 'utf8');
  return Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0) / 1024;
}

async function verdict(
  s: BatterySession,
  box: SandboxInfo,
  evidence: string,
  event: string | null,
  extra: string | null = null,
): Promise<Verdict> {
  const alive = await othersAnswered(s, box).catch((e: Error) => `the gateway does not answer: ${e.message}`);
  if (alive) return { escaped: alive, evidence };
  if (!event) return { escaped: 'no over-budget denial was logged', evidence };
  return { escaped: extra, evidence: `${evidence}; ${event}` };
}

export const FLOOD_PROBES: readonly ResourceProbe[] = [
  {
    name: 'DNS names exhausted through an allowed wildcard, then one query over TCP',
    box: 'flood',
    async run(s, box) {
      const r = await s.exec(
        box,
        `python3 - <<'EOF'
${PY_QUERY}
u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u.settimeout(2)
codes = {}
start = time.monotonic()
for i in range(8300):
    # Paced under the sandbox's query rate (1,000 a second), so it is the names budget that runs out.
    ahead = start + i / 900 - time.monotonic()
    if ahead > 0: time.sleep(ahead)
    u.sendto(query(i, 'n%d.cursor.sh' % i), ('203.0.113.53', 53))
    try: rc = u.recv(512)[3] & 15
    except OSError: rc = 'none'
    codes[rc] = codes.get(rc, 0) + 1
t = socket.create_connection(('203.0.113.53', 53), timeout=3)
q = query(1, 'last.cursor.sh'); t.sendall(struct.pack('>H', len(q)) + q)
r = t.recv(512)
print('udp', codes, 'tcp rcode', r[5] & 15 if len(r) > 5 else 'none')
EOF`,
        { timeoutMs: 120_000 },
      );
      const event = await overBudgetEvent(s, box, /over budget: \d+ DNS names/);
      const tcp = /tcp rcode 5/.test(r.out) ? null : 'the query over TCP was not refused';
      return verdict(s, box, r.out.trim(), event, tcp);
    },
  },
  {
    name: 'a DNS flood over UDP far above 1,000 queries a second (fresh names, answers never read)',
    box: 'flood',
    async run(s, box) {
      // The flood runs while another sandbox asks: one shared socket would drop its query in the kernel.
      const flood = s.exec(
        box,
        `python3 - <<'EOF'
${PY_QUERY}
u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
t0 = time.monotonic(); n = 0; dropped = 0
while not os.path.exists('/tmp/flood.stop') and time.monotonic() - t0 < 30:
    try:
        u.sendto(query(n, 'f%d.cursor.sh' % n), ('203.0.113.53', 53))
    except PermissionError:
        dropped += 1  # past 2,000 a second the fence drops the datagram: sendto says EPERM
    n += 1
    if n == 20000: open('/tmp/flood.on', 'w').close()
print('sent', n, 'in %.1f s,' % (time.monotonic() - t0), dropped, 'dropped by the fence')
EOF`,
        { timeoutMs: 60_000 },
      );
      // Ask from another sandbox once the flood is at full speed, then stop it.
      await s.exec(box, 'for i in $(seq 1 100); do [ -e /tmp/flood.on ] && exit 0; sleep 0.1; done; exit 1');
      const during: string[] = [];
      for (let i = 0; i < 3; i++) {
        const why = await othersAnswered(s, box);
        if (why) during.push(why);
      }
      await s.exec(box, 'touch /tmp/flood.stop');
      const r = await flood;
      const event = await overBudgetEvent(s, box, /over budget: \d+ DNS queries a second/);
      const starved = during.length > 0 ? `during the flood: ${during[0]}` : null;
      return verdict(s, box, r.out.trim(), event, starved);
    },
  },
  {
    name: 'thousands of DNS-over-TCP connections held open',
    box: 'flood',
    async run(s, box) {
      const before = await gatewayFds(s);
      // Two processes (the sandbox's RLIMIT_NOFILE is per process) open what they can and hold it.
      const start = await s.exec(
        box,
        `cat > /tmp/hold.py <<'EOF'
${PY_QUERY}
held = []
for i in range(3500):
    try: held.append(socket.create_connection(('203.0.113.53', 53), timeout=1))
    except OSError: pass
open('/tmp/held.%d' % os.getpid(), 'w').write(str(len(held)))
time.sleep(20)
EOF
for n in 1 2; do setsid python3 /tmp/hold.py >/dev/null 2>&1 </dev/null & done
for i in $(seq 1 300); do [ $(ls /tmp/held.* 2>/dev/null | wc -l) -ge 2 ] && break; sleep 0.1; done
cat /tmp/held.*`,
        { timeoutMs: 60_000 },
      );
      const during = await gatewayFds(s);
      const event = await overBudgetEvent(s, box, /over budget: \d+ open connections/);
      const result = await verdict(
        s,
        box,
        `held ${start.out.trim()}; gateway fds ${before} → ${during}`,
        event,
      );
      await s.exec(box, 'pkill -f /tmp/hold.py; true');
      if (result.escaped) return result;
      return {
        ...result,
        escaped: during - before > 1200 ? 'the gateway held a descriptor per connection' : null,
      };
    },
  },
  {
    // The explicit proxy read a connection's first bytes (30 s) before admission took its slot: silent
    // connections held none, so a sandbox could hold thousands, each a gateway descriptor (7 Dec 2026).
    name: 'thousands of silent connections to the explicit proxy held open',
    box: 'flood',
    async run(s, box) {
      // The DNS-over-TCP row's connections (the same box's slots) are closed first: its holders are ended (by
      // /proc: the image may have no pkill) and the gateway's descriptors left to settle.
      await s.exec(
        box,
        `for p in /proc/[0-9]*; do grep -qs /tmp/hold.py $p/cmdline && kill \${p#/proc/}; done; true`,
      );
      let before = await gatewayFds(s);
      for (let i = 0; i < 75 && before > 300; i++) {
        await new Promise((r) => setTimeout(r, 200));
        before = await gatewayFds(s);
      }
      const start = await s.exec(
        box,
        `cat > /tmp/hold-proxy.py <<'EOF'
import os, socket, time, urllib.parse
proxy = urllib.parse.urlsplit(os.environ['HTTP_PROXY'])
held = []
for i in range(3500):
    try: held.append(socket.create_connection((proxy.hostname, proxy.port), timeout=1))
    except OSError: pass
open('/tmp/held-proxy.%d' % os.getpid(), 'w').write(str(len(held)))
time.sleep(20)
EOF
for n in 1 2; do setsid python3 /tmp/hold-proxy.py >/dev/null 2>&1 </dev/null & done
for i in $(seq 1 300); do [ $(ls /tmp/held-proxy.* 2>/dev/null | wc -l) -ge 2 ] && break; sleep 0.1; done
cat /tmp/held-proxy.*`,
        { timeoutMs: 60_000 },
      );
      const during = await gatewayFds(s);
      // layer connect: the DNS-over-TCP row's over-budget events (layer dns) are not this row's.
      const event = await overBudgetEvent(s, box, /over budget: \d+ open connections/, 'connect');
      const result = await verdict(
        s,
        box,
        `held ${start.out.trim()}; gateway fds ${before} → ${during}`,
        event,
      );
      await s.exec(box, 'pkill -f /tmp/hold-proxy.py; true');
      if (result.escaped) return result;
      return {
        ...result,
        escaped: during - before > 1200 ? 'the gateway held a descriptor per connection' : null,
      };
    },
  },
  {
    name: 'DNS queries pipelined over TCP without reading the answers',
    box: 'flood',
    async run(s, box) {
      const before = await gatewayRssMb(s);
      const r = await s.exec(
        box,
        `python3 - <<'EOF'
${PY_QUERY}
t = socket.create_connection(('203.0.113.53', 53), timeout=5)
t.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
q = query(1, 'api.anthropic.com'); frame = struct.pack('>H', len(q)) + q
block = frame * 2000
sent = 0
try:
    for _ in range(300):
        t.sendall(block); sent += 2000
except OSError as e:
    print('stalled', e)
print('sent', sent)
EOF`,
        { timeoutMs: 60_000 },
      );
      const after = await gatewayRssMb(s);
      const evidence = `${r.out.trim().replace(/\s+/g, ' ')}; gateway RSS ${before.toFixed(0)} → ${after.toFixed(0)} MB`;
      const alive = await othersAnswered(s, box).catch(
        (e: Error) => `the gateway does not answer: ${e.message}`,
      );
      if (alive) return { escaped: alive, evidence };
      if (after - before > 48) return { escaped: 'the gateway buffered the queries', evidence };
      return { escaped: null, evidence };
    },
  },
  {
    name: 'a flood of denied connections keeps its CPU share, or raises it back from inside',
    box: 'flood',
    async run(s, box) {
      const cg = cpuCgroup(
        await readFile(`/proc/${box.pid}/cgroup`, 'utf8'),
        await readFile('/proc/self/mountinfo', 'utf8'),
      );
      if (!cg) return { escaped: 'no cpu cgroup found for the sandbox on this host', evidence: '' };
      const files =
        cg.version === 1
          ? ['cpu.shares', 'cpu.cfs_quota_us', 'cpu.cfs_period_us']
          : ['cpu.weight', 'cpu.max'];
      const share = async () =>
        Promise.all(files.map(async (f) => (await readFile(`${cg.dir}/${f}`, 'utf8')).trim()));
      const before = await share();
      // Over 100 denied connections a second, then every way to write the share back from inside.
      const r = await s.exec(
        box,
        `python3 - <<'EOF'
import socket, time
t0 = time.monotonic(); n = 0
while time.monotonic() - t0 < 2:
    c = socket.socket(); c.settimeout(1)
    try: c.connect(('192.0.2.1', 80))
    except OSError: pass
    c.close(); n += 1
print('denied', n)
EOF
for d in /sys/fs/cgroup /sys/fs/cgroup/cpu /sys/fs/cgroup/cpu,cpuacct; do
  for f in cpu.weight cpu.max cpu.shares cpu.cfs_quota_us; do
    [ -e "$d/$f" ] || continue
    if echo max > "$d/$f" 2>/dev/null || echo -1 > "$d/$f" 2>/dev/null; then echo "wrote $d/$f"; else echo "refused $d/$f"; fi
  done
done; true`,
        { timeoutMs: 30_000 },
      );
      const during = await share();
      const shown = (v: string[]) => v.map((x, i) => `${files[i]} ${x}`).join(', ');
      const evidence = `${r.out.trim().replace(/\s+/g, ' ')}; ${shown(before)} → ${shown(during)} (${cg.dir})`;
      if (/wrote /.test(r.out)) return { escaped: 'the sandbox wrote its own CPU share', evidence };
      // Any over-budget denial counts (rows before this one in the box may hold its connection budget), and the
      // share is judged against the kernel's default weight, since an earlier row may have demoted it already.
      const event = await overBudgetEvent(s, box, /over budget/);
      const [weight = '', quota = '', period = ''] =
        cg.version === 1 ? during : [during[0], ...(during[1] ?? '').split(' ')];
      const lowered =
        Number(weight) <= (cg.version === 1 ? 1024 : 100) / DEMOTE_RATIO &&
        Number(quota) <= Number(period) * DEMOTED_CPUS;
      return verdict(s, box, evidence, event, lowered ? null : 'the flooding sandbox kept its CPU share');
    },
  },
];
