import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { READY_PREFIX, STARTING_LINE } from '../../src/gateway/handshake.js';
import { GatewayClient, gatewayStatus, startGateway, stopGateway } from '../../src/gateway/index.js';
import { daemonArgs, daemonCommand } from '../../src/gateway/start.js';

const dirs: string[] = [];
async function stateDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'paddock-gwl-'));
  dirs.push(dir);
  return dir;
}
after(async () => {
  for (const d of dirs) {
    await stopGateway(d).catch(() => undefined);
    await rm(d, { recursive: true, force: true });
  }
});

/**
 * The daemon as startGateway runs it (as `uid` when given), its stdio ours: the child, and its exit with what
 * it logged.
 */
function daemon(args: string[], options: { readonly stdin?: 'pipe' | 'ignore'; readonly uid?: number } = {}) {
  const [node, ...rest] = daemonCommand(new URL('../../src/gateway/start.ts', import.meta.url).href);
  const child = spawn(node ?? process.execPath, [...rest, ...args], {
    stdio: [options.stdin ?? 'pipe', 'pipe', 'pipe'],
    ...(options.uid === undefined ? {} : { uid: options.uid, gid: options.uid }),
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const exited = new Promise<{ code: number | null; signal: string | null; stderr: string }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, stderr })),
  );
  return { child, exited, stderr: () => stderr };
}

/** Run the daemon as uid 65534 (nobody); resolve with its exit code or readiness line. */
function runAsNobody(args: string[]): Promise<{ ready: string | null; code: number | null; stderr: string }> {
  const { child, exited, stderr } = daemon(args, { uid: 65534 });
  return new Promise((resolve) => {
    let stdout = '';
    // The first line after the starting line: the readiness line, or whatever came instead.
    child.stdout?.on('data', (d: Buffer) => {
      stdout += d.toString();
      const lines = stdout
        .split('\n')
        .slice(0, -1)
        .filter((l) => l !== STARTING_LINE);
      if (lines.length > 0) {
        child.kill('SIGTERM');
        resolve({ ready: lines[0] ?? null, code: null, stderr: stderr() });
      }
    });
    void exited.then(({ code }) => resolve({ ready: null, code, stderr: stderr() }));
  });
}

describe('gateway daemon lifecycle', () => {
  test('start signals readiness, status reports it, stop ends it and removes the pid file', async () => {
    const dir = await stateDir();
    const t0 = performance.now();
    const handle = await startGateway({ session: 't-life', stateDir: dir, bridgeIp: '127.0.0.1' });
    const readyMs = performance.now() - t0;
    assert.ok(readyMs < 5000, `ready in ${readyMs} ms`);
    assert.match(handle.proxyUrl, /^http:\/\/127\.0\.0\.1:\d+$/);
    const status = await gatewayStatus(dir);
    assert.equal(status.running, true);
    assert.equal(status.pid, handle.pid);
    assert.equal((await new GatewayClient(handle.socketPath).health()).enforcement, 'enforce');
    assert.equal(await stopGateway(dir), true);
    assert.equal((await gatewayStatus(dir)).running, false);
    assert.equal(await stopGateway(dir), false);
  });

  test('the bridge address may come later (the network still being made): the daemon reads it from stdin', async () => {
    const dir = await stateDir();
    let give: (ip: string) => void = () => undefined;
    const later = new Promise<string>((resolve) => {
      give = resolve;
    });
    const starting = startGateway({ session: 't-later', stateDir: dir, bridgeIp: later });
    give('127.0.0.1');
    const handle = await starting;
    assert.match(handle.proxyUrl, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal((await new GatewayClient(handle.socketPath).health()).enforcement, 'enforce');
    assert.equal(await stopGateway(dir), true);
  });

  test('a bridge address that never comes: the start fails with its error, not a gateway one', async () => {
    const dir = await stateDir();
    const noNetwork = Object.assign(new Error('no subnet free'), { code: 'ENGINE_UNAVAILABLE' });
    await assert.rejects(
      startGateway({ session: 't-nonet', stateDir: dir, bridgeIp: Promise.reject(noNetwork) }),
      (e: unknown) => e === noNetwork,
    );
    assert.equal((await gatewayStatus(dir)).running, false);
  });

  test('a second gateway on a running state dir is refused', async () => {
    const dir = await stateDir();
    await startGateway({ session: 't-life2', stateDir: dir, bridgeIp: '127.0.0.1' });
    await assert.rejects(
      startGateway({ session: 't-life2', stateDir: dir, bridgeIp: '127.0.0.1' }),
      /already runs/,
    );
  });

  test('a gateway that cannot listen fails with the log tail, not silently', async () => {
    const dir = await stateDir();
    await assert.rejects(
      startGateway({ session: 't-life3', stateDir: dir, bridgeIp: '192.0.2.1' }),
      (e: Error) => {
        assert.equal((e as { code?: string }).code, 'GATEWAY_FAILED');
        assert.match(e.message, /gateway\.log/);
        return true;
      },
    );
  });

  test('without root the gateway refuses to start (PRIVILEGE_REQUIRED)', async () => {
    const dir = await stateDir();
    await chmod(dir, 0o777);
    const r = await runAsNobody(daemonArgs({ session: 't-np', stateDir: dir, bridgeIp: '127.0.0.1' }));
    assert.equal(r.ready, null);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /PRIVILEGE_REQUIRED/);
  });

  test('without root, proxy-only starts, says so, and denies unregistered clients with 403 JSON', async () => {
    const dir = await stateDir();
    await chmod(dir, 0o777);
    const r = await runAsNobody(
      daemonArgs({ session: 't-po', stateDir: dir, bridgeIp: '127.0.0.1', proxyOnly: true }),
    );
    assert.ok(r.ready?.startsWith(READY_PREFIX), r.stderr);
    const handle = JSON.parse(r.ready?.slice(READY_PREFIX.length) ?? '{}') as { enforcement: string };
    assert.equal(handle.enforcement, 'proxy-only');
    assert.match(r.stderr, /proxy-only/);
  });

  test('the explicit proxy answers an unregistered client with 403 and the policy_denied body', async () => {
    const dir = await stateDir();
    const handle = await startGateway({ session: 't-403', stateDir: dir, bridgeIp: '127.0.0.1' });
    const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: handle.ports.proxy,
          path: 'http://evil.test/',
          headers: { host: 'evil.test' },
        },
        (res) => {
          let body = '';
          res.on('data', (d: Buffer) => {
            body += d.toString();
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject);
      req.end();
    });
    assert.equal(status, 403);
    assert.deepEqual(Object.keys(JSON.parse(body)), ['error', 'host', 'port', 'binary', 'reason']);
    assert.equal(JSON.parse(body).error, 'policy_denied');
    await stopGateway(dir);
    // gateway.log: every line starts with one timestamp and holds no other (a decision's line had two).
    const lines = (await readFile(join(dir, 'gateway.log'), 'utf8')).split('\n').filter(Boolean);
    assert.ok(
      lines.some((l) => /DENIED .*evil\.test/.test(l)),
      lines.join('\n'),
    );
    const stamp = /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/g;
    for (const line of lines) {
      assert.match(line, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z \S/, line);
      assert.equal(line.match(stamp)?.length, 1, line);
    }
  });

  test('its starter gone before the readiness line (stdout closed): the daemon stops and says why, no crash', async () => {
    const dir = await stateDir();
    const { child, exited } = daemon(
      daemonArgs({ session: 't-orphan', stateDir: dir, bridgeIp: '127.0.0.1', proxyOnly: true }),
      { stdin: 'ignore' },
    );
    child.stdout?.destroy(); // before the daemon writes its first line: every write of it fails (EPIPE)
    const r = await exited;
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /gateway start ended: the process that started it is gone/, r.stderr);
    assert.doesNotMatch(r.stderr, /Unhandled 'error' event|EPIPE/, r.stderr);
    assert.equal((await gatewayStatus(dir)).running, false);
  });

  test('asked to stop while it waits for the bridge address: the daemon stops and says why', async () => {
    const dir = await stateDir();
    const { child, exited } = daemon(
      daemonArgs({ session: 't-stopwait', stateDir: dir, bridgeIp: new Promise<string>(() => undefined) }),
    );
    // Its first line: from then on it is waiting for the address on stdin (which stays open).
    await new Promise<void>((resolve) =>
      child.stdout?.on('data', (d: Buffer) => {
        if (d.toString().includes(STARTING_LINE)) resolve();
      }),
    );
    child.kill('SIGTERM');
    const r = await exited;
    assert.deepEqual([r.code, r.signal], [1, null], r.stderr);
    assert.match(r.stderr, /gateway start ended: asked to stop \(SIGTERM\)/, r.stderr);
  });
});
