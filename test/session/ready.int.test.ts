// Readiness holds across processes: while one `paddock sandbox create` (or `restart`) waits for its fence, a
// `paddock sandbox exec` from another process is refused. The gateway here is a stand-in on the session's
// control socket that holds each registration until the test lets it go, so the window is deterministic.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { EXIT } from '../../src/common/errors.js';
import { statePaths } from '../../src/gateway/index.js';
import { bootstrapImage } from '../../src/sandbox/image/bootstrap.js';
import { connectEngine, containerName, INIT_PATH, prune } from '../../src/sandbox/index.js';
import { CLI, ok, paddock, ROOT, testSession } from '../cli/paddock.js';

const session = testSession('t-ready');
const paths = statePaths(session.stateDir);

/** A control API that answers health at once and holds every POST /sandboxes until `release()`. */
function heldGateway() {
  const held: ServerResponse[] = [];
  let arrived: (() => void) | undefined;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    req.resume();
    const reply = (value: unknown) =>
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(value));
    if (req.method === 'GET' && req.url === '/health') {
      return reply({ ok: true, pid: process.pid, session: session.id, sandboxes: [] });
    }
    if (req.method === 'POST' && req.url === '/sandboxes') {
      req.on('end', () => {
        held.push(res);
        arrived?.();
      });
      return;
    }
    return reply({ ok: true }); // unregister
  });
  return {
    server,
    /** Resolves when a registration (a fence request) is being held. */
    registration: () =>
      new Promise<void>((resolve) => {
        arrived = resolve;
      }),
    release() {
      for (const res of held.splice(0)) res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    },
  };
}

/** `paddock …` left running; resolves with its exit code and output when it ends. */
function background(args: readonly string[]) {
  const child = spawn(process.execPath, [...CLI, ...args], { cwd: ROOT, env: session.env });
  let out = '';
  let err = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  const done = new Promise<{ code: number | null; out: string; err: string }>((resolve) =>
    child.once('close', (code) => resolve({ code, out, err })),
  );
  return { done };
}

/** `paddock-init exec -- sh -c CMD` in the sandbox straight through the engine, skipping paddock's readiness check. */
async function rawInitExec(name: string, cmd: string) {
  const { docker } = await connectEngine();
  const exec = await docker.getContainer(containerName(session.id, name)).exec({
    Cmd: [INIT_PATH, 'exec', '--', 'sh', '-c', cmd],
    User: '1000:1000',
    AttachStdout: true,
  });
  const stream = (await exec.start({ hijack: true, stdin: false })) as unknown as NodeJS.ReadableStream;
  let out = '';
  stream.on('data', (b: Buffer) => (out += b.toString('latin1')));
  const done = new Promise<string>((r) => stream.once('end', () => r(out)).once('close', () => r(out)));
  return { out: () => out, done };
}

describe('readiness across processes', () => {
  const gw = heldGateway();
  before(async () => {
    await bootstrapImage();
    await new Promise<void>((r) => gw.server.listen(paths.socket, r));
    // As the daemon leaves them: the pid file (a live pid) and gateway.json.
    await writeFile(paths.pid, `${process.pid}\n`);
    await writeFile(
      paths.handle,
      JSON.stringify({
        pid: process.pid,
        socketPath: paths.socket,
        eventsPath: paths.events,
        logPath: paths.log,
        proxyUrl: 'http://192.0.2.1:3128',
        noProxy: 'localhost',
        ports: { proxy: 3128, transparent: 15001, dns: 53, udp: 15002, over: 15003 },
        enforcement: 'enforce',
      }),
    );
  });
  after(async () => {
    gw.release();
    gw.server.close();
    await rm(paths.pid, { force: true }); // the stand-in is this process: nothing may signal it
    await prune({ session: session.id });
    await rm(session.stateDir, { recursive: true, force: true });
  });

  test('exec from another process is refused while create waits for the fence, and runs once it is in', async () => {
    const registered = gw.registration();
    const create = background(['sandbox', 'create', '--name', 'box']);
    await registered; // the holder runs; the fence is pending
    const early = await paddock(session, ['sandbox', 'exec', 'box', '--', 'echo', 'ran-before-fence']);
    assert.equal(early.code, EXIT.gateway, early.stderr);
    assert.match(early.stderr, /not ready/);
    assert.doesNotMatch(early.out, /ran-before-fence/);
    const connect = await paddock(session, ['sandbox', 'connect', 'box'], {
      input: 'echo ran-before-fence\n',
    });
    assert.equal(connect.code, EXIT.gateway, connect.stderr);
    assert.doesNotMatch(connect.out, /ran-before-fence/);
    // Past the host's check (a raw engine exec through init, as paddock makes them): init holds it.
    const raw = await rawInitExec('box', 'echo raw-ran');
    assert.doesNotMatch(raw.out(), /raw-ran/);

    gw.release();
    const created = await create.done;
    assert.equal(created.code, 0, created.err);
    assert.match(await raw.done, /raw-ran/); // the fence is in: now it ran
    const late = await ok(session, ['sandbox', 'exec', 'box', '--', 'echo', 'ran-after-fence']);
    assert.equal(late.out, 'ran-after-fence\n');
  });

  test('exec is refused while restart waits for the new container’s fence', async () => {
    const registered = gw.registration();
    const restart = background(['sandbox', 'restart', 'box']);
    await registered;
    const early = await paddock(session, ['sandbox', 'exec', 'box', '--', 'echo', 'ran-before-fence']);
    assert.equal(early.code, EXIT.gateway, early.stderr);
    assert.doesNotMatch(early.out, /ran-before-fence/);
    gw.release();
    assert.equal((await restart.done).code, 0);
    assert.equal((await ok(session, ['sandbox', 'exec', 'box', '--', 'echo', 'ok'])).out, 'ok\n');
  });
});
