// Gateway benchmark: `npx tsx bench/gateway.ts`. Everything on loopback, in one run, as ratios against direct.
// - ready: the bundled daemon (esbuild, like dist/gateway.js) from spawn to its readiness line;
// - CONNECT throughput and added latency per connection (attribution included) vs a direct connection;
// - DNS p50 for an allowed name vs a minimal local responder.
// The client is this process, registered as an unfenced "sandbox" on 127.0.0.1: attribution then searches the
// host's network namespace, which holds every host process (a worst case compared with a real sandbox).
import { spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdtemp, readlink, realpath, rm } from 'node:fs/promises';
import { type AddressInfo, connect, createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import dnsPacket from 'dns-packet';
import { build } from 'esbuild';
import { runGateway } from '../src/gateway/server.js';
import { daemonArgs, READY_PREFIX } from '../src/gateway/start.js';
import { SyntheticPool } from '../src/gateway/synthetic.js';
import { decide, isPrivateAddress, nameAllowed, parsePolicy, staticChanges } from '../src/policy/index.js';

const MB = 1024 * 1024;
const dir = await mkdtemp(join(tmpdir(), 'paddock-bench-'));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

async function readyMs(): Promise<number> {
  const bundle = join(dir, 'gateway.mjs');
  await build({
    entryPoints: ['src/gateway/daemon.ts'],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'error',
    banner: {
      js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    },
  });
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const stateDir = join(dir, `ready-${i}`);
    const t0 = performance.now();
    const child = spawn(
      process.execPath,
      [bundle, ...daemonArgs({ session: 'bench', stateDir, bridgeIp: '127.0.0.1' })],
      { stdio: ['ignore', 'pipe', 'ignore'] },
    );
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => (d.toString().startsWith(READY_PREFIX) ? resolve() : undefined));
      child.on('exit', (code) => reject(new Error(`daemon exited ${code}`)));
    });
    times.push(performance.now() - t0);
    child.kill('SIGTERM');
  }
  return median(times);
}

function sink(): Promise<number> {
  const server = createServer((s) => {
    s.on('data', () => undefined);
    s.on('end', () => s.end());
  });
  return new Promise<number>((r) =>
    server.listen(0, '127.0.0.1', () => r((server.address() as AddressInfo).port)),
  ).finally(() => server.unref());
}

function open(port: number, tunnelTo?: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = connect({ host: '127.0.0.1', port, noDelay: true }, () => {
      if (!tunnelTo) return resolve(s);
      s.write(`CONNECT ${tunnelTo} HTTP/1.1\r\nHost: ${tunnelTo}\r\n\r\n`);
      s.once('data', (d: Buffer) =>
        d.toString().startsWith('HTTP/1.1 200') ? resolve(s) : reject(new Error(d.toString())),
      );
    });
    s.on('error', reject);
  });
}

async function throughput(port: number, tunnelTo?: string): Promise<number> {
  const s = await open(port, tunnelTo);
  const chunk = Buffer.alloc(64 * 1024);
  const total = 512 * MB;
  const t0 = performance.now();
  for (let sent = 0; sent < total; sent += chunk.length) {
    if (!s.write(chunk)) await new Promise((r) => s.once('drain', r));
  }
  await new Promise<void>((r) => s.end(() => r()));
  await new Promise((r) => s.once('close', r));
  s.resume();
  return total / MB / ((performance.now() - t0) / 1000);
}

async function connectMs(port: number, tunnelTo: string | undefined, n: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const s = await open(port, tunnelTo);
    times.push(performance.now() - t0);
    s.destroy();
  }
  return median(times);
}

async function dnsMs(port: number, name: string, n: number): Promise<number> {
  const sock = createSocket('udp4');
  await new Promise<void>((r) => sock.bind(0, '127.0.0.1', () => r()));
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const q = dnsPacket.encode({
      type: 'query',
      id: i,
      flags: dnsPacket.RECURSION_DESIRED,
      questions: [{ type: 'A', name }],
    });
    const t0 = performance.now();
    await new Promise<void>((resolve) => {
      sock.once('message', () => resolve());
      sock.send(q, port, '127.0.0.1');
    });
    times.push(performance.now() - t0);
  }
  sock.close();
  return median(times);
}

function directDns(): Promise<number> {
  const s = createSocket('udp4');
  s.on('message', (msg, r) => {
    const q = dnsPacket.decode(msg);
    const a = { type: 'A' as const, name: q.questions?.[0]?.name ?? '', ttl: 60, data: '198.18.0.1' };
    s.send(
      dnsPacket.encode({ type: 'response', id: q.id, flags: 0x8180, questions: q.questions, answers: [a] }),
      r.port,
      r.address,
    );
  });
  return new Promise<number>((r) => s.bind(0, '127.0.0.1', () => r(s.address().port))).finally(() =>
    s.unref(),
  );
}

const sinkPort = await sink();
const exe = await realpath(process.execPath);
const { policy } = parsePolicy(
  `version: 1\nnetwork_policies:\n  bench:\n    endpoints: [{ host: bench.test, port: ${sinkPort} }]\n    binaries: [{ path: "${exe}" }]\n`,
  '<bench>',
);
const gw = await runGateway({
  session: 'bench',
  stateDir: join(dir, 'inproc'),
  bridgeIp: '127.0.0.1',
  hosts: { 'bench.test': '127.0.0.1' },
  rules: { decide, nameAllowed, isPrivateAddress, staticChanges },
  log: () => undefined,
});
gw.context.sandboxes.set('bench', {
  name: 'bench',
  run: null,
  ip: '127.0.0.1',
  pid: process.pid,
  netns: await readlink(`/proc/${process.pid}/ns/net`),
  policy,
  pool: new SyntheticPool(),
});
const to = `bench.test:${sinkPort}`;
const ready = await readyMs();
const direct = await throughput(sinkPort);
const proxied = await throughput(gw.ports.proxy, to);
const directConnect = await connectMs(sinkPort, undefined, 200);
const proxiedConnect = await connectMs(gw.ports.proxy, to, 200);
const dnsDirect = await dnsMs(await directDns(), 'bench.test', 2000);
const dnsGateway = await dnsMs(gw.ports.dns, 'bench.test', 2000);
const events = await gw.context.events.query({ sandbox: 'bench' });
const attributed = events.filter((e) => e.binary === exe).length;
await gw.close();
await rm(dir, { recursive: true, force: true });

const row = (what: string, value: string, note: string) =>
  console.log(`${what.padEnd(34)} ${value.padStart(14)}   ${note}`);
row('gateway ready (bundled daemon)', `${ready.toFixed(0)} ms`, 'target ≤ 300 ms');
row(
  'CONNECT throughput',
  `${proxied.toFixed(0)} MB/s`,
  `direct ${direct.toFixed(0)} MB/s, ratio ${(proxied / direct).toFixed(2)} (target ≥ 0.90)`,
);
row(
  'connect latency (with attribution)',
  `${proxiedConnect.toFixed(2)} ms`,
  `direct ${directConnect.toFixed(2)} ms, added ${(proxiedConnect - directConnect).toFixed(2)} ms (target ≤ 1 ms)`,
);
row(
  'DNS p50 (allowed name)',
  `${dnsGateway.toFixed(3)} ms`,
  `direct ${dnsDirect.toFixed(3)} ms, ratio ${(dnsGateway / dnsDirect).toFixed(2)} (target ≤ 1 ms)`,
);
row('memory (rss)', `${(process.memoryUsage().rss / MB).toFixed(0)} MB`, 'bench process incl. gateway');
row('events attributed to this process', `${attributed}/${events.length}`, '');
process.exit(0);
