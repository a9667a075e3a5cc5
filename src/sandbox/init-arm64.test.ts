// The committed arm64 paddock-init, executed (under qemu-user on an x86-64 host): its probe answers, and as
// PID 1 of a fresh pid namespace it runs nothing before the host's SIGUSR1, then runs the command; in linger
// mode it wipes the key from the command's environment and writes the keyed end line. Skipped only when
// qemu-aarch64-static is absent (Debian: apt-get install qemu-user-static); on an arm64 host it runs natively.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { initBinary } from './init.js';

const BINARY = initBinary('arm64');
const QEMU = '/usr/bin/qemu-aarch64-static';
const native = process.arch === 'arm64';
const skip = native || existsSync(QEMU) ? false : `${QEMU} is absent (apt-get install qemu-user-static)`;
const runner = native ? [BINARY] : [QEMU, BINARY];
// A new pid namespace needs root, or an unprivileged user namespace around it.
const unshare = process.getuid?.() === 0 ? ['unshare', '--pid', '--fork'] : ['unshare', '-rpf'];

/** The pid of `parent`'s first child, once it has one (unshare forks init). */
function childOf(parent: number): number | undefined {
  try {
    const text = readFileSync(`/proc/${parent}/task/${parent}/children`, 'utf8').trim();
    return text ? Number(text.split(' ')[0]) : undefined;
  } catch {
    return undefined;
  }
}

const IGNORED = /paddock-init: ignored signal 28 from pid 0 before the fence/;
const IGNORED_LINES = /paddock-init: ignored signal 28 from pid 0 before the fence\n/g;

/** Run init as PID 1 with `args`; release it once it waits; resolve with its output and status. */
async function asPid1(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; out: string; err: string; early: string }> {
  const child = spawn(unshare[0] as string, [...unshare.slice(1), ...runner, ...args], {
    env: { PATH: '/usr/bin:/bin', ...env },
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d));
  child.stderr.on('data', (d: Buffer) => (err += d));
  const exited = new Promise<number | null>((resolve) => child.once('close', resolve));
  // Readiness without a sleep: SIGWINCH (ignored by default, so harmless early) until init says it ignored one,
  // which it does only from its fence wait, with every signal blocked.
  let init: number | undefined;
  const waiting = new Promise<void>((resolve) => {
    const tick = setInterval(() => {
      init ??= childOf(child.pid as number);
      if (init) process.kill(init, 'SIGWINCH');
      if (IGNORED.test(err)) {
        clearInterval(tick);
        resolve();
      }
    }, 5);
  });
  await Promise.race([waiting, exited]);
  assert.ok(init, 'init started');
  err = err.replace(IGNORED_LINES, '');
  const early = out + err;
  process.kill(init, 'SIGUSR1'); // from outside its pid namespace: si_pid is 0 there
  if (env.PADDOCK_RUN_KEY) {
    while (!err.includes('run ended') || !out.includes('run ended'))
      await new Promise((r) => {
        child.stdout.once('data', r);
        child.stderr.once('data', r);
      });
    process.kill(init, 'SIGTERM'); // a lingering init stops only on the host's word
  }
  const code = await exited;
  return { code, out, err: err.replace(IGNORED_LINES, ''), early };
}

describe('the arm64 paddock-init, executed', { skip }, () => {
  test('probe answers with an ABI line', () => {
    const r = spawnSync(runner[0] as string, [...runner.slice(1), 'probe'], { encoding: 'utf8' });
    assert.equal(r.status, 0);
    assert.match(r.stdout, /^abi \d+/);
  });

  test('as PID 1: nothing before the fence signal, then the command and its status', async () => {
    const r = await asPid1(['--', '/bin/sh', '-c', 'echo ran; exit 3']);
    assert.deepEqual(r, { code: 3, out: 'ran\n', err: '', early: '' });
  });

  test('linger mode: the key is wiped from the command, the end line carries it', async () => {
    const key = 'f'.repeat(32);
    const r = await asPid1(['-m', 'linger', '--', '/bin/sh', '-c', 'echo "[$PADDOCK_RUN_KEY]"; exit 4'], {
      PADDOCK_RUN_KEY: key,
    });
    assert.deepEqual(r, {
      code: 0,
      out: `[]\npaddock-init: run ended ${key} status 4\n`,
      err: `paddock-init: run ended ${key} status 4\n`,
      early: '',
    });
  });
});
