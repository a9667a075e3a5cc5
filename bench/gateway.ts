// Gateway benchmark: `node --import tsx bench/gateway.ts` (root, Docker; part of `npm run bench`).
// Every client runs inside a real sandbox of one session network; see bench/session.ts for the three paths
// (gateway from a fenced sandbox, direct and Squid from an unfenced one) and BENCHMARKS.md for why.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { withAndWithout } from './fds.js';
import {
  cpuLines,
  cpuWatch,
  interleaved,
  latencyPaths,
  type Measured,
  type Path,
  paired,
} from './latency.js';
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
import { dnsLoop, download } from './probes.js';
import { cleanup, openBenchSession } from './session.js';

const SANDBOXES = 32;
const DOWNLOAD = 1024 * MB;
const REPS = Number(process.env.BENCH_REPS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 500);
/**
 * Latency rounds: every path runs CONNECTIONS / ROUNDS connections per round, the paths interleaved. Many
 * short rounds, so the per-round differences against Squid (paired) see the same load on both paths.
 */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 20);
/** Descriptors held in the sandbox for the descriptor scenario (issue 17), and its rounds. */
const FDS = Number(process.env.BENCH_FDS ?? 100_000);
/**
 * The descriptor sandbox's RLIMIT_NOFILE (its `limits.openFiles`): holders keep 1,000 under it each. A
 * container cannot get more than its engine's own hard limit (20,000 for this machine's engines), so
 * several processes hold the FDS.
 */
const FD_LIMIT = Number(process.env.BENCH_FD_LIMIT ?? 16_384);
const FD_ROUNDS = Number(process.env.BENCH_FD_ROUNDS ?? 3);
/** `BENCH_QUICK=1`: latency and descriptors only (no readiness, downloads, DNS or 32-sandbox memory step). */
const QUICK = process.env.BENCH_QUICK === '1' || process.env.BENCH_LATENCY === '1';
/**
 * `BENCH_LATENCY=1`: issue 17's latency rows only (direct, Squid and the connect-time paths; no procfs paths,
 * private-hash sandbox, descriptors or DNS), for A/B runs of the connection path.
 */
const LATENCY_ONLY = process.env.BENCH_LATENCY === '1';
/**
 * `BENCH_AGAINST=<checkout>` (with BENCH_LATENCY=1): an A/B in one run. That checkout's gateway and identd
 * (bundled from its sources, its own dist/native) serve a second session, and its connect-time paths join
 * every round beside this tree's, so the two are compared paired per round under the same load (runs of one
 * tree after the other on a shared 2-core machine drift by more than the changes being judged).
 */
const AGAINST = LATENCY_ONLY ? (process.env.BENCH_AGAINST ?? '') : '';
const QUERIES = 2000;

type RowOf = (
  metric: string,
  paddock: string,
  baseline: string,
  x: string,
  target: string,
  met: boolean | null,
) => Row;

const r: RowOf = (metric, paddock, baseline, x, target, met) => ({
  metric,
  paddock,
  baseline,
  ratio: x,
  target,
  met,
});

/** Each path's p50 per round and its p95. */
function latencyDetail(lat: Readonly<Record<string, Measured>>): string {
  const rounds = Object.entries(lat).map(([k, m]) => `${k} ${m.rounds.map((x) => x.toFixed(2)).join('/')}`);
  const p95 = Object.entries(lat).map(([k, m]) => `${k} ${ms(m.p95, 2)}`);
  const steps = Object.entries(lat).map(
    ([k, m]) =>
      `${k} ${ms(m.connected, 3)}${Number.isNaN(m.answered) ? '' : ` / 200 ${ms(m.answered, 3)}`} / echo ${ms(m.p50, 3)}`,
  );
  return `\nlatency p50 per round (ms): ${rounds.join('; ')}\nlatency p95: ${p95.join(', ')}\nclient side, connected / 200 in / echo (median of rounds' p50): ${steps.join('; ')}`;
}

/**
 * Added latency over direct, beside Squid's; the target is issue 17's: at most Squid's + 0.3 ms, judged on the
 * paired difference (median over rounds of this path's p50 minus Squid's in the same round).
 */
function latencyRows(lat: Readonly<Record<string, Measured>>, r: RowOf): Row[] {
  const base = lat.direct?.p50 ?? Number.NaN;
  const squid = (lat.squid?.p50 ?? Number.NaN) - base;
  const names: Record<string, string> = {
    connect: 'CONNECT added latency per connection (procfs attribution)',
    transparent: 'transparent added latency (original destination + procfs attribution)',
    ctConnect: 'CONNECT added latency, connect-time identity',
    ctTransparent: 'transparent added latency, connect-time identity',
  };
  return Object.entries(names)
    .filter(([k]) => lat[k])
    .map(([k, metric]) => {
      const m = lat[k];
      const added = (m?.p50 ?? Number.NaN) - base;
      const failed = m ? failedNote(m) : '';
      const over = m && lat.squid ? paired(m, lat.squid) : Number.NaN;
      return r(
        `${metric}, median of ${ROUNDS} rounds' p50`,
        `+${ms(added, 2)}${failed}`,
        `${ms(base, 2)} direct; Squid +${ms(squid, 2)}`,
        `${(over >= 0 ? '+' : '') + ms(over, 2)} vs Squid (paired)`,
        '≤ Squid + 0.3 ms, none failed',
        over <= 0.3 && failed === '',
      );
    });
}

/** BENCH_AGAINST: this tree's connect-time paths against the other checkout's, paired per round. */
function againstRows(lat: Readonly<Record<string, Measured>>, r: RowOf): Row[] {
  const pairs = [
    ['CONNECT', lat.ctConnect, lat.againstConnect],
    ['transparent', lat.ctTransparent, lat.againstTransparent],
  ] as const;
  return pairs.flatMap(([name, a, b]) => {
    if (!a || !b) return [];
    const d = paired(a, b);
    return [
      r(
        `${name}, connect-time: this tree against ${AGAINST} (median of ${ROUNDS} rounds' paired p50 difference)`,
        ms(a.p50, 2),
        ms(b.p50, 2),
        `${(d >= 0 ? '+' : '') + ms(d, 3)}`,
        'informational (an A/B)',
        null,
      ),
    ];
  });
}

/** `; N/M failed (error)` when some connections of a path failed (denied), else empty. */
const failedNote = (m: Measured): string =>
  m.failed > 0 ? `; ${m.failed}/${m.failed + m.ok} failed (${m.error})` : '';

/** One sandbox's connections without and with FDS descriptors held: the cost must not grow with them. */
function fdRows(
  name: string,
  run: { without: Record<string, Measured>; held: Record<string, Measured> },
  r: RowOf,
): Row[] {
  return Object.keys(run.held).map((k) => {
    const [was, now] = [run.without[k], run.held[k]];
    if (!was || !now) throw new Error(`no ${k} runs`);
    const outcome = (m: Measured) =>
      m.failed === 0
        ? `${ms(m.p50, 2)}`
        : `${m.failed}/${m.failed + m.ok} failed in ${ms(m.failedP50, 2)} (${m.error})`;
    return r(
      `${k}, ${name} attribution, processes holding ${FDS.toLocaleString('en')} fds (p50, ${FD_ROUNDS} rounds)`,
      outcome(now),
      `${outcome(was)} without`,
      now.failed === 0 && was.failed === 0 ? ratio(now.p50, was.p50) : '–',
      '≤ without + 0.3 ms, none denied',
      now.failed === 0 && was.failed === 0 && now.p50 <= was.p50 + 0.3,
    );
  });
}

/** The gateway's paddock-identd (started with the first connect-time sandbox), or 0. */
function identdPid(gateway: number): number {
  const children = readdirSync(`/proc/${gateway}/task`).flatMap((t) =>
    readFileSync(`/proc/${gateway}/task/${t}/children`, 'utf8').split(' ').filter(Boolean).map(Number),
  );
  const comm = (pid: number) => readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  return children.find((pid) => comm(pid).startsWith('paddock-identd')) ?? 0;
}

const dir = await mkdtemp(join(tmpdir(), 'paddock-bench-gw-'));
const bundle = await bundleGateway(dir);

// 1. Ready: the bundled daemon from spawn to its readiness line, beside Node printing one line.
const ready: number[] = [];
const floor: number[] = [];
for (let i = 0; i < (QUICK ? 0 : 10); i++) {
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
const other = AGAINST
  ? await openBenchSession({
      bundle: await bundleGateway(join(dir, 'against'), resolve(AGAINST)),
      dir: join(dir, 'against'),
      downloadBytes: MB,
    }).catch(async (error: unknown) => {
      await s.close();
      throw error;
    })
  : null;
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
  for (let i = 0; i < (QUICK ? 0 : REPS); i++)
    for (const [k, f] of Object.entries(modes)) speeds[k as Mode].push((await f()) / MB);
  const tp = (k: Mode) => median(speeds[k]);
  const rssAfterThroughput = await rssMb(gwPid);

  // 3. Latency per connection (connect [+ CONNECT] + 1-byte echo): ROUNDS interleaved rounds, median of the
  // rounds' p50. The connect-time paths come from a sandbox under process.identity: connect-time (issue 17).
  const strong = s.connectTime ? await s.connectTime('connect-time') : null;
  const echoL = `echo.test:${v.echoL.port}`;
  const againstBox = other?.connectTime ? await other.connectTime('against') : null;
  const againstEcho = `echo.test:${other?.servers.echoL.port ?? 0}`;
  const all: Record<string, Path> = {
    direct: { box: plain, target: `${b}:${v.echoB.port}`, proxy: '-' },
    connect: { box, target: echoL, proxy },
    transparent: { box, target: echoL, proxy: '-' },
    squid: { box: plain, target: `127.0.0.1:${v.echoL.port}`, proxy: `${b}:${s.squid.port}` },
    ...(strong
      ? {
          ctConnect: { box: strong, target: echoL, proxy },
          ctTransparent: { box: strong, target: echoL, proxy: '-' },
        }
      : {}),
    ...(againstBox && other
      ? {
          againstConnect: { box: againstBox, target: againstEcho, proxy: other.proxy },
          againstTransparent: { box: againstBox, target: againstEcho, proxy: '-' },
        }
      : {}),
  };
  const paths = latencyPaths(all, LATENCY_ONLY);
  const per = Math.max(1, Math.round(CONNECTIONS / ROUNDS));
  const cpu = cpuWatch({ gateway: gwPid, identd: identdPid(gwPid), squid: s.squid.child.pid ?? 0 });
  const lat = await interleaved(paths, ROUNDS, per, cpu);
  if (LATENCY_ONLY) {
    printTable([...latencyRows(lat, r), ...againstRows(lat, r)]);
    console.log(latencyDetail(lat));
    console.log(`CPU per connection (the client's start included): ${cpuLines(cpu)}`);
  } else {
    // The same from a sandbox whose netns got a private 4096-bucket TCP hash (set only around its creation).
    const smallHash = await withChildEhash(4096, () => s.fenced('small-hash'));
    const latSmall = await interleaved(
      {
        connect: { box: smallHash, target: echoL, proxy },
        transparent: { box: smallHash, target: echoL, proxy: '-' },
      },
      1,
      CONNECTIONS,
    );

    // 3b. Processes in the sandbox hold FDS descriptors (RLIMIT_NOFILE raised through the sandbox's limits):
    // does attribution cost more? Without and with the holder, interleaved, for each attribution the build has.
    const openFiles = FD_LIMIT;
    const fdBoxes: Record<string, typeof box> = { procfs: await s.fenced('fds', { openFiles }) };
    if (s.connectTime) fdBoxes['connect-time'] = await s.connectTime('fds-ct', { openFiles });
    const fdRuns: Record<string, Awaited<ReturnType<typeof withAndWithout>>> = {};
    for (const [name, x] of Object.entries(fdBoxes))
      fdRuns[name] = await withAndWithout(
        x,
        { transparent: { box: x, target: echoL, proxy: '-' }, connect: { box: x, target: echoL, proxy } },
        FDS,
        FD_LIMIT - 1000,
        FD_ROUNDS,
        per,
      );

    // 4. DNS: the gateway (port 53, DNAT'ed by the fence) beside a minimal responder on the bridge IP.
    const dnsGw = await dnsLoop(box, b, 53, 'sink.test', QUICK ? 10 : QUERIES);
    const dnsBase = await dnsLoop(plain, b, v.dnsB.port, 'sink.test', QUICK ? 10 : QUERIES);

    // 5. Memory with 32 fenced sandboxes, each having made a connection; fenced create→ready on the way.
    const create: number[] = [];
    const boxes = [box, smallHash];
    for (let i = boxes.length; i < (QUICK ? 0 : SANDBOXES); i++)
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
    const directP50 = lat.direct?.p50 ?? Number.NaN;
    const direct = `${ms(directP50, 2)} direct`;
    const plus = (p50: number) => `+${ms(p50 - directP50, 2)}`;
    const upTo1 = (p50: number) => p50 - directP50 <= 1;
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
      ...latencyRows(lat, r),
      r(
        'CONNECT added latency, sandbox with a private 4096-bucket TCP hash',
        plus(latSmall.connect.p50) + failedNote(latSmall.connect),
        direct,
        ratio(latSmall.connect.p50, directP50),
        '≤ 1 ms',
        upTo1(latSmall.connect.p50),
      ),
      r(
        'transparent added latency, same sandbox',
        plus(latSmall.transparent.p50) + failedNote(latSmall.transparent),
        direct,
        ratio(latSmall.transparent.p50, directP50),
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
      ...Object.entries(fdRuns).flatMap(([name, run]) => fdRows(name, run, r)),
    ];
    // BENCH_QUICK measured none of these.
    const skipped = /^(gateway ready|gateway RSS|fenced sandbox create|.*throughput)/;
    printTable(QUICK ? rows.filter((row) => !skipped.test(row.metric)) : rows);
    console.log(`${latencyDetail(lat)}; DNS p95 ${ms(dnsGw.p95, 3)}`);
    console.log(
      `throughput runs (MB/s): ${JSON.stringify(Object.fromEntries(Object.entries(speeds).map(([k, x]) => [k, x.map(Math.round)])))}`,
    );
    console.log(
      `gateway RSS: ${idleRss.toFixed(0)} MB idle, ${rssAfterThroughput.toFixed(0)} MB after the downloads, ${rss32.toFixed(0)} MB with ${boxes.length} sandboxes`,
    );
    console.log(`events attributed to curl/node: ${attributed}/${events.length}`);
  }
} catch (error) {
  keep = true;
  throw error;
} finally {
  await other?.close();
  await s.close();
  await cleanup(dir, keep);
}
process.exit(0);
