// Host-side servers of the gateway benchmark: a download sink, a 1-byte echo, a minimal DNS responder, Squid.
// They listen on 127.0.0.1 (reached through the gateway or Squid) and on the session's bridge IP (direct).
import { type ChildProcess, spawn } from 'node:child_process';
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { type AddressInfo, connect, createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export interface Listening {
  readonly port: number;
  close(): void;
}

function listen(server: Server, host: string): Promise<Listening> {
  return new Promise((resolve) =>
    server.listen(0, host, () =>
      resolve({ port: (server.address() as AddressInfo).port, close: () => server.close() }),
    ),
  );
}

const CHUNK = Buffer.alloc(1024 * 1024, 'x');

/** An HTTP/1.1 server whose every response is `bytes` of body, written with backpressure. */
export function sink(host: string, bytes: number): Promise<Listening> {
  const server = createServer((s) => {
    s.on('error', () => undefined);
    let head = '';
    const onData = (d: Buffer) => {
      head += d.toString('latin1');
      if (!head.includes('\r\n\r\n')) return;
      s.removeListener('data', onData);
      s.write(`HTTP/1.1 200 OK\r\nContent-Length: ${bytes}\r\nConnection: close\r\n\r\n`);
      let left = bytes;
      const pump = () => {
        while (left > 0) {
          const n = Math.min(left, CHUNK.length);
          left -= n;
          if (!s.write(n === CHUNK.length ? CHUNK : CHUNK.subarray(0, n))) return void s.once('drain', pump);
        }
        s.end();
      };
      pump();
    };
    s.on('data', onData);
  });
  return listen(server, host);
}

/** Echoes every byte back; ends when the client ends. */
export function echo(host: string): Promise<Listening> {
  const server = createServer({ noDelay: true, allowHalfOpen: false }, (s) => {
    s.on('error', () => undefined);
    s.pipe(s);
  });
  return listen(server, host);
}

/** Answers every A query with 198.18.0.1 (no lookup, no policy): the floor for a DNS round trip. */
export function dnsResponder(host: string): Promise<Listening> {
  const socket: UdpSocket = createSocket('udp4');
  socket.on('message', (q, r) => {
    const qEnd = q.indexOf(0, 12) + 5; // end of the first question: name, type, class
    const header = Buffer.from(q.subarray(0, 12));
    header.writeUInt16BE(0x8180, 2);
    header.writeUInt16BE(1, 6); // one answer
    const answer = Buffer.from([0xc0, 12, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 198, 18, 0, 1]);
    socket.send(Buffer.concat([header, q.subarray(12, qEnd), answer]), r.port, r.address);
  });
  return new Promise((resolve) =>
    socket.bind(0, host, () => resolve({ port: socket.address().port, close: () => socket.close() })),
  );
}

export interface Squid extends Listening {
  readonly child: ChildProcess;
}

/** A minimal Squid config in `dir` with `lines` first (the listener and what it does). */
export function squidConf(dir: string, lines: readonly string[]): string {
  return [
    ...lines,
    'http_access allow all',
    'cache deny all',
    'cache_mem 8 MB',
    'access_log none',
    `cache_log ${join(dir, 'cache.log')}`,
    `pid_filename ${join(dir, 'squid.pid')}`,
    `coredump_dir ${dir}`,
    'visible_hostname paddock-bench',
    'shutdown_lifetime 0 seconds',
    '',
  ].join('\n');
}

/** Debian's squid in the foreground with a minimal forward-proxy config in `dir`, listening on host:port. */
export async function squid(dir: string, host: string, port: number): Promise<Squid> {
  await mkdir(dir, { recursive: true });
  await chmod(dir, 0o777); // squid drops to the `proxy` user for its logs
  return startSquid(dir, squidConf(dir, [`http_port ${host}:${port}`]), host, port);
}

/** Write `text` as dir/squid.conf, start squid on it, and wait until host:port accepts connections. */
export async function startSquid(dir: string, text: string, host: string, port: number): Promise<Squid> {
  const conf = join(dir, 'squid.conf');
  await writeFile(conf, text);
  const child = spawn('squid', ['-N', '-f', conf], { stdio: 'ignore' });
  // Not installed: say so instead of an unhandled 'error' event (the benches compare against Squid).
  let failed: Error | undefined;
  child.once('error', (error) => {
    failed = error;
  });
  for (let i = 0; i < 100; i++) {
    if (failed)
      throw new Error(`cannot start squid (${failed.message}): apt-get install squid (the Squid baseline)`);
    if (child.exitCode !== null) throw new Error(`squid exited ${child.exitCode}; see ${dir}/cache.log`);
    const up = await new Promise<boolean>((resolve) => {
      const s = connect({ host, port }, () => {
        s.destroy();
        resolve(true);
      });
      s.on('error', () => resolve(false));
    });
    if (up) return { port, child, close: () => child.kill('SIGTERM') };
    await sleep(100);
  }
  child.kill('SIGKILL');
  throw new Error('squid did not listen within 10 s');
}

/** A free TCP port on host (for Squid, which wants a number in its config). */
export async function freePort(host: string): Promise<number> {
  const server = createServer();
  const l = await listen(server, host);
  l.close();
  return l.port;
}
