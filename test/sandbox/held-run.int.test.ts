// An eval run without exec, on the real engine: the command is the container's own behind paddock-init
// (-m linger). It starts only on the host's release, its output comes from the container's streams, its status
// from init's keyed end line, and the sandbox stays up after it for copy-out. The command cannot forge the end.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { connectEngine } from '../../src/sandbox/engine.js';
import {
  copyIn,
  copyOut,
  createSandbox,
  getSandbox,
  type SandboxInfo,
  startHeldRun,
} from '../../src/sandbox/index.js';
import { IMAGE, testSession } from './fixture.js';

let session: string;
let cleanup: () => Promise<void>;
let dir: string;
before(async () => {
  ({ session, cleanup } = await testSession());
  dir = await mkdtemp(join(tmpdir(), 'paddock-held-'));
});
after(async () => {
  await cleanup();
  await rm(dir, { recursive: true, force: true });
});

let n = 0;
const held = (command: string | string[]): Promise<SandboxInfo> =>
  createSandbox({ session, name: `held-${++n}`, image: IMAGE, command });

async function run(
  box: SandboxInfo,
  extra: { timeoutMs?: number; maxOutputBytes?: number } = {},
): Promise<{ code: number | null; out: string; err: string; timedOut: boolean; notStarted?: string }> {
  const chunks = { out: [] as Buffer[], err: [] as Buffer[] };
  const sink = (into: Buffer[]): Writable =>
    new Writable({
      write(chunk: Buffer, _enc, done) {
        into.push(chunk);
        done();
      },
    });
  assert.ok(box.held, 'created with a command, the sandbox holds it');
  const r = await startHeldRun(box.held, { stdout: sink(chunks.out), stderr: sink(chunks.err), ...extra });
  return {
    code: r.exitCode,
    out: Buffer.concat(chunks.out).toString(),
    err: Buffer.concat(chunks.err).toString(),
    timedOut: r.timedOut,
    ...(r.notStarted ? { notStarted: r.notStarted } : {}),
  };
}

describe('a held run (the command is the container own, behind init)', () => {
  test('starts only on release, after copy-in; output, status, and /sandbox kept for copy-out', async () => {
    const box = await held('cat in.txt; echo to-err >&2; mkdir -p out; echo done > out/r.txt; exit 3');
    const early = await copyOut(box, ['out/**'], join(dir, 'early'));
    assert.deepEqual(early.files, [], 'nothing ran before the release');
    await writeFile(join(dir, 'in.txt'), 'copied-in\n');
    await copyIn(box, [{ hostPath: join(dir, 'in.txt'), path: 'in.txt' }]);
    const r = await run(box);
    assert.deepEqual(r, { code: 3, out: 'copied-in\n', err: 'to-err\n', timedOut: false });
    assert.equal((await getSandbox(session, box.name)).state, 'running', 'init lingers after the command');
    const got = await copyOut(box, ['out/**'], join(dir, 'late'));
    assert.deepEqual(got.files, ['r.txt']);
    assert.equal(await readFile(join(dir, 'late', 'r.txt'), 'utf8'), 'done\n');
  });

  test('a forged end line (any key) does not end the run; the real status wins', async () => {
    const fake = `paddock-init: run ended ${'0'.repeat(32)} status 0`;
    const box = await held(`echo "${fake}" >&2; echo "key=$PADDOCK_RUN_KEY" ; exit 7`);
    const r = await run(box);
    assert.equal(r.code, 7);
    assert.equal(r.out, 'key=\n', 'the command never sees the key');
    assert.equal(r.err, `${fake}\n`, 'the forged line is plain output');
  });

  test('the key is out of reach: /proc/1/environ and /proc/1/mem of init are closed', async () => {
    const box = await held(
      'cat /proc/1/environ 2>/dev/null | tr "\\0" "\\n" | grep -c PADDOCK_RUN_KEY; ' +
        'dd if=/proc/1/mem bs=1 count=1 2>/dev/null | wc -c',
    );
    const r = await run(box);
    assert.equal(r.code, 0);
    assert.deepEqual(r.out.trim().split('\n'), ['0', '0']);
  });

  test('processes the command left behind are killed when it ends (as docker run does)', async () => {
    const box = await held('(sleep 1000; echo late >&2) & echo started');
    const r = await run(box, { timeoutMs: 30_000 });
    assert.deepEqual([r.code, r.out, r.err, r.timedOut], [0, 'started\n', '', false]);
  });

  test('a timeout ends the run through init; the sandbox stays up', async () => {
    const box = await held(['sleep', '1000']);
    const r = await run(box, { timeoutMs: 300 });
    assert.deepEqual([r.code, r.timedOut], [137, true]);
    assert.equal((await getSandbox(session, box.name)).state, 'running');
  });

  test('output past the limit ends the run', async () => {
    const box = await held('yes | head -c 100000; sleep 1000');
    const r = await run(box, { timeoutMs: 30_000, maxOutputBytes: 1000 });
    assert.equal(r.out.length, 1000);
    assert.equal(r.code, 137);
    assert.equal(r.timedOut, false);
  });

  test('a command that is not there: 127 and paddock says so', async () => {
    const box = await held(['/no/such/agent']);
    const r = await run(box);
    assert.equal(r.code, 127);
    assert.match(r.notStarted ?? '', /command not found in the sandbox/);
    assert.match(r.err, /^paddock: "\/no\/such\/agent": command not found/);
  });
});

// Root on the engine's host (as these tests run): init's release and stop go straight from this process, and
// init takes them as from the host (si_pid 0). With the engine's kill refused, a run still starts and stops.
test('root on the engine host signals init itself: release and stop without the engine kill', async () => {
  const { docker } = await connectEngine();
  const proto = Object.getPrototypeOf(docker.getContainer('x')) as { kill: (...a: unknown[]) => unknown };
  const engineKill = proto.kill;
  const used: unknown[] = [];
  proto.kill = async (...a: unknown[]) => {
    used.push(a);
    throw new Error('the engine kill was used');
  };
  try {
    const ran = await run(await held('echo released'), { timeoutMs: 30_000 });
    assert.deepEqual([ran.code, ran.out], [0, 'released\n']);
    const stopped = await run(await held(['sleep', '1000']), { timeoutMs: 300 });
    assert.deepEqual([stopped.code, stopped.timedOut], [137, true]);
  } finally {
    proto.kill = engineKill;
  }
  assert.deepEqual(used, []);
});

test('the Landlock probe is the hook when given (a session asks once for all its sandboxes)', async () => {
  const asked: string[] = [];
  const box = await createSandbox(
    { session, name: 'probe-hook', image: IMAGE },
    {
      landlockProbe: async (container) => {
        asked.push(container.id);
        return { abi: 99 };
      },
    },
  );
  assert.deepEqual(asked, [box.id]);
  assert.equal(box.landlock?.abi, 99);
});
