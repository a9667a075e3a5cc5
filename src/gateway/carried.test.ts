import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { type AddressInfo, connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { eventsWhen } from '../../test/gateway/events.js';
import {
  covers,
  decide,
  decideRequest,
  inspects,
  isPrivateAddress,
  nameAllowed,
  parsePolicy,
  staticChanges,
} from '../policy/index.js';
import type { Policy } from '../policy/types.js';
import { Budget } from './budget.js';
import { GatewayClient } from './client.js';
import { type RunningGateway, runGateway } from './server.js';
import { SyntheticPool } from './synthetic.js';

// Real sockets, no engine: a proxy-only gateway on loopback, a "sandbox" at 127.0.0.1 without credentials, and
// a plain HTTP upstream whose keep-alive connections through a CONNECT tunnel are spliced (no rules to read).

const GATEWAY_IP = `127.${1 + Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${2 + Math.floor(Math.random() * 250)}`;

describe('a policy reload decides the open spliced connections again', () => {
  let gateway: RunningGateway;
  let upstream: Server;
  let port = 0;
  const seen: string[] = [];
  /** Called as the upstream gets body bytes of `/up`. */
  let streaming: (() => void) | null = null;
  const policyWith = (endpoint: string): Policy =>
    parsePolicy(
      `version: 1\nnetwork_policies:\n  api:\n    endpoints:\n      - ${endpoint}\n    binaries: [{ path: /usr/bin/curl }]\n`,
      'p.yaml',
    ).policy;
  const open = () => policyWith(`{ host: plain.example.test, port: ${port} }`);

  before(async () => {
    upstream = createServer((req, res) => {
      req.on('data', () => {
        if (req.url === '/up') streaming?.();
      });
      req.on('end', () => {
        seen.push(`${req.method} ${req.url}`);
        res.end(`upstream ${req.url}`);
      });
    });
    port = await new Promise<number>((r) =>
      upstream.listen(0, '127.0.0.1', () => r((upstream.address() as AddressInfo).port)),
    );
    gateway = await runGateway({
      session: 'carried',
      stateDir: await mkdtemp(join(tmpdir(), 'paddock-carried-')),
      bridgeIp: GATEWAY_IP,
      proxyOnly: true,
      hosts: { 'plain.example.test': '127.0.0.1' },
      rules: { decide, covers, nameAllowed, isPrivateAddress, staticChanges, decideRequest, inspects },
      log: () => undefined,
    });
  });

  after(async () => {
    await gateway.close();
    upstream.close();
  });

  const register = () =>
    gateway.context.sandboxes.set('box', {
      name: 'box',
      run: 'r1',
      ip: '127.0.0.1',
      pid: process.pid,
      netns: '',
      started: null,
      policy: open(),
      pool: new SyntheticPool(),
      budget: new Budget(),
    });

  /** A CONNECT tunnel to the upstream and one request on it; resolves once its answer is in. */
  async function tunnel(): Promise<{
    socket: Socket;
    closed: Promise<void>;
    next(path: string): Promise<string>;
  }> {
    const socket = connect(gateway.ports.proxy, GATEWAY_IP);
    socket.on('error', () => undefined);
    const closed = new Promise<void>((r) => socket.once('close', () => r()));
    let got = '';
    let waiting: ((text: string) => void) | null = null;
    socket.on('data', (d: Buffer) => {
      got += d.toString('latin1');
      if (waiting && /upstream \S+$|\r\n\r\n$/.test(got)) waiting(got);
    });
    void closed.then(() => waiting?.(got));
    const answer = () =>
      new Promise<string>((resolve) => {
        waiting = (text) => {
          waiting = null;
          got = '';
          resolve(text);
        };
      });
    const established = answer();
    socket.write(`CONNECT plain.example.test:${port} HTTP/1.1\r\nHost: plain.example.test:${port}\r\n\r\n`);
    assert.match(await established, /^HTTP\/1\.1 200/);
    const next = (path: string) => {
      const a = answer();
      if (socket.writable) socket.write(`GET ${path} HTTP/1.1\r\nHost: plain.example.test:${port}\r\n\r\n`);
      return a;
    };
    assert.match(await next('/one'), /upstream \/one$/);
    return { socket, closed, next };
  }

  for (const [name, endpoint, reason] of [
    [
      'now denies its host',
      '{ host: other.example.test, port: 443 }',
      /policy reloaded: .*\(open connection closed\)/,
    ],
    [
      'now has request rules for it',
      `{ host: plain.example.test, port: PORT, protocol: rest, enforcement: enforce, access: read-only }`,
      /policy reloaded: its requests must now be seen, and the connection was spliced/,
    ],
  ] as const) {
    test(`a reload that ${name} closes the spliced keep-alive connection: its next request never reaches the upstream`, async () => {
      register();
      const t = await tunnel();
      const count = seen.length;
      await new GatewayClient(gateway.socketPath).setPolicy(
        'box',
        policyWith(endpoint.replace('PORT', String(port))),
      );
      const after = await t.next('/after-reload');
      t.socket.destroy();
      assert.doesNotMatch(after, /upstream/);
      assert.equal(seen.length, count, `the upstream got ${seen.slice(count).join(', ')} after the reload`);
      const events = await eventsWhen(gateway.eventsPath, (all) => all.some((e) => reason.test(e.reason)));
      const cut = events.filter((e) => reason.test(e.reason));
      assert.equal(cut.length, 1);
      assert.equal(cut[0]?.action, 'deny');
    });
  }

  test('a reload before the connection sent its first bytes: cut too (it would be spliced after)', async () => {
    register();
    const socket = connect(gateway.ports.proxy, GATEWAY_IP);
    socket.on('error', () => undefined);
    const closed = new Promise<void>((r) => socket.once('close', () => r()));
    let got = '';
    const established = new Promise<void>((resolve) =>
      socket.on('data', (d: Buffer) => {
        got += d.toString('latin1');
        if (got.endsWith('\r\n\r\n')) resolve();
      }),
    );
    socket.write(`CONNECT plain.example.test:${port} HTTP/1.1\r\nHost: plain.example.test:${port}\r\n\r\n`);
    await established;
    const count = seen.length;
    await new GatewayClient(gateway.socketPath).setPolicy(
      'box',
      policyWith('{ host: other.example.test, port: 443 }'),
    );
    if (socket.writable) socket.write(`GET /late HTTP/1.1\r\nHost: plain.example.test:${port}\r\n\r\n`);
    const answered = new Promise<boolean>((resolve) => socket.on('data', () => resolve(true)));
    const result = await Promise.race([closed.then(() => false), answered]);
    socket.destroy();
    assert.equal(result, false, `answered after the reload: ${seen.slice(count).join(', ')}`);
    assert.equal(seen.length, count);
  });

  test("a reload that now denies an upload through the proxy's plain-HTTP forward cuts it (its body is not read)", async () => {
    register();
    const socket = connect(gateway.ports.proxy, GATEWAY_IP);
    socket.on('error', () => undefined);
    const closed = new Promise<void>((r) => socket.once('close', () => r()));
    const started = new Promise<void>((resolve) => {
      streaming = resolve;
    });
    const target = `plain.example.test:${port}`;
    socket.write(
      `POST http://${target}/up HTTP/1.1\r\nHost: ${target}\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nfirst\r\n`,
    );
    await started;
    streaming = null;
    await new GatewayClient(gateway.socketPath).setPolicy(
      'box',
      policyWith('{ host: other.example.test, port: 443 }'),
    );
    if (socket.writable) socket.write('5\r\nafter\r\n0\r\n\r\n');
    // A deadline to fail on, not a wait: the gateway closes it as the reload decides it.
    const gone = await Promise.race([
      closed.then(() => true),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 3000)),
    ]);
    socket.destroy();
    assert.ok(gone, 'the upload went on after the reload denied its host');
    assert.ok(!seen.includes('POST /up'), 'the upstream got the whole body');
    const cut = (e: { reason: string; layer: string }) =>
      e.layer === 'http' && /^policy reloaded: /.test(e.reason);
    const events = await eventsWhen(gateway.eventsPath, (all) => all.some(cut));
    assert.equal(events.filter(cut).length, 1);
  });

  test('a reload between the decision and the splice (its upstream still opening): decided again as it is carried', async () => {
    register();
    // Hold the connection between its decision and its upstream: the name's resolution waits for a gate.
    const upstreamOf = gateway.context.upstream;
    const resolve = upstreamOf.resolve.bind(upstreamOf);
    let open: () => void = () => undefined;
    const gate = new Promise<void>((r) => {
      open = r;
    });
    let held: () => void = () => undefined;
    const holding = new Promise<void>((r) => {
      held = r;
    });
    upstreamOf.resolve = async (name: string) => {
      held();
      await gate;
      return resolve(name);
    };
    try {
      const socket = connect(gateway.ports.proxy, GATEWAY_IP);
      socket.on('error', () => undefined);
      const closed = new Promise<void>((r) => socket.once('close', () => r()));
      let got = '';
      socket.on('data', (d: Buffer) => {
        got += d.toString('latin1');
      });
      const target = `plain.example.test:${port}`;
      socket.write(`CONNECT ${target} HTTP/1.1\r\nHost: ${target}\r\n\r\n`);
      await holding;
      const count = seen.length;
      await new GatewayClient(gateway.socketPath).setPolicy(
        'box',
        policyWith('{ host: other.example.test, port: 443 }'),
      );
      open();
      if (socket.writable) socket.write(`GET /raced HTTP/1.1\r\nHost: ${target}\r\n\r\n`);
      const gone = await Promise.race([
        closed.then(() => true),
        new Promise<boolean>((r) => setTimeout(() => r(false), 3000)),
      ]);
      socket.destroy();
      assert.ok(gone, `the connection decided before the reload was carried after it: ${got}`);
      assert.equal(seen.length, count, `the upstream got ${seen.slice(count).join(', ')}`);
    } finally {
      upstreamOf.resolve = resolve;
      open();
    }
  });

  test('a reload that still allows it as before leaves the connection open', async () => {
    register();
    const t = await tunnel();
    await new GatewayClient(gateway.socketPath).setPolicy('box', open());
    assert.match(await t.next('/still'), /upstream \/still$/);
    t.socket.destroy();
    await t.closed;
  });
});
