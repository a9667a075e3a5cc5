// paddock-init as PID 1, on the real engine: it runs nothing before the host's fence signal (and a signal
// from inside does not count), then exits with its command's status, forwards signals and reaps orphans.
import assert from 'node:assert/strict';
import type { Readable } from 'node:stream';
import { after, before, test } from 'node:test';
import type Docker from 'dockerode';
import { SECURITY_OPT } from '../../src/sandbox/create-options.js';
import { connectEngine, initBinary } from '../../src/sandbox/index.js';
import { IMAGE, testSession } from './fixture.js';

let session: string;
let cleanup: () => Promise<void>;
before(async () => ({ session, cleanup } = await testSession()));
after(() => cleanup());

/** A container whose PID 1 is paddock-init with `args`, as a sandbox has it; its output is collected. */
async function initContainer(
  args: string[],
): Promise<{ c: Docker.Container; output: () => string; until: (re: RegExp) => Promise<void> }> {
  const { docker } = await connectEngine();
  const c = await docker.createContainer({
    Image: IMAGE,
    User: '1000:1000',
    Entrypoint: ['/.paddock/init', ...args],
    Cmd: [],
    Tty: false,
    Labels: { 'paddock.session': session },
    HostConfig: {
      NetworkMode: 'none',
      SecurityOpt: SECURITY_OPT,
      CapDrop: ['ALL'],
      Mounts: [{ Type: 'bind', Source: initBinary(), Target: '/.paddock/init', ReadOnly: true }],
    },
  });
  const stream = (await c.attach({ stream: true, stdout: true, stderr: true })) as unknown as Readable;
  let text = '';
  const waiters: [RegExp, () => void][] = [];
  stream.on('data', (chunk: Buffer) => {
    // Multiplexed frames: drop the 8-byte headers (text output only).
    for (let i = 0; i + 8 <= chunk.length; ) {
      const size = chunk.readUInt32BE(i + 4);
      text += chunk.toString('utf8', i + 8, i + 8 + size);
      i += 8 + size;
    }
    for (const [re, done] of waiters) if (re.test(text)) done();
  });
  await c.start();
  return {
    c,
    output: () => text,
    until: (re) => new Promise((resolve) => (re.test(text) ? resolve() : waiters.push([re, resolve]))),
  };
}

const exitOf = async (c: Docker.Container): Promise<number> =>
  ((await c.wait()) as { StatusCode: number }).StatusCode;
const fence = (c: Docker.Container) => c.kill({ signal: 'SIGUSR1' });
const inside = async (c: Docker.Container, cmd: string): Promise<string> => {
  const exec = await c.exec({
    Cmd: ['sh', '-c', cmd],
    User: '1000:1000',
    AttachStdout: true,
    AttachStderr: true,
  });
  const stream = (await exec.start({ hijack: true, stdin: false })) as unknown as Readable;
  const chunks: Buffer[] = [];
  stream.on('data', (b: Buffer) => chunks.push(b));
  await new Promise((r) => stream.once('end', r).once('close', r));
  return Buffer.concat(chunks).toString('latin1');
};

test('nothing runs before the fence; a fake fence signal from inside is ignored; the host’s starts the command', async () => {
  const { c, output, until } = await initContainer(['--', 'sh', '-c', 'echo command-ran; exit 7']);
  try {
    // A process in the sandbox (here a raw exec, as an attacker would be) signals PID 1 as the host would.
    await inside(c, 'kill -USR1 1');
    await until(/ignored signal 10 from pid \d+ before the fence/);
    assert.doesNotMatch(output(), /command-ran/);
    assert.match(await inside(c, 'cat /proc/1/comm'), /\binit\n$/); // not yet paddock-fenced
    await fence(c);
    assert.equal(await exitOf(c), 7);
    assert.match(output(), /command-ran/);
  } finally {
    await c.remove({ force: true });
  }
});

test('an exec through init waits for the fence, then runs', async () => {
  const { c } = await initContainer(['--']);
  try {
    const { docker } = await connectEngine();
    const exec = await docker.getContainer(c.id).exec({
      Cmd: ['/.paddock/init', 'exec', '--', 'sh', '-c', 'echo exec-ran'],
      User: '1000:1000',
      AttachStdout: true,
    });
    const stream = (await exec.start({ hijack: true, stdin: false })) as unknown as Readable;
    let out = '';
    stream.on('data', (b: Buffer) => (out += b.toString('latin1')));
    const ended = new Promise((r) => stream.once('end', r).once('close', r));
    // Until the exec'd init is seen in the process list (it started and waits), then a fake signal.
    for (let i = 0; i < 200 && !/init exec/.test(await inside(c, 'ps -o args')); i++);
    await inside(c, 'kill -USR1 1'); // not the host: still waiting
    const ps = await inside(c, 'ps -o args');
    assert.match(ps, /\/\.paddock\/init exec -- sh -c echo exec-ran/);
    assert.doesNotMatch(out, /exec-ran/);
    await fence(c);
    await ended;
    assert.match(out, /exec-ran/);
    assert.equal((await exec.inspect()).ExitCode, 0);
  } finally {
    await c.remove({ force: true });
  }
});

test('a command killed by a signal exits 128+N', async () => {
  const { c } = await initContainer(['--', 'sh', '-c', 'kill -KILL $$']);
  await fence(c);
  assert.equal(await exitOf(c), 137);
  await c.remove({ force: true });
});

test('SIGTERM to the container is forwarded to the command (its trap decides the status)', async () => {
  const { c, until } = await initContainer([
    '--',
    'sh',
    '-c',
    'trap "echo got-term; exit 42" TERM; echo trapped; while :; do sleep 1 & wait $!; done',
  ]);
  await fence(c);
  await until(/trapped/);
  await c.kill({ signal: 'SIGTERM' });
  assert.equal(await exitOf(c), 42);
  await c.remove({ force: true });
});

test('orphans are reaped: no zombie is left once they exit', async () => {
  // Twenty orphans (their parent subshell exits at once) end; PID 1 must collect them. The command polls /proc
  // for zombies a bounded number of times and reports what it saw last.
  const script = `for i in $(seq 20); do (true &) ; done
n=0; while [ $n -lt 500 ]; do z=$(cat /proc/[0-9]*/stat 2>/dev/null | awk '$3=="Z"' | wc -l); [ "$z" = 0 ] && break; n=$((n+1)); done
echo "zombies $z"`;
  const { c, output } = await initContainer(['--', 'sh', '-c', script]);
  await fence(c);
  assert.equal(await exitOf(c), 0);
  assert.match(output(), /zombies 0\n/);
  await c.remove({ force: true });
});

test('holding (no command): SIGTERM stops it with 0, as the shell holder did', async () => {
  const { c } = await initContainer(['--']);
  await fence(c);
  await c.kill({ signal: 'SIGTERM' });
  assert.equal(await exitOf(c), 0);
  await c.remove({ force: true });
});
