// What runs inside the sandboxes of the gateway benchmark: curl downloads, a connect+echo loop, a DNS loop.
// The node scripts are plain CommonJS for `node -e` in paddock/base; each prints one JSON line of timings.

import type { SandboxInfo } from '../src/sandbox/types.js';
import { median, quantile, sh } from './lib.js';

/** Download `url` with curl (extra args e.g. `-p -x PROXY`); bytes per second. */
export async function download(info: SandboxInfo, url: string, extra: readonly string[]): Promise<number> {
  const out = await sh(info, [
    'curl',
    '-sS',
    '--fail',
    '-o',
    '/dev/null',
    '-w',
    '%{speed_download}',
    ...extra,
    url,
  ]);
  return Number(out.trim());
}

// argv: target (host:port), proxy (host:port or -), count[, tolerant]. A name target is resolved once, up front.
// Per connection: connect (+ CONNECT and its 200), write 1 byte, read the echo; the clock stops there.
// Prints the times; `tolerant` keeps going past failures (a denial) and prints { times, failed, error },
// failed holding the time each failure took, and for each echoed connection when it was connected and (CONNECT)
// when the proxy's 200 was in (ms since the connect call).
/** Connections each connect loop makes first and does not time (the client's own first connections are slow). */
export const WARM_UP = 20;

const CONNECT_LOOP = `
const net = require('net'), dns = require('dns');
const [target, proxy, count, mode] = process.argv.slice(1);
const tolerant = mode === 'tolerant';
const [host, port] = target.split(':');
const connected = [], answered = [];
let steps = {};
function once(ip) {
  steps = {};
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const took = () => Number(process.hrtime.bigint() - t0) / 1e6;
    const fail = (e) => reject(Object.assign(e, { ms: took() }));
    const [h, p] = proxy === '-' ? [ip, port] : proxy.split(':');
    const s = net.connect({ host: h, port: Number(p), noDelay: true });
    let head = proxy === '-' ? null : '';
    s.on('connect', () => {
      steps.connected = took();
      head === null ? s.write('x') : s.write('CONNECT ' + target + ' HTTP/1.1\\r\\nHost: ' + target + '\\r\\n\\r\\n');
    });
    s.on('data', (d) => {
      if (head !== null) {
        head += d.toString('latin1');
        if (!head.includes('\\r\\n\\r\\n')) return;
        if (!head.startsWith('HTTP/1.1 200')) return s.destroy(), fail(new Error(head.split('\\r\\n')[0]));
        head = null;
        steps.answered = took();
        return s.write('x');
      }
      const ms = took();
      s.destroy();
      resolve(ms);
    });
    s.on('error', fail);
    s.on('close', () => fail(new Error('closed before the echo')));
  });
}
(async () => {
  const ip = proxy === '-' ? (await dns.promises.lookup(host, 4)).address : host;
  const times = [], failed = [];
  let error = null;
  const one = async (keep) => {
    try {
      const ms = await once(ip);
      if (keep) {
        times.push(ms);
        connected.push(steps.connected);
        if (steps.answered !== undefined) answered.push(steps.answered);
      }
    } catch (e) {
      if (!tolerant) throw e;
      if (keep) failed.push(e.ms);
      error = e.message;
    }
  };
  for (let i = 0; i < ${WARM_UP}; i++) await one(false);
  for (let i = 0; i < Number(count); i++) await one(true);
  console.log(JSON.stringify(tolerant ? { times, failed, error, connected, answered } : times));
})().catch((e) => { console.error(e.message); process.exit(1); });
`;

// argv: server ip, port, name, count. Sequential A queries over UDP, each timed to its answer.
const DNS_LOOP = `
const dgram = require('dgram');
const [server, port, name, count] = process.argv.slice(1);
const s = dgram.createSocket('udp4');
const labels = Buffer.concat(name.split('.').map((l) => Buffer.concat([Buffer.from([l.length]), Buffer.from(l)])));
const query = (id) => Buffer.concat([Buffer.from([id >> 8, id & 255, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0]), labels, Buffer.from([0, 0, 1, 0, 1])]);
const once = (id) => new Promise((resolve) => {
  const t0 = process.hrtime.bigint();
  s.once('message', () => resolve(Number(process.hrtime.bigint() - t0) / 1e6));
  s.send(query(id), Number(port), server);
});
(async () => {
  const times = [];
  for (let i = 0; i < 50; i++) await once(i);
  for (let i = 0; i < Number(count); i++) times.push(await once(i & 0xffff));
  console.log(JSON.stringify(times));
  s.close();
})();
`;

export interface Timings {
  readonly p50: number;
  readonly p95: number;
}

function timings(out: string): Timings {
  const line = out.trim().split('\n').pop() ?? '[]';
  const times = JSON.parse(line) as number[];
  return { p50: median(times), p95: quantile(times, 0.95) };
}

/** `count` sequential connections with a 1-byte echo each, directly (proxy `-`) or through a CONNECT proxy. */
export async function connectLoop(
  info: SandboxInfo,
  target: string,
  proxy: string,
  count: number,
): Promise<Timings> {
  return timings(await sh(info, ['node', '-e', CONNECT_LOOP, target, proxy, String(count)]));
}

/** Connections that got their echo (times), and those that failed (the time each took to fail), with the last error. */
export interface Outcomes {
  readonly times: number[];
  readonly failed: number[];
  readonly error: string | null;
  /** Per echoed connection: when connect() returned, and (CONNECT) when the 200 was in; ms since the call. */
  readonly connected?: number[];
  readonly answered?: number[];
}

/** As connectLoop, but a failed connection (a denial) is counted and timed instead of ending the loop. */
export async function connectOutcomes(
  info: SandboxInfo,
  target: string,
  proxy: string,
  count: number,
): Promise<Outcomes> {
  const out = await sh(info, ['node', '-e', CONNECT_LOOP, target, proxy, String(count), 'tolerant']);
  return JSON.parse(out.trim().split('\n').pop() ?? '{}') as Outcomes;
}

/** `count` sequential A queries for `name` to server:port. */
export async function dnsLoop(
  info: SandboxInfo,
  server: string,
  port: number,
  name: string,
  count: number,
): Promise<Timings> {
  return timings(await sh(info, ['node', '-e', DNS_LOOP, server, String(port), name, String(count)]));
}
