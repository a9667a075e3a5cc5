// Flood benchmark: `node --import tsx bench/flood.ts` (root, Docker; part of `npm run bench`).
// One fenced sandbox floods the shared gateway (denied connections, DNS over UDP with fresh names,
// DNS-over-TCP connections held open, queries pipelined without reading); a second sandbox's allowed
// connection latency is measured quiet and under the flood, in the same run, side by side.
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleGateway, ms, printTable, ratio, rssMb, sh } from './lib.js';
import { connectLoop, type Timings } from './probes.js';
import { cleanup, openBenchSession } from './session.js';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 300);
const FLOOD_SECONDS = Number(process.env.BENCH_FLOOD_SECONDS ?? 30);
/** `connect-time`: both sandboxes under `process.identity: connect-time` (issue 17), no /proc walks. */
const IDENTITY = process.env.BENCH_IDENTITY ?? 'procfs';

// argv: seconds. Four floods at once; prints what it managed to send and hold.
const FLOOD = `
const net = require('net'), dgram = require('dgram');
const secs = Number(process.argv[1]), end = Date.now() + secs * 1000;
const stats = { denied: 0, queries: 0, held: 0, pipelined: 0 };
const query = (id, name) => {
  const labels = Buffer.concat(name.split('.').map((l) => Buffer.concat([Buffer.from([l.length]), Buffer.from(l)])));
  return Buffer.concat([Buffer.from([id >> 8, id & 255, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0]), labels, Buffer.from([0, 0, 1, 0, 1])]);
};
// 1. Denied connections, 64 at a time, one after the other.
const lane = () => {
  if (Date.now() > end) return;
  const s = net.connect(80, '192.0.2.1');
  s.on('error', () => {});
  s.on('close', () => { stats.denied++; lane(); });
};
for (let i = 0; i < 64; i++) lane();
// 2. DNS over UDP: fresh names under an allowed wildcard and denied ones, in bursts. At most 256 sends queued
// in the flooder (node queues every send it cannot hand to the kernel: unbounded, it ran out of memory).
const u = dgram.createSocket('udp4');
u.on('error', () => {});
let queued = 0;
const burst = () => {
  if (Date.now() > end) return;
  for (let i = 0; i < 64 && queued < 256; i++) {
    const n = stats.queries++;
    queued++;
    u.send(query(n & 0xffff, (n % 2 ? 'x' : 'y') + n + (n % 2 ? '.wild.test' : '.denied.test')), 53, '203.0.113.53', () => queued--);
  }
  setTimeout(burst, 1);
};
burst();
// 3. DNS-over-TCP connections opened and held.
const hold = () => {
  if (Date.now() > end || stats.held >= 3000) return;
  const s = net.connect(53, '203.0.113.53', () => { stats.held++; hold(); });
  s.on('error', () => setTimeout(hold, 10));
};
for (let i = 0; i < 16; i++) hold();
// 4. Queries pipelined without reading the answers.
for (let c = 0; c < 4; c++) {
  const s = net.connect(53, '203.0.113.53');
  s.on('error', () => {});
  const q = query(1, 'echo.test'); const frame = Buffer.concat([Buffer.from([0, q.length]), q]);
  const block = Buffer.concat(Array(500).fill(frame));
  const push = () => { while (Date.now() < end && s.write(block)) stats.pipelined += 500; if (Date.now() < end) s.once('drain', push); };
  s.on('connect', push);
}
setTimeout(() => { console.log(JSON.stringify(stats)); process.exit(0); }, secs * 1000);
`;

const dir = await mkdtemp(join(tmpdir(), 'paddock-bench-flood-'));
const bundle = await bundleGateway(dir);
const s = await openBenchSession({ bundle, dir, downloadBytes: 1024 });
const gwPid = s.gateway.child.pid ?? 0;
const fds = async () => (await readdir(`/proc/${gwPid}/fd`)).length;
let keep = false;
try {
  const make = IDENTITY === 'connect-time' ? s.connectTime : s.fenced;
  if (!make) throw new Error('BENCH_IDENTITY=connect-time: this build has no process.identity');
  const victim = IDENTITY === 'connect-time' ? await make('victim') : s.box;
  const flooder = await make('flooder');
  const target = `echo.test:${s.servers.echoL.port}`;
  const quiet: Timings = await connectLoop(victim, target, '-', CONNECTIONS);
  const quietRss = await rssMb(gwPid);
  const quietFds = await fds();
  const flood = sh(flooder, ['node', '-e', FLOOD, String(FLOOD_SECONDS)], (FLOOD_SECONDS + 60) * 1000);
  // Let the floods ramp up (held connections, full budgets) before measuring.
  await new Promise((r) => setTimeout(r, 3000));
  const loud: Timings = await connectLoop(victim, target, '-', CONNECTIONS);
  const loudRss = await rssMb(gwPid);
  const loudFds = await fds();
  const sent = JSON.parse((await flood).trim().split('\n').pop() ?? '{}') as Record<string, number>;
  const events = await s.client.events({});
  const over = events.filter((e) => e.sandbox === 'flooder' && /over budget/.test(e.reason));
  const victimDenied = events.filter((e) => e.sandbox === victim.name && e.action === 'deny').length;
  console.log(`attribution of both sandboxes: ${IDENTITY} (BENCH_IDENTITY)`);
  printTable([
    {
      metric: `allowed connection p50, second sandbox (${CONNECTIONS})`,
      paddock: ms(loud.p50, 2),
      baseline: `${ms(quiet.p50, 2)} quiet`,
      ratio: ratio(loud.p50, quiet.p50),
      target: '–',
      met: null,
    },
    {
      metric: 'allowed connection p95, second sandbox, under flood vs quiet',
      paddock: ms(loud.p95, 2),
      baseline: `${ms(quiet.p95, 2)} quiet`,
      ratio: ratio(loud.p95, quiet.p95),
      target: '≤ 2×',
      met: loud.p95 <= 2 * quiet.p95,
    },
    {
      metric: 'second sandbox connections denied during the flood',
      paddock: String(victimDenied),
      baseline: '0',
      ratio: '–',
      target: '0',
      met: victimDenied === 0,
    },
    {
      metric: 'gateway descriptors under flood',
      paddock: String(loudFds),
      baseline: `${quietFds} quiet`,
      ratio: ratio(loudFds, quietFds),
      target: '–',
      met: null,
    },
    {
      metric: 'gateway RSS under flood',
      paddock: `${loudRss.toFixed(0)} MB`,
      baseline: `${quietRss.toFixed(0)} MB quiet`,
      ratio: ratio(loudRss, quietRss),
      target: '≤ 150 MB',
      met: loudRss <= 150,
    },
  ]);
  console.log(`\nflood in ${FLOOD_SECONDS} s: ${JSON.stringify(sent)}`);
  console.log(
    `over-budget events recorded for the flooder: ${over.length} (${[...new Set(over.map((e) => e.reason))].join('; ')})`,
  );
  console.log(`gateway alive after the flood: ${(await s.client.health()).ok}`);
} catch (error) {
  keep = true;
  throw error;
} finally {
  await s.close();
  await cleanup(dir, keep);
}
process.exit(0);
