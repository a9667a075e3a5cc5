// TLS benchmark: `node --import tsx bench/tls.ts` (root, Docker; part of `npm run bench`). One run.
// Added latency per HTTPS request (a new connection and handshake each time) and the throughput of a 1 GiB
// HTTPS download, through the gateway's terminated TLS (transparent and CONNECT) against the direct path and
// against Squid with ssl-bump, which also terminates TLS. Servers are HTTPS on loopback / the bridge IP with
// certificates from a bench CA (given to the gateway as --upstream-ca and to Squid as its upstream CA).
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hostBundle } from '../src/gateway/tls/bundle.js';
import { SessionCa } from '../src/gateway/tls/ca.js';
import { parsePolicy } from '../src/policy/index.js';
import { bootstrapImage, DEFAULT_IMAGE } from '../src/sandbox/image/bootstrap.js';
import { createSandbox, ensureNetwork } from '../src/sandbox/index.js';
import type { SandboxInfo } from '../src/sandbox/types.js';
import { closeSession, Session } from '../src/session/index.js';
import { bundleGateway, MB, median, ms, printTable, quantile, ratio, sh, spawnDaemon } from './lib.js';
import { freePort } from './servers.js';
import { exportableCa, httpsSink, squidBump } from './tls-servers.js';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);
const DOWNLOAD = 1024 * MB;

/** `curl` fetching `url` `n` times, a new connection each (`Connection: close`): seconds per request. */
async function latencies(
  box: SandboxInfo,
  url: string,
  extra: readonly string[],
  n: number,
): Promise<number[]> {
  const each = Array.from({ length: n }, () => ['-o', '/dev/null', url]).flat();
  const out = await sh(
    box,
    [
      'curl',
      '-sS',
      '--fail',
      '--http1.1',
      '-H',
      'Connection: close',
      '-w',
      '%{time_total}\\n',
      ...extra,
      ...each,
    ],
    300_000,
  );
  return out
    .trim()
    .split('\n')
    .map((l) => Number(l) * 1000);
}

/**
 * `curl` fetching `url` `n` times in one process over one kept-alive connection (HTTP/1.1, or HTTP/2 with
 * `--http2`): seconds per request after the first (the handshake is paid once).
 */
async function reused(box: SandboxInfo, url: string, extra: readonly string[], n: number): Promise<number[]> {
  const each = Array.from({ length: n + 1 }, () => ['-o', '/dev/null', url]).flat();
  const out = await sh(
    box,
    ['curl', '-sS', '--fail', '-w', '%{time_total} %{http_version}\\n', ...extra, ...each],
    300_000,
  );
  const lines = out.trim().split('\n').slice(1);
  const versions = new Set(lines.map((l) => l.split(' ')[1]));
  const want = extra.includes('--http2') ? '2' : '1.1';
  if (versions.size !== 1 || !versions.has(want))
    throw new Error(`expected HTTP/${want}, curl spoke ${[...versions]}`);
  return lines.map((l) => Number(l.split(' ')[0]) * 1000);
}

async function download(box: SandboxInfo, url: string, extra: readonly string[]): Promise<number> {
  const out = await sh(
    box,
    ['curl', '-sS', '--fail', '--http1.1', '-o', '/dev/null', '-w', '%{speed_download}', ...extra, url],
    600_000,
  );
  return Number(out.trim());
}

async function downloadH2(box: SandboxInfo, url: string, extra: readonly string[]): Promise<number> {
  const out = await sh(
    box,
    [
      'curl',
      '-sS',
      '--fail',
      '--http2',
      '-o',
      '/dev/null',
      '-w',
      '%{speed_download} %{http_version}',
      ...extra,
      url,
    ],
    600_000,
  );
  const [speed, version] = out.trim().split(' ');
  if (version !== '2') throw new Error(`expected HTTP/2, curl spoke ${version}`);
  return Number(speed);
}

const dir = await mkdtemp(join(tmpdir(), 'paddock-bench-tls-'));
const bundle = await bundleGateway(dir);
await bootstrapImage();
const session = `bench-tls-${randomBytes(3).toString('hex')}`;
const stateDir = join(dir, 'gw');
const { bridgeIp } = await ensureNetwork(session);
const upstreamCa = await SessionCa.create('bench-upstream');
const upstreamCaFile = join(dir, 'upstream-ca.pem');
await writeFile(upstreamCaFile, upstreamCa.certPem);
const [bigL, bigB, smallL, smallB] = await Promise.all([
  httpsSink(upstreamCa, '127.0.0.1', DOWNLOAD),
  httpsSink(upstreamCa, bridgeIp, DOWNLOAD),
  httpsSink(upstreamCa, '127.0.0.1', 1024),
  httpsSink(upstreamCa, bridgeIp, 1024),
]);
const hosts = { 'big.test': '127.0.0.1', 'small.test': '127.0.0.1' };
const gateway = await spawnDaemon(bundle, {
  session,
  stateDir,
  bridgeIp,
  hosts,
  upstreamCa: [upstreamCaFile],
});
const cleanups: (() => unknown)[] = [
  () => gateway.stop(),
  () => closeSession({ id: session, stateDir }),
  ...[bigL, bigB, smallL, smallB].map((s) => () => s.close()),
];
try {
  const attached = await Session.attach({ id: session, stateDir });
  if (!attached) throw new Error('the bench gateway does not answer');
  const policy = parsePolicy(
    [
      'version: 1',
      'network_policies:',
      '  bench:',
      '    endpoints:',
      // tls: terminate: every request is seen (as with request rules or a credential), none is refused.
      `      - { host: big.test, port: ${bigL.port}, tls: terminate }`,
      `      - { host: small.test, port: ${smallL.port}, tls: terminate }`,
      '    binaries: [{ path: /usr/bin/curl }]',
      '',
    ].join('\n'),
    '<bench>',
  ).policy;
  const box = await attached.createSandbox({ name: 'gw', run: 'gw', image: DEFAULT_IMAGE, policy });
  // The unfenced client of the direct and Squid paths trusts the host's bundle plus the bench CA and Squid's CA:
  // a bundle of the same size as the sandbox's (curl reads it on every handshake).
  const squidCa = await exportableCa(dir);
  const plainBundle = join(dir, 'plain-bundle.pem');
  const extra = `${upstreamCa.certPem}${await readFile(squidCa.cert, 'utf8')}`;
  await writeFile(plainBundle, `${(await hostBundle()).trimEnd()}\n${extra}`);
  const plain = await createSandbox({
    session,
    name: 'plain',
    image: DEFAULT_IMAGE,
    policy,
    trust: { ca: plainBundle, bundle: plainBundle },
  });
  const squid = await squidBump(
    join(dir, 'squid'),
    bridgeIp,
    await freePort(bridgeIp),
    squidCa,
    upstreamCaFile,
    hosts,
  );
  cleanups.unshift(() => squid.close());

  const direct = (name: string, port: number) => [
    '--resolve',
    `${name}:${port}:${bridgeIp}`,
    `https://${name}:${port}/`,
  ];
  const viaSquid = ['-x', `http://${bridgeIp}:${squid.port}`];
  const transparent = ['--noproxy', '*'];
  // Warm up each path (the gateway mints and caches the leaf; Squid starts its cert helper).
  for (const [box_, url, extra] of [
    [plain, direct('small.test', smallB.port)[2]!, direct('small.test', smallB.port).slice(0, 2)],
    [box, `https://small.test:${smallL.port}/`, transparent],
    [box, `https://small.test:${smallL.port}/`, []],
    [plain, `https://small.test:${smallL.port}/`, viaSquid],
  ] as const)
    await latencies(box_, url, extra, 5);

  const lat = {
    direct: await latencies(
      plain,
      direct('small.test', smallB.port)[2]!,
      direct('small.test', smallB.port).slice(0, 2),
      REQUESTS,
    ),
    transparent: await latencies(box, `https://small.test:${smallL.port}/`, transparent, REQUESTS),
    connect: await latencies(box, `https://small.test:${smallL.port}/`, [], REQUESTS),
    squid: await latencies(plain, `https://small.test:${smallL.port}/`, viaSquid, REQUESTS),
  };
  const speed = {
    direct: await download(
      plain,
      direct('big.test', bigB.port)[2]!,
      direct('big.test', bigB.port).slice(0, 2),
    ),
    transparent: await download(box, `https://big.test:${bigL.port}/`, transparent),
    connect: await download(box, `https://big.test:${bigL.port}/`, []),
    squid: await download(plain, `https://big.test:${bigL.port}/`, viaSquid),
  };
  // One connection, many requests: what each request adds once the handshake is paid, HTTP/1.1 and HTTP/2
  // (the client speaks h2 to the gateway, which goes on over HTTP/1.1 to this HTTP/1.1-only server).
  const small = `https://small.test:${smallL.port}/`;
  const keep = {
    direct: await reused(
      plain,
      direct('small.test', smallB.port)[2]!,
      ['--http1.1', ...direct('small.test', smallB.port).slice(0, 2)],
      REQUESTS,
    ),
    h1: await reused(box, small, ['--http1.1', ...transparent], REQUESTS),
    h2: await reused(box, small, ['--http2', ...transparent], REQUESTS),
  };
  const h2Download = await downloadH2(box, `https://big.test:${bigL.port}/`, transparent);
  const events = (await attached.client.events({ sandbox: 'gw' })).filter((e) => e.layer === 'http');
  const p50 = (k: keyof typeof lat) => median(lat[k]);
  const p95 = (k: keyof typeof lat) => quantile(lat[k], 0.95);
  const added = (k: keyof typeof lat) => `+${ms(p50(k) - p50('direct'), 1)}`;
  const mbs = (k: keyof typeof speed) => `${(speed[k] / MB).toFixed(0)} MB/s`;
  console.log(
    `HTTPS requests: ${REQUESTS} per path, each a new TCP connection and TLS handshake; 1 KiB body.`,
  );
  console.log(
    `Download: ${DOWNLOAD / MB} MiB over HTTPS, one run per path. Gateway http events: ${events.length}.\n`,
  );
  printTable([
    {
      metric: 'request p50, direct',
      paddock: ms(p50('direct'), 1),
      baseline: '–',
      ratio: '–',
      target: '–',
      met: null,
    },
    {
      metric: 'request p50, gateway transparent (terminated)',
      paddock: ms(p50('transparent'), 1),
      baseline: ms(p50('direct'), 1),
      ratio: added('transparent'),
      target: '–',
      met: null,
    },
    {
      metric: 'request p50, gateway CONNECT (terminated)',
      paddock: ms(p50('connect'), 1),
      baseline: ms(p50('direct'), 1),
      ratio: added('connect'),
      target: '–',
      met: null,
    },
    {
      metric: 'request p50, Squid ssl-bump',
      paddock: ms(p50('squid'), 1),
      baseline: ms(p50('direct'), 1),
      ratio: added('squid'),
      target: '–',
      met: null,
    },
    {
      metric: 'request p95: transparent / CONNECT / Squid / direct',
      paddock: `${ms(p95('transparent'), 1)} / ${ms(p95('connect'), 1)}`,
      baseline: `${ms(p95('squid'), 1)} / ${ms(p95('direct'), 1)}`,
      ratio: ratio(p95('transparent'), p95('squid')),
      target: '–',
      met: null,
    },
    {
      metric: 'kept-alive request p50: gateway HTTP/1.1 / direct HTTP/1.1',
      paddock: ms(median(keep.h1), 2),
      baseline: ms(median(keep.direct), 2),
      ratio: `+${ms(median(keep.h1) - median(keep.direct), 2)}`,
      target: '–',
      met: null,
    },
    {
      metric: 'kept-alive request p50: gateway HTTP/2 stream / direct HTTP/1.1',
      paddock: ms(median(keep.h2), 2),
      baseline: ms(median(keep.direct), 2),
      ratio: `+${ms(median(keep.h2) - median(keep.direct), 2)}`,
      target: '–',
      met: null,
    },
    {
      metric: '1 GiB HTTPS download, gateway transparent, client HTTP/2',
      paddock: `${(h2Download / MB).toFixed(0)} MB/s`,
      baseline: mbs('transparent'),
      ratio: ratio(h2Download, speed.transparent),
      target: '–',
      met: null,
    },
    {
      metric: '1 GiB HTTPS download, gateway transparent',
      paddock: mbs('transparent'),
      baseline: mbs('direct'),
      ratio: ratio(speed.transparent, speed.direct),
      target: '–',
      met: null,
    },
    {
      metric: '1 GiB HTTPS download, gateway CONNECT',
      paddock: mbs('connect'),
      baseline: mbs('direct'),
      ratio: ratio(speed.connect, speed.direct),
      target: '–',
      met: null,
    },
    {
      metric: '1 GiB HTTPS download, Squid ssl-bump',
      paddock: mbs('squid'),
      baseline: mbs('direct'),
      ratio: ratio(speed.squid, speed.direct),
      target: '–',
      met: null,
    },
    {
      metric: 'gateway vs Squid ssl-bump (transparent download)',
      paddock: mbs('transparent'),
      baseline: mbs('squid'),
      ratio: ratio(speed.transparent, speed.squid),
      target: '–',
      met: null,
    },
  ]);
} finally {
  for (const c of cleanups)
    await Promise.resolve(c()).catch((e: unknown) => console.error(`cleanup: ${String(e)}`));
  await rm(dir, { recursive: true, force: true });
}
