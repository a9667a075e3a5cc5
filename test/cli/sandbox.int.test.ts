// `paddock sandbox …` end to end, spawned as a user would, in a session of its own.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { EXIT } from '../../src/common/errors.js';
import type { EgressEvent } from '../../src/common/event.js';
import { connectEngine } from '../../src/sandbox/engine.js';
import { bootstrapImage } from '../../src/sandbox/image/bootstrap.js';
import { CLI, ok, paddock, ROOT, testSession } from './paddock.js';

const session = testSession('t-cli-sbx');
const jsonl = (text: string): EgressEvent[] =>
  text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as EgressEvent);

/** Every Docker object the session owns. */
async function leftovers(id: string): Promise<string[]> {
  const { docker } = await connectEngine();
  const filters = { label: [`paddock.session=${id}`] };
  const [containers, volumes, networks] = await Promise.all([
    docker.listContainers({ all: true, filters }),
    docker.listVolumes({ filters }),
    docker.listNetworks({ filters }),
  ]);
  return [
    ...containers.map((c) => `container ${c.Names[0]}`),
    ...(volumes.Volumes ?? []).map((v) => `volume ${v.Name}`),
    ...networks.map((n) => `network ${n.Name}`),
  ];
}

describe('paddock sandbox', () => {
  before(async () => {
    await bootstrapImage();
  });
  after(async () => {
    await paddock(session, ['sandbox', 'prune']);
  });

  test('create with no --policy applies the default policy: a .test host is denied, nothing is allowed', async () => {
    const created = await ok(session, ['sandbox', 'create', '--name', 'box', '-e', 'GREETING=hi']);
    assert.equal(created.out, 'box\n');
    const probe = await paddock(session, [
      'sandbox',
      'exec',
      'box',
      '--',
      'sh',
      '-c',
      'curl -s -m 5 https://evil.test/; echo curl=$?; wget -q -T 3 -O- http://203.0.113.9/ ; echo wget=$?; ' +
        "nslookup exfil.test >/dev/null 2>&1; echo dns=$?; node -e \"fetch('https://exfil.test/').then(()=>console.log('node=ok'),()=>console.log('node=fail'))\"",
    ]);
    assert.equal(probe.code, 0, probe.stderr);
    assert.match(probe.out, /curl=[1-9]/);
    assert.match(probe.out, /wget=[1-9]/);
    assert.match(probe.out, /dns=[1-9]/);
    assert.match(probe.out, /node=fail/);
    const logs = await ok(session, ['sandbox', 'logs', 'box', '-o', 'json']);
    const events = jsonl(logs.out);
    assert.ok(
      events.some((e) => e.action === 'deny' && e.host === 'evil.test' && e.binary === '/usr/bin/curl'),
      logs.out,
    );
    assert.ok(
      events.some((e) => e.action === 'deny' && e.ip === '203.0.113.9'),
      logs.out,
    );
    assert.deepEqual(
      events.filter((e) => e.action !== 'deny'),
      [],
      'the default policy allowed something',
    );
    const human = await ok(session, ['sandbox', 'logs', 'box', '--denied']);
    assert.match(
      human.out,
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z DENIED \/usr\/bin\/curl\(\d+\) -> evil\.test:443 \[policy:- reason:[^\]]+\]$/m,
    );
  });

  test('exec passes the exit code, stdout and stderr of the command through', async () => {
    const r = await paddock(session, [
      'sandbox',
      'exec',
      'box',
      '--',
      'sh',
      '-c',
      'echo "$GREETING out"; echo err >&2; exit 7',
    ]);
    assert.equal(r.code, 7);
    assert.equal(r.out, 'hi out\n');
    assert.match(r.stderr, /^err$/m);
  });

  test('exec -i feeds stdin; --timeout kills the command and exits 124', async () => {
    const cat = await paddock(session, ['sandbox', 'exec', '-i', 'box', '--', 'cat'], { input: 'piped\n' });
    assert.equal(cat.out, 'piped\n');
    const started = Date.now();
    const slow = await paddock(session, ['sandbox', 'exec', 'box', '--timeout', '1s', '--', 'sleep', '30']);
    assert.equal(slow.code, 124, slow.stderr);
    assert.ok(Date.now() - started < 20_000);
  });

  test('list and get print data as a table or JSON', async () => {
    const list = JSON.parse((await ok(session, ['sandbox', 'list', '-o', 'json'])).out) as {
      name: string;
      state: string;
      policy: string;
    }[];
    assert.deepEqual(
      list.map((s) => [s.name, s.state, s.policy]),
      [['box', 'running', 'default']],
    );
    const table = await ok(session, ['sandbox', 'list']);
    assert.match(
      table.out,
      /^NAME\s+STATE\s+IMAGE\s+IP\s+POLICY\nbox\s+running\s+paddock\/base:latest\s+172\.\S+\s+default\n$/,
    );
    const get = JSON.parse((await ok(session, ['sandbox', 'get', 'box', '-o', 'json'])).out) as {
      name: string;
      session: string;
    };
    assert.equal(get.name, 'box');
    assert.equal(get.session, session.id);
  });

  test('an unknown sandbox is exit 3 with its name on stderr, for every verb', async () => {
    for (const args of [
      ['get', 'nope'],
      ['exec', 'nope', '--', 'true'],
      ['restart', 'nope'],
      ['delete', 'nope'],
      ['logs', 'nope'],
    ]) {
      const r = await paddock(session, ['sandbox', ...args]);
      assert.equal(r.code, EXIT.invalidInput, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, /nope/);
    }
  });

  test('logs --follow prints decisions as they happen', async () => {
    const child = spawn(process.execPath, [...CLI, 'sandbox', 'logs', 'box', '--follow', '--denied'], {
      cwd: ROOT,
      env: session.env,
    });
    let out = '';
    const seen = new Promise<void>((resolve) => {
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        if (/follow\.test/.test(out)) resolve();
      });
    });
    await new Promise((r) => setTimeout(r, 2000));
    await paddock(session, ['sandbox', 'exec', 'box', '--', 'curl', '-s', '-m', '3', 'http://follow.test/']);
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    await seen;
    clearTimeout(timer);
    child.kill('SIGINT');
    const code = await new Promise((r) => child.once('close', r));
    assert.equal(code, 0);
    assert.match(out, /DENIED \/usr\/bin\/curl\(\d+\) -> follow\.test:80/);
  });

  test('delete removes the sandbox; its decision log stays readable', async () => {
    await ok(session, ['sandbox', 'create', '--name', 'gone']);
    await ok(session, [
      'sandbox',
      'exec',
      'gone',
      '--',
      'sh',
      '-c',
      'curl -s -m 3 https://bye.test/ || true',
    ]);
    await ok(session, ['sandbox', 'delete', 'gone']);
    const list = JSON.parse((await ok(session, ['sandbox', 'list', '-o', 'json'])).out) as { name: string }[];
    assert.deepEqual(
      list.map((s) => s.name),
      ['box'],
    );
    const logs = await ok(session, ['sandbox', 'logs', 'gone']);
    assert.match(logs.out, /bye\.test:443/);
  });

  test('connect opens a shell (piped stdin works without a TTY) and exits with its status', async () => {
    const r = await paddock(session, ['sandbox', 'connect', 'box'], {
      input: 'echo "in-shell $HOME $(id -u)"; exit 3\n',
    });
    assert.equal(r.code, 3, r.stderr);
    assert.match(r.out, /in-shell \/sandbox 1000/);
  });

  test('create -- CMD runs CMD right away with its exit code; the sandbox stays', async () => {
    const r = await paddock(session, [
      'sandbox',
      'create',
      '--name',
      'withcmd',
      '--',
      'sh',
      '-c',
      'echo ran; exit 4',
    ]);
    assert.equal(r.code, 4, r.stderr);
    assert.equal(r.out, 'ran\n');
    const list = JSON.parse((await ok(session, ['sandbox', 'list', '-o', 'json'])).out) as { name: string }[];
    assert.ok(list.some((s) => s.name === 'withcmd'));
  });

  test('gateway stop leaves logs readable; status says stopped (exit 1); create starts it again on demand', async () => {
    const stop = await ok(session, ['gateway', 'stop']);
    assert.match(stop.stderr, /stopped/);
    const status = await paddock(session, ['gateway', 'status', '-o', 'json']);
    assert.equal(status.code, 1);
    assert.equal((JSON.parse(status.out) as { running: boolean }).running, false);
    assert.match((await ok(session, ['sandbox', 'logs', 'box'])).out, /evil\.test:443/);
    await ok(session, ['sandbox', 'create', '--name', 'again']);
    assert.equal((await paddock(session, ['gateway', 'status'])).code, 0);
    const denied = await paddock(session, [
      'sandbox',
      'exec',
      'again',
      '--',
      'curl',
      '-s',
      '-m',
      '3',
      'https://evil.test/',
    ]);
    assert.notEqual(denied.code, 0);
  });

  test('prune leaves nothing: no container, volume, network or gateway of the session', async () => {
    await ok(session, ['sandbox', 'create', '--name', 'extra', '-v', 'shared:/shared']);
    assert.ok((await leftovers(session.id)).length > 0);
    const status = JSON.parse((await ok(session, ['gateway', 'status', '-o', 'json'])).out) as {
      pid: number;
    };
    await ok(session, ['sandbox', 'prune']);
    assert.deepEqual(await leftovers(session.id), []);
    const after = await paddock(session, ['gateway', 'status']);
    assert.equal(after.code, 1);
    assert.match(after.out, /running: false/);
    assert.throws(() => process.kill(status.pid, 0), /ESRCH/);
  });
});
