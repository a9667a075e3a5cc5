// Shared bits of the fault tests: an upstream that counts hits, and waiting on a condition.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export { leftovers, sessionId, specDir } from '../eval/e2e.js';

export const NONE = { containers: 0, networks: 0, volumes: 0, gateways: 0 } as const;

/** An HTTP server on 127.0.0.1 answering `hello`; `hits` counts requests. */
export async function countingUpstream(): Promise<{ port: number; hits: () => number; close: () => void }> {
  let hits = 0;
  const server: Server = createServer((_req, res) => {
    hits++;
    res.end('hello\n');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    port: (server.address() as AddressInfo).port,
    hits: () => hits,
    close: () => server.close(),
  };
}

/** Poll `check` every 100 ms until it is true; false after `timeoutMs`. */
export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

/** A spec whose run reaches `up.test` (allowed for curl), sleeps, then tries again. */
export const reachTwiceSpec = (port: number, sleep: number, runs = 1): string =>
  [
    'version: 1',
    `matrix: { n: [${Array.from({ length: runs }, (_, i) => i + 1).join(', ')}] }`,
    'policy:',
    '  version: 1',
    '  network_policies:',
    '    up:',
    '      name: up',
    `      endpoints: [{ host: up.test, port: ${port} }]`,
    '      binaries: [{ path: /usr/bin/curl }]',
    'gateway: { hosts: { up.test: 127.0.0.1 } }',
    `run: curl -sS -m 3 --noproxy '*' http://up.test:${port}/; sleep ${sleep}; curl -sS -m 3 --noproxy '*' http://up.test:${port}/ && echo REACHED-AFTER`,
    'timeout: 1m',
    `concurrency: ${runs}`,
  ].join('\n');
