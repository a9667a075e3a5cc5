// Teardown never reports a stop it did not get: as a user who cannot signal the gateway (no sudo), stopGateway
// throws, closeSession says `running`, and the state folder (how the gateway is found again) stays.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { Session } from '../../src/session/index.js';

const ROOT = resolve(import.meta.dirname, '../..');
const asRoot = process.getuid?.() === 0;
const setpriv = spawnSync('setpriv', ['--version']).status === 0;

test('a gateway that cannot be stopped is reported running and its state folder is kept', {
  skip: asRoot && setpriv ? false : 'needs root and setpriv (to act as a user who cannot signal it)',
}, async () => {
  const dir = await mkdtemp(join(tmpdir(), 'paddock-close-'));
  await chmod(dir, 0o777);
  const gateway = spawn('sleep', ['600'], { stdio: 'ignore' }); // root's: nobody cannot signal it
  try {
    await writeFile(join(dir, 'gateway.pid'), `${gateway.pid}\n`);
    const script = join(dir, 'close.mts');
    await writeFile(
      script,
      [
        `import { closeSession } from '${join(ROOT, 'src/session/index.ts')}';`,
        `const r = await closeSession({ id: 't-close-nobody', stateDir: '${dir}' }, { removeState: true });`,
        'console.log(JSON.stringify(r));',
      ].join('\n'),
    );
    const out = spawnSync(
      'setpriv',
      ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, '--import', 'tsx', script],
      {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 60_000,
        env: { ...process.env, DOCKER_HOST: 'unix:///nonexistent.sock' },
      },
    );
    assert.equal(out.status, 0, out.stderr);
    const report = JSON.parse(out.stdout.trim().split('\n').at(-1) ?? '{}');
    assert.equal(report.gateway, 'running', out.stdout);
    assert.equal(report.stateRemoved, false);
    assert.ok(
      report.problems.some((p: string) => /gateway: .*still runs/.test(p)),
      out.stdout,
    );
    assert.ok(existsSync(join(dir, 'gateway.pid')), 'the state folder stays');
    assert.equal(gateway.exitCode, null, 'the gateway still runs');
  } finally {
    gateway.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
  }
});

/** Pids of live processes whose command line holds `--state-dir dir` (a gateway daemon of that state folder). */
function daemonsOf(dir: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      const at = args.indexOf('--state-dir');
      if (at >= 0 && args[at + 1] === dir) pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

test('a session closed while its gateway is still starting stops that daemon first: none is left, nor its folder', {
  skip: asRoot ? false : 'needs root (a fencing gateway)',
}, async () => {
  const parent = await mkdtemp(join(tmpdir(), 'paddock-close-'));
  const dir = join(parent, 'state');
  try {
    // start() hands the session over before its gateway is ready (the daemon from source loads for a second),
    // and close() waits for the network, by when that daemon has been spawned.
    const session = await Session.start({
      id: `t-close-early-${process.pid}`,
      stateDir: dir,
      exclusive: true,
    });
    const report = await session.close();
    assert.deepEqual(daemonsOf(dir), [], 'no daemon of the session is left once close() returns');
    assert.equal(report.stateRemoved, true, JSON.stringify(report));
    assert.equal(existsSync(dir), false);
  } finally {
    for (const pid of daemonsOf(dir)) process.kill(pid, 'SIGKILL');
    await rm(parent, { recursive: true, force: true });
  }
});
