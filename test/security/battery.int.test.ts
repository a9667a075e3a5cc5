// The escape battery: every probe runs in a fenced sandbox under the default policy and must be denied,
// logged (right layer, binary, destination) and reach nothing. Prints a table; fails on any escape.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import PQueue from 'p-queue';
import { formatEvent } from '../../src/common/event.js';
import { CONNECT_TIME_PROBES, connectTimeBox } from './connect-time.js';
import { FLOOD_PROBES } from './flood.js';
import { HANDOVER_PROBES } from './handover.js';
import { IDENTITY_PROBES } from './identity.js';
import { LANDLOCK_PROBES, landlockBox } from './landlock.js';
import {
  eventMatches,
  PROBES as NETWORK_PROBES,
  type Probe,
  type ProbeContext,
  type TargetName,
} from './probes.js';
import { RESOURCE_PROBES, type Verdict } from './resource.js';
import { peerListener } from './scripts.js';
import { type BatterySession, NODE_HOST, openBattery } from './session.js';
import { SYSCALL_PROBES } from './syscalls.js';

/** `PADDOCK_BATTERY_ONLY=<regexp>` runs only the probes whose name matches (to debug some rows). */
const ONLY = process.env.PADDOCK_BATTERY_ONLY ? new RegExp(process.env.PADDOCK_BATTERY_ONLY) : null;
const chosen = <T extends { name: string }>(probes: readonly T[]): T[] =>
  probes.filter((p) => !ONLY || ONLY.test(p.name));
const PROBES = chosen<Probe>([
  ...NETWORK_PROBES,
  ...IDENTITY_PROBES,
  ...HANDOVER_PROBES,
  ...CONNECT_TIME_PROBES,
  ...SYSCALL_PROBES,
  ...LANDLOCK_PROBES,
]);

const PEER_PORT = 8080;
const PYPI_GET =
  "import socket; s = socket.create_connection(('pypi.org', 443), timeout=4); " +
  "s.sendall(b'GET / HTTP/1.0\\r\\nHost: pypi.org\\r\\n\\r\\n'); print(s.recv(200))";
const BOXES = ['a', 'b', 'peer', 'bomb', 'disk', 'out', 'flood', 'fs', 'id', 'storm'] as const;

interface Row extends Verdict {
  readonly probe: string;
}

async function peerHits(s: BatterySession): Promise<number> {
  const r = await s.exec(s.boxes.peer!, 'cat /tmp/hits 2>/dev/null | wc -l');
  return Number(r.out.trim());
}

async function counts(s: BatterySession): Promise<Record<TargetName, number>> {
  return {
    upstream: s.upstream.hits,
    host: s.host.hits,
    resolver: s.resolver.queries.length,
    peer: await peerHits(s),
  };
}

async function runProbe(s: BatterySession, probe: Probe, ctx: ProbeContext): Promise<Verdict> {
  const box = s.boxes[probe.box]!;
  const want = probe.expect(ctx);
  const r = await s.exec(box, probe.script(ctx), { timeoutMs: 20_000 });
  const out = r.out.trim().replace(/\s+/g, ' ').slice(0, 160);
  if (/ESCAPED/.test(r.out)) return { escaped: 'the attempt got through', evidence: out };
  if (want.exitNonZero && r.exitCode === 0) return { escaped: 'exited 0', evidence: out };
  if (want.allowedReach && !want.allowedReach.proof.test(r.out))
    return { escaped: `no ${want.allowedReach.proof} (its allowance would hide a hit)`, evidence: out };
  if (!want.event) return { escaped: null, evidence: `exit ${r.exitCode}: ${out}` };
  // Events reach the log right after the decision; give a slow one a moment.
  for (let i = 0; i < 20; i++) {
    const hit = (await s.events(box)).find((e) => eventMatches(e, want.event!));
    if (hit && want.logNever) {
      const log = await readFile(s.gateway.logPath, 'utf8');
      if (want.logNever.test(log))
        return { escaped: `gateway.log matches ${want.logNever}`, evidence: formatEvent(hit) };
    }
    if (hit) return { escaped: null, evidence: formatEvent(hit) };
    await new Promise((res) => setTimeout(res, 100));
  }
  const near = (await s.events(box))
    .filter((e) => e.layer === want.event?.layer && (e.host === want.event.host || e.ip === want.event.ip))
    .map((e) => `${formatEvent(e)} identity:${e.identity}`);
  return {
    escaped: `no ${JSON.stringify(want.event)} event`,
    evidence: `exit ${r.exitCode}: ${out}; events for that destination: ${near.join(' | ') || 'none'}`,
  };
}

function printTable(rows: readonly Row[]): void {
  const width = Math.max(...rows.map((r) => r.probe.length));
  const lines = rows.map(
    (r) =>
      `${r.probe.padEnd(width)}  ${r.escaped ? 'ESCAPE' : 'denied'}  ${r.escaped ? `${r.escaped} — ` : ''}${r.evidence}`,
  );
  console.log(['', `${'probe'.padEnd(width)}  result  evidence`, ...lines, ''].join('\n'));
}

describe('escape battery (default policy, fenced sandboxes)', () => {
  let s: BatterySession;
  let ctx: ProbeContext;
  const rows: Row[] = [];

  before(async () => {
    s = await openBattery(BOXES, { fs: landlockBox, id: connectTimeBox, storm: connectTimeBox });
    const peer = s.boxes.peer!;
    const up = await s.exec(peer, peerListener(PEER_PORT));
    assert.equal(up.exitCode, 0, `peer listener: ${up.out}`);
    ctx = { bridgeIp: s.bridgeIp, hostPort: s.host.port, peerIp: peer.ip, peerPort: PEER_PORT };
  });
  after(async () => {
    await s?.close();
  });

  test('control: the allowed binary reaches the allowed host, so the spoofing probes are not vacuous', async () => {
    const r = await s.exec(
      s.boxes.a!,
      `node -e "require('http').get('http://${NODE_HOST}:443/', r => r.pipe(process.stdout)).on('error', e => console.log(e.message))"`,
    );
    assert.match(r.out, /hello from upstream/);
    assert.deepEqual(s.resolver.queries, [], 'the allowed name came from the host map, not upstream DNS');
    s.upstream.hits = 0;
  });

  test("control: python3 reaches pypi.org from the identity rows' box, so those rows are not vacuous", async () => {
    const r = await s.exec(s.boxes.id!, `python3 -c "${PYPI_GET}"`);
    assert.match(r.out, /hello from upstream/);
    s.upstream.hits = 0;
  });

  test('every probe is denied, logged and reaches nothing', { timeout: 420_000 }, async () => {
    const before = await counts(s);
    assert.deepEqual(Object.values(before), [0, 0, 0, 0], JSON.stringify(before));
    const queue = new PQueue({ concurrency: 4 });
    const network = PROBES.map((probe) =>
      queue.add(async () => ({ probe: probe.name, ...(await runProbe(s, probe, ctx)) })),
    );
    // Resource probes run beside the network ones, one after the other per sandbox.
    const byBox = new Map<string, typeof RESOURCE_PROBES>();
    for (const p of chosen([...RESOURCE_PROBES, ...FLOOD_PROBES]))
      byBox.set(p.box, [...(byBox.get(p.box) ?? []), p]);
    const resources = [...byBox].map(async ([box, probes]) => {
      const out: Row[] = [];
      for (const p of probes) {
        const v = await p
          .run(s, s.boxes[box]!)
          .catch((e: Error) => ({ escaped: `probe failed: ${e.message}`, evidence: '' }));
        out.push({ probe: p.name, ...v });
      }
      return out;
    });
    rows.push(...(await Promise.all(network)), ...(await Promise.all(resources)).flat());
    const reached = await counts(s);
    // What rows' own allowed connections reach (each proved it did) is not an escape.
    for (const probe of PROBES) {
      const allowed = probe.expect(ctx).allowedReach;
      if (allowed) reached[allowed.target] -= allowed.count;
    }
    for (const probe of PROBES) {
      const hit = probe.expect(ctx).reachedNothing.filter((t) => reached[t] > 0);
      if (hit.length === 0) continue;
      const i = rows.findIndex((r) => r.probe === probe.name);
      const row = rows[i]!;
      rows[i] = { ...row, escaped: `${row.escaped ?? ''} reached ${hit.join(', ')}`.trim() };
    }
    printTable(rows);
    const escapes = rows.filter((r) => r.escaped !== null);
    assert.deepEqual(
      escapes.map((r) => `${r.probe}: ${r.escaped}`),
      [],
      `${escapes.length} of ${rows.length} probes escaped`,
    );
    assert.deepEqual(reached, { upstream: 0, host: 0, resolver: 0, peer: 0 });
  });

  test('after the battery the fence is intact: the default route is still via the bridge', async () => {
    const r = await s.exec(s.boxes.a!, 'ip route show default');
    assert.match(r.out, new RegExp(`^default via ${s.bridgeIp.replaceAll('.', '\\.')} `));
  });
});
