// Teardown never reports a stop it did not get: as a user who cannot signal the gateway (no sudo), stopGateway
// throws, closeSession says `running`, and the state folder (how the gateway is found again) stays.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';

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
