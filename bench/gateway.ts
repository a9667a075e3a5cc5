// Gateway benchmark: `node --import tsx bench/gateway.ts` (root, Docker; part of `npm run bench`).
// Every client runs inside a real sandbox of one session network; see bench/session.ts for the three paths
// (gateway from a fenced sandbox, direct and Squid from an unfenced one) and BENCHMARKS.md for why.
import { spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  bundleGateway,
  MB,
  median,
  ms,
  printTable,
  quantile,
  type Row,
  ratio,
  rssMb,
  sh,
  spawnDaemon,
  timed,
  withChildEhash,
} from './lib.js';
import { connectLoop, dnsLoop, download, type Timings } from './probes.js';
import { cleanup, openBenchSession } from './session.js';

const SANDBOXES = 32;
const DOWNLOAD = 1024 * MB;
const REPS = Number(process.env.BENCH_REPS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 500);
const QUERIES = 2000;

const dir = await mkdtemp(join(tmpdir(), 'paddock-bench-gw-'));
const bundle = await bundleGateway(dir);

// 1. Ready: the bundled daemon from spawn to its readiness line, beside Node printing one line.
const ready: number[] = [];
const floor: number[] = [];
for (let i = 0; i < 10; i++) {
  const d = await spawnDaemon(bundle, {
    session: 'bench-ready',
    stateDir: join(dir, `r${i}`),
    bridgeIp: '127.0.0.1',
  });
  ready.push(d.readyMs);
  await d.stop();
  const line = () =>
    new Promise((resolve) =>
      spawn(process.execPath, ['-e', "process.stdout.write('ready\\n')"]).stdout.once('data', resolve),
    );
  floor.push(await timed(line));
}

const s = await openBenchSession({ bundle, dir, downloadBytes: DOWNLOAD });
const { box, plain, proxy, servers: v } = s;
const b = s.bridgeIp;
const gwPid = s.gateway.child.pid ?? 0;
const idleRss = await rssMb(gwPid);
let keep = false;
try {
  // 2. Throughput: curl downloads 1 GiB; the four paths interleaved, median of REPS.
  const modes = {
    direct: () => download(plain, `http://${b}:${v.sinkB.port}/`, []),
    connect: () => download(box, `http://sink.test:${v.sinkL.port}/`, ['-p', '-x', `http://${proxy}`]),
    transparent: () => download(box, `http://sink.test:${v.sinkL.port}/`, ['--noproxy', '*']),
    squid: () =>
      download(plain, `http://127.0.0.1:${v.sinkL.port}/`, ['-p', '-x', `http://${b}:${s.squid.port}`]),
  };
  type Mode = keyof typeof modes;
  const speeds: Record<Mode, number[]> = { direct: [], connect: [], transparent: [], squid: [] };
  for (let i = 0; i < REPS; i++)
    for (const [k, f] of Object.entries(modes)) speeds[k as Mode].push((await f()) / MB);
  const tp = (k: Mode) => median(speeds[k]);
  const rssAfterThroughput = await rssMb(gwPid);

  // 3. Latency per connection (connect [+ CONNECT] + 1-byte echo), p50 of CONNECTIONS.
  const lat: Record<Mode, Timings> = {
    direct: await connectLoop(plain, `${b}:${v.echoB.port}`, '-', CONNECTIONS),
    connect: await connectLoop(box, `echo.test:${v.echoL.port}`, proxy, CONNECTIONS),
    transparent: await connectLoop(box, `echo.test:${v.echoL.port}`, '-', CONNECTIONS),
    squid: await connectLoop(plain, `127.0.0.1:${v.echoL.port}`, `${b}:${s.squid.port}`, CONNECTIONS),
  };
  // The same from a sandbox whose netns got a private 4096-bucket TCP hash (set only around its creation).
  const smallHash = await withChildEhash(4096, () => s.fenced('small-hash'));
  const latSmall = {
    connect: await connectLoop(smallHash, `echo.test:${v.echoL.port}`, proxy, CONNECTIONS),
    transparent: await connectLoop(smallHash, `echo.test:${v.echoL.port}`, '-', CONNECTIONS),
  };

  // 4. DNS: the gateway (port 53, DNAT'ed by the fence) beside a minimal responder on the bridge IP.
  const dnsGw = await dnsLoop(box, b, 53, 'sink.test', QUERIES);
  const dnsBase = await dnsLoop(plain, b, v.dnsB.port, 'sink.test', QUERIES);

  // 5. Memory with 32 fenced sandboxes, each having made a connection; fenced create→ready on the way.
  const create: number[] = [];
  const boxes = [box, smallHash];
  for (let i = boxes.length; i < SANDBOXES; i++)
    create.push(await timed(async () => boxes.push(await s.fenced(`m${i}`))));
  const small = `curl -sS --fail -o /dev/null --noproxy '*' http://small.test:${v.smallL.port}/`;
  await Promise.all(boxes.map((x) => sh(x, small)));
  const rss32 = await rssMb(gwPid);
  const hwm = await rssMb(gwPid, 'VmHWM');
  const events = await s.client.events();
  const attributed = events.filter(
    (e) => e.binary === '/usr/bin/curl' || e.binary === '/usr/bin/node',
  ).length;

  const mbs = (k: Mode) => `${tp(k).toFixed(0)} MB/s`;
  const direct = `${ms(lat.direct.p50, 2)} direct`;
  const plus = (p50: number) => `+${ms(p50 - lat.direct.p50, 2)}`;
  const upTo1 = (p50: number) => p50 - lat.direct.p50 <= 1;
  const r = (
    metric: string,
    paddock: string,
    baseline: string,
    x: string,
    target: string,
    met: boolean | null,
  ): Row => ({ metric, paddock, baseline, ratio: x, target, met });
  const rows: Row[] = [
    r(
      'gateway ready (bundled daemon, spawn → ready line), p50 of 10',
      ms(median(ready)),
      `${ms(median(floor))} (node printing a line)`,
      ratio(median(ready), median(floor)),
      '≤ 300 ms',
      median(ready) <= 300,
    ),
    r(
      `CONNECT throughput (curl, 1 GiB, median of ${REPS})`,
      mbs('connect'),
      `${mbs('direct')} direct`,
      ratio(tp('connect'), tp('direct')),
      '≥ 0.90× direct',
      tp('connect') / tp('direct') >= 0.9,
    ),
    r(
      'transparent throughput (same, no proxy)',
      mbs('transparent'),
      `${mbs('direct')} direct`,
      ratio(tp('transparent'), tp('direct')),
      '–',
      null,
    ),
    r(
      'Squid CONNECT throughput (same client)',
      mbs('squid'),
      `${mbs('direct')} direct`,
      ratio(tp('squid'), tp('direct')),
      '(reference)',
      null,
    ),
    r(
      `CONNECT added latency per connection, p50 of ${CONNECTIONS}`,
      plus(lat.connect.p50),
      `${direct}; Squid ${plus(lat.squid.p50)}`,
      ratio(lat.connect.p50, lat.direct.p50),
      '≤ 1 ms',
      upTo1(lat.connect.p50),
    ),
    r(
      'transparent added latency (original destination + attribution)',
      plus(lat.transparent.p50),
      direct,
      ratio(lat.transparent.p50, lat.direct.p50),
      '≤ 1 ms',
      upTo1(lat.transparent.p50),
    ),
    r(
      'CONNECT added latency, sandbox with a private 4096-bucket TCP hash',
      plus(latSmall.connect.p50),
      direct,
      ratio(latSmall.connect.p50, lat.direct.p50),
      '≤ 1 ms',
      upTo1(latSmall.connect.p50),
    ),
    r(
      'transparent added latency, same sandbox',
      plus(latSmall.transparent.p50),
      direct,
      ratio(latSmall.transparent.p50, lat.direct.p50),
      '≤ 1 ms',
      upTo1(latSmall.transparent.p50),
    ),
    r(
      `DNS p50 of ${QUERIES} (allowed name, from the sandbox)`,
      ms(dnsGw.p50, 3),
      `${ms(dnsBase.p50, 3)} minimal responder`,
      ratio(dnsGw.p50, dnsBase.p50),
      '≤ 1 ms',
      dnsGw.p50 <= 1,
    ),
    r(
      `gateway RSS with ${SANDBOXES} fenced sandboxes (peak ${hwm.toFixed(0)} MB)`,
      `${rss32.toFixed(0)} MB`,
      `${idleRss.toFixed(0)} MB idle`,
      ratio(rss32, idleRss),
      '≤ 150 MB',
      rss32 <= 150,
    ),
    r(
      `fenced sandbox create → ready (incl. register + fence), p50 of ${create.length}`,
      ms(median(create)),
      '–',
      '–',
      '≤ 400 ms',
      median(create) <= 400,
    ),
    r('fenced sandbox create → ready, p95', ms(quantile(create, 0.95)), '–', '–', '–', null),
  ];
  printTable(rows);
  const p95 = (k: Mode) => ms(lat[k].p95, 2);
  console.log(
    `\nlatency p95: direct ${p95('direct')}, CONNECT ${p95('connect')}, transparent ${p95('transparent')}, Squid ${p95('squid')}; DNS p95 ${ms(dnsGw.p95, 3)}`,
  );
  console.log(
    `throughput runs (MB/s): ${JSON.stringify(Object.fromEntries(Object.entries(speeds).map(([k, x]) => [k, x.map(Math.round)])))}`,
  );
  console.log(
    `gateway RSS: ${idleRss.toFixed(0)} MB idle, ${rssAfterThroughput.toFixed(0)} MB after the downloads, ${rss32.toFixed(0)} MB with ${SANDBOXES} sandboxes`,
  );
  console.log(`events attributed to curl/node: ${attributed}/${events.length}`);
} catch (error) {
  keep = true;
  throw error;
} finally {
  await s.close();
  await cleanup(dir, keep);
}
process.exit(0);
