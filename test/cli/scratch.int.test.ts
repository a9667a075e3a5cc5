// Any image works: one built FROM scratch with a single static binary (no shell, no libc, nothing else) runs
// under `paddock run` and in an eval, behind paddock-init and the fence: its connection is the gateway's call.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { pack } from 'tar-stream';
import type { EgressEvent } from '../../src/common/event.js';
import { connectEngine } from '../../src/sandbox/index.js';
import { specDir } from '../eval/e2e.js';
import { paddock, testSession } from './paddock.js';

const IMAGE = 'paddock-test/scratch-agent:1';
const session = testSession('t-scratch');

/** Compile fixtures/scratch/agent.c statically and import a rootfs holding only /agent. */
async function scratchImage(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'paddock-scratch-'));
  const bin = join(dir, 'agent');
  execFileSync('musl-gcc', [
    '-static',
    '-Os',
    '-o',
    bin,
    join(import.meta.dirname, 'fixtures', 'scratch', 'agent.c'),
  ]);
  const tar = pack();
  tar.entry({ name: 'agent', mode: 0o755 }, await readFile(bin));
  tar.finalize();
  const { docker } = await connectEngine();
  const stream = (await docker.importImage(Readable.from(tar as AsyncIterable<Buffer>), {
    repo: 'paddock-test/scratch-agent',
    tag: '1',
  } as object)) as NodeJS.ReadableStream;
  await new Promise((resolve, reject) => stream.on('end', resolve).on('error', reject).resume());
  const image = await docker.getImage(IMAGE).inspect();
  assert.equal(image.RootFS?.Layers?.length, 1);
}

/** The default policy, plus the one binary (what is not listed is inaccessible under Landlock). */
const POLICY =
  'version: 1\nextends: default\nfilesystem_policy:\n  include_workdir: true\n  read_only: [/agent]\n';

describe('an image FROM scratch with one static binary', () => {
  let policy: string;
  before(async () => {
    await scratchImage();
    policy = join(await mkdtemp(join(tmpdir(), 'paddock-scratch-policy-')), 'policy.yaml');
    await writeFile(policy, POLICY);
  });
  after(async () => {
    await paddock(session, ['sandbox', 'prune']);
  });

  test('paddock run: it runs, and its connection is denied by the gateway', async () => {
    const r = await paddock(session, ['run', '--image', IMAGE, '--policy', policy, '--', '/agent']);
    assert.equal(r.code, 0, r.stderr);
    // The fence takes the connection to the gateway, which denies it: nothing is read (EOF or a reset).
    assert.match(r.out, /^hello from a scratch image\nread (0|-1)\n$/);
    assert.match(r.stderr, /DENIED \/agent -> 192\.0\.2\.10:8080/);
  });

  test('eval run: exec-form run, fenced, the denial is the expected one', async () => {
    const spec = [
      'version: 1',
      `image: ${IMAGE}`,
      `policy: ${policy}`,
      'run: [/agent]',
      'expect: { exit-code: 0, egress: { denied: [192.0.2.10] } }',
      'timeout: 1m',
    ].join('\n');
    const { dir, spec: file } = await specDir({ 'paddock.yml': spec });
    const results = join(dir, 'results');
    const r = await paddock(session, ['eval', 'run', file, '--results', results]);
    assert.equal(r.code, 0, r.stderr);
    const summary = JSON.parse(await readFile(join(results, 'results.json'), 'utf8')) as {
      runs: { status: string; paths: { dir: string; stdout: string }; landlock?: { enforced: boolean } }[];
    };
    const [run] = summary.runs;
    assert.equal(run?.status, 'passed');
    assert.match(
      await readFile(join(results, run?.paths.stdout ?? ''), 'utf8'),
      /^hello from a scratch image\nread (0|-1)\n$/,
    );
    const record = JSON.parse(await readFile(join(results, run?.paths.dir ?? '', 'run.json'), 'utf8')) as {
      landlock?: { enforced: boolean; abi: number };
    };
    assert.equal(record.landlock?.enforced, true, JSON.stringify(record.landlock));
    const events = (await readFile(join(results, 'egress.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as EgressEvent);
    assert.ok(
      events.some((e) => e.action === 'deny' && e.binary === '/agent' && e.ip === '192.0.2.10'),
      JSON.stringify(events),
    );
  });
});
