import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { blocks, inSigwait, isInitOf } from './signal.js';

const id = 'a'.repeat(64);
const other = 'b'.repeat(64);
const v1 = `4:memory:/docker/${id}\n0::/docker/${id}\n`;
const v2 = `0::/system.slice/docker-${id}.scope\n`;
const init = 'Name:\tinit\nNSpid:\t6118\t1\n';

describe('isInitOf: only init of that very container is signalled from the host', () => {
  const rows: [string, string, string, string, boolean][] = [
    ['init in the container (cgroup v1 paths)', v1, init, id, true],
    ['init in the container (systemd scope)', v2, init, id, true],
    ['init of another container', `0::/docker/${other}\n`, init, id, false],
    ['another process of the container (not PID 1 there)', v1, 'NSpid:\t6120\t7\n', id, false],
    ['a host process with the right cgroup but no own pid namespace', v1, 'NSpid:\t6118\n', id, false],
    ['no NSpid line (an old kernel): the engine sends it', v1, 'Name:\tinit\n', id, false],
    ['a short or odd container id', v1, init, 'aaaa', false],
  ];
  for (const [name, cgroup, status, container, expected] of rows)
    test(name, () => assert.equal(isInitOf(cgroup, status, container), expected));
});

describe('blocks: the host releases init only once init has the signal blocked (PID 1 drops it otherwise)', () => {
  // SIGUSR1 is 10 (bit 9, 0x200), SIGUSR2 12 (bit 11, 0x800); init blocks every signal (fffffffe7ffbfeff
  // is sigfillset minus what the kernel never blocks), a fresh process nothing.
  const status = (mask: string) => `Name:\tpaddock-init\nSigPnd:\t0000000000000000\nSigBlk:\t${mask}\n`;
  test('all blocked: SIGUSR1 and SIGUSR2 are', () => {
    assert.equal(blocks(status('fffffffe7ffbfeff'), 10), true);
    assert.equal(blocks(status('fffffffe7ffbfeff'), 12), true);
  });
  test('nothing blocked yet (init has not run its first steps): not yet', () => {
    assert.equal(blocks(status('0000000000000000'), 10), false);
  });
  test('only SIGUSR2 blocked: SIGUSR1 is not', () => {
    assert.equal(blocks(status('0000000000000800'), 10), false);
    assert.equal(blocks(status('0000000000000800'), 12), true);
  });
  test('no SigBlk line: not blocked (wait, then fail; never send into the void)', () => {
    assert.equal(blocks('Name:\tx\n', 10), false);
  });
  test("this process's own status parses (the real format)", async () => {
    const { readFileSync } = await import('node:fs');
    assert.equal(typeof blocks(readFileSync('/proc/self/status', 'utf8'), 10), 'boolean');
    assert.match(readFileSync('/proc/self/status', 'utf8'), /^SigBlk:\s+[0-9a-f]{16}$/m);
  });
});

describe('inSigwait: init waiting in sigwaitinfo is ready (SigBlk then lacks the waited signals)', () => {
  test('rt_sigtimedwait on x64 (128) and arm64 (137)', () => {
    assert.equal(inSigwait('128 0x7ffd 0x7ffd 0x0 0x8 0x0 0x0 0x7ffd 0x7f85\n', 'x64'), true);
    assert.equal(inSigwait('137 0xffff 0x0 0x0 0x8 0x0 0x0 0xffff 0xffff\n', 'arm64'), true);
  });
  test('running, or in another call: not yet', () => {
    assert.equal(inSigwait('running\n', 'x64'), false);
    assert.equal(inSigwait('14 0x0 0x0\n', 'x64'), false);
  });
  test('another architecture: cannot tell', () => {
    assert.equal(inSigwait('128 0x0\n', 'riscv64'), null);
  });
  test('a real process in sigwaitinfo shows SigBlk without the signal, and syscall says so', async () => {
    const { spawn } = await import('node:child_process');
    const { readFileSync } = await import('node:fs');
    const child = spawn('python3', [
      '-c',
      'import signal,sys\nsignal.pthread_sigmask(signal.SIG_BLOCK,{signal.SIGUSR1})\nprint("blocked",flush=True)\nsignal.sigwaitinfo({signal.SIGUSR1})',
    ]);
    try {
      await new Promise((resolve) => child.stdout.once('data', resolve));
      const pid = child.pid ?? 0;
      // Blocked first, then in sigwaitinfo: either way the signal is held, never dropped.
      let waiting = false;
      const deadline = Date.now() + 5000;
      while (!waiting && Date.now() < deadline) {
        // Status first: a process not in sigwaitinfo after it was not in it before either (it leaves only
        // with the signal), so its status then must show the signal blocked.
        const status = readFileSync(`/proc/${pid}/status`, 'utf8');
        waiting = inSigwait(readFileSync(`/proc/${pid}/syscall`, 'utf8')) === true;
        if (!waiting) assert.equal(blocks(status, 10), true);
      }
      assert.equal(waiting, true);
      assert.equal(blocks(readFileSync(`/proc/${pid}/status`, 'utf8'), 10), false);
    } finally {
      child.kill('SIGUSR1');
    }
  });
});
