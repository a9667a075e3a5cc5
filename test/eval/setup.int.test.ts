// The setup phase on the real engine: a setup installs a tool from a package server on loopback (reached as
// pkgs.test through the gateway's host map, allowed by the setup's inline policy), the runs use the tool; a second
// eval finds the image and runs no setup; a failing setup starts no run; setup's denied egress is in setup/.
import assert from 'node:assert/strict';
import { readFile, rm, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { pack } from 'tar-stream';
import { parseEvents } from '../../src/common/event.js';
import { runEval } from '../../src/eval/index.js';
import { mergeResults } from '../../src/report/index.js';
import { writeReports } from '../../src/report/write.js';
import { findImage, removeImage } from '../../src/sandbox/commit.js';
import { connectEngine } from '../../src/sandbox/engine.js';
import { bootstrapImage } from '../../src/sandbox/image/bootstrap.js';
import { leftovers, sessionId, specDir } from './e2e.js';

let server: Server;
let port = 0;
let downloads = 0;
let tarball: Buffer;
const dirs: string[] = [];
const images = new Set<string>();

/** A package as a tarball: usr/local/bin/paddock-hello, a shell script. */
async function makeTarball(): Promise<Buffer> {
  const tar = pack();
  tar.entry(
    { name: 'bin/paddock-hello', mode: 0o755 },
    '#!/bin/sh\necho "hello from the installed tool, run $1"\n',
  );
  tar.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of tar as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

before(async () => {
  await bootstrapImage();
  tarball = await makeTarball();
  server = createServer((req, res) => {
    if (req.url !== '/tool.tar') return void res.writeHead(404).end();
    downloads++;
    res.writeHead(200, { 'content-type': 'application/x-tar' }).end(tarball);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
after(async () => {
  server.close();
  for (const d of dirs) await rm(d, { recursive: true, force: true });
  for (const tag of images) await removeImage(tag);
});

/** A spec whose setup runs `install` (from install.sh) under an inline policy allowing curl to pkgs.test. */
function spec(install: string, run: string): Record<string, string> {
  return {
    'paddock.yml': [
      'version: 1',
      'matrix: { n: [one, two] }',
      `run: '${run.replaceAll("'", "''")}'`,
      'timeout: 1m',
      'gateway: { hosts: { pkgs.test: 127.0.0.1 } }',
      'setup:',
      '  run: sh install.sh',
      '  files: [install.sh]',
      '  timeout: 2m',
      '  policy:',
      '    version: 1',
      '    network_policies:',
      '      pkgs:',
      `        endpoints: [{ host: pkgs.test, port: ${port} }]`,
      '        binaries: [{ path: /usr/bin/curl }]',
    ].join('\n'),
    'install.sh': install,
  };
}

const install = (): string =>
  [
    'set -e',
    'echo "setup as uid $(id -u) phase $PADDOCK_PHASE"',
    'grep -E "^(CapEff|CapBnd|NoNewPrivs):" /proc/self/status',
    'mkdir -p /usr/local',
    `curl -sf -m 10 http://pkgs.test:${port}/tool.tar | tar -x -C /usr/local`,
    // Not allowed by the setup policy: denied, recorded under setup/, and the setup still succeeds.
    'curl -sf -m 5 http://evil.test/ >/dev/null || echo "evil.test refused"',
    // A hostile setup leaves a setuid-root interpreter for the runs: no-new-privileges must make it useless.
    'cp /usr/bin/python3 /usr/local/bin/suid-python && chmod 4755 /usr/local/bin/suid-python',
    'echo "setup wrote /sandbox/left.txt" > /sandbox/left.txt',
  ].join('\n');

const RUN = [
  'paddock-hello "$N"',
  'echo "setuid bit: $(stat -c %a /usr/local/bin/suid-python)"',
  'echo "euid under the setuid copy: $(/usr/local/bin/suid-python -c "import os; print(os.geteuid())")"',
  'if echo pwned > /usr/local/bin/paddock-hello 2>/dev/null; then echo "image writable"; else echo "image read-only"; fi',
  'if [ -e /sandbox/left.txt ]; then echo "setup /sandbox kept"; else echo "setup /sandbox gone"; fi',
].join('; ');

test('setup installs a tool once; the runs use it; a second eval reuses the image without running setup', async () => {
  const { dir, spec: file } = await specDir(spec(install(), RUN));
  dirs.push(dir);
  const session = sessionId();
  const resultsDir = join(dir, 'results');
  const first = await runEval({ spec: file, resultsDir, sessionId: session });
  const setup = first.setup;
  images.add(setup?.image ?? '');
  const log = async (f: string) => readFile(join(resultsDir, 'setup', f), 'utf8').catch(() => '');
  assert.deepEqual(
    [setup?.status, setup?.cached, setup?.exitCode, setup?.reason],
    ['passed', false, 0, ''],
    `${JSON.stringify(setup)}\n${await log('stdout.log')}\n${await log('stderr.log')}`,
  );
  assert.equal(downloads, 1);
  const setupOut = await readFile(join(resultsDir, 'setup', 'stdout.log'), 'utf8');
  assert.match(setupOut, /^setup as uid 0 phase setup$/m);
  // Root, but no capability (effective or in the bounding set) and no way to gain one.
  assert.match(setupOut, /^CapEff:\s+0{16}$/m);
  assert.match(setupOut, /^CapBnd:\s+0{16}$/m);
  assert.match(setupOut, /^NoNewPrivs:\s+1$/m);
  assert.match(setupOut, /^evil\.test refused$/m);
  // The image is tagged by its key and labelled with what it was built from.
  const image = await findImage(setup?.image ?? '');
  assert.equal(image?.id, setup?.imageId);
  assert.equal(image?.labels['paddock.setup.key'], setup?.key);
  assert.equal(image?.labels['paddock.image'], 'setup');
  assert.equal(image?.labels['paddock.setup.command'], 'sh install.sh');
  // Its config is the base image's: not the setup sandbox's root user or the gateway's proxy variables.
  const { docker } = await connectEngine();
  const config = (await docker.getImage(setup?.imageId ?? '').inspect()).Config;
  assert.equal(config.User, '1000:1000');
  assert.ok(!config.Env.some((e) => /proxy|PADDOCK_PHASE/i.test(e)), config.Env.join(' '));
  // setup's egress: allowed to pkgs.test, denied evil.test, stamped phase setup, in setup/events.jsonl.
  const events = parseEvents(await readFile(join(resultsDir, 'setup', 'events.jsonl'), 'utf8')).events;
  assert.ok(events.length > 0 && events.every((e) => e.phase === 'setup'), JSON.stringify(events));
  assert.ok(events.some((e) => e.action === 'allow' && e.host === 'pkgs.test'));
  assert.ok(events.some((e) => e.action === 'deny' && e.host === 'evil.test'));
  assert.ok((setup?.denials ?? 0) >= 1);
  assert.equal(first.totals.denied, 0, "setup's denials are not the runs'");
  assert.deepEqual(JSON.parse(await readFile(join(resultsDir, 'setup', 'setup.json'), 'utf8')), setup);

  assert.deepEqual(
    first.runs.map((r) => [r.id, r.status]),
    [
      ['one', 'passed'],
      ['two', 'passed'],
    ],
    JSON.stringify(first.runs, null, 1),
  );
  const out = await readFile(join(resultsDir, 'runs', 'one', 'stdout.log'), 'utf8');
  assert.match(out, /^hello from the installed tool, run one$/m);
  assert.match(out, /^setuid bit: 4755$/m, 'the setuid bit survived the commit (the attack is real)');
  assert.match(out, /^euid under the setuid copy: 1000$/m, 'no-new-privileges: the setuid bit gives nothing');
  assert.match(out, /^image read-only$/m, 'a run cannot write the image');
  assert.match(out, /^setup \/sandbox gone$/m, "setup's /sandbox is not part of the image");
  assert.deepEqual(await leftovers(session), { containers: 0, networks: 0, volumes: 0, gateways: 0 });
  const { summary } = await writeReports(resultsDir, first, [], null);
  assert.match(summary, /paddock\/setup/);

  // The same spec again: the image is found by its key, setup does not run, nothing is downloaded.
  const again = join(dir, 'results-again');
  const second = await runEval({ spec: file, resultsDir: again, sessionId: sessionId() });
  assert.deepEqual(
    [second.setup?.status, second.setup?.cached, second.setup?.exitCode, second.setup?.imageId],
    ['passed', true, null, setup?.imageId],
  );
  assert.equal(downloads, 1, 'setup did not run again');
  await assert.rejects(stat(join(again, 'setup', 'stdout.log')), 'no setup log: it did not run');
  assert.equal(await readFile(join(again, 'setup', 'events.jsonl'), 'utf8'), '');
  assert.deepEqual(
    second.runs.map((r) => r.status),
    ['passed', 'passed'],
  );
  process.stdout.write(
    `setup: built in ${setup?.durationMs} ms (eval ${first.durationMs} ms); found again in ${second.setup?.durationMs} ms (eval ${second.durationMs} ms)\n`,
  );
});

test('a failing setup fails the eval before any run, with its log; no image is tagged', async () => {
  const { dir, spec: file } = await specDir(
    spec('echo "installing"; echo "the package is broken" >&2; exit 7', 'echo ran'),
  );
  dirs.push(dir);
  const session = sessionId();
  const resultsDir = join(dir, 'results');
  const results = await runEval({ spec: file, resultsDir, sessionId: session });
  images.add(results.setup?.image ?? '');
  assert.deepEqual(
    [results.setup?.status, results.setup?.exitCode, results.setup?.imageId, results.setup?.reason],
    ['failed', 7, null, 'exit code 7, expected 0'],
  );
  assert.deepEqual(
    results.runs.map((r) => [r.id, r.status, r.reason, r.startedAt]),
    [
      ['one', 'error', 'setup: exit code 7, expected 0', null],
      ['two', 'error', 'setup: exit code 7, expected 0', null],
    ],
  );
  assert.match(await readFile(join(resultsDir, 'setup', 'stderr.log'), 'utf8'), /the package is broken/);
  await assert.rejects(stat(join(resultsDir, 'runs', 'one', 'stdout.log')), 'the run never started');
  assert.equal(await findImage(results.setup?.image ?? ''), undefined, 'a failed setup is never tagged');
  assert.deepEqual(await leftovers(session), { containers: 0, networks: 0, volumes: 0, gateways: 0 });
  const { summary } = await writeReports(resultsDir, results, [], null);
  assert.match(summary, /[Ss]etup failed/);
  assert.match(await readFile(join(resultsDir, 'junit.xml'), 'utf8'), /setup: exit code 7/);
});

test('two evals with the same new setup at once: both pass, and the tag names a whole image', async () => {
  const install = `set -e; mkdir -p /opt; curl -sf -m 10 http://pkgs.test:${port}/tool.tar | tar -x -C /opt`;
  const evals = await Promise.all(
    [1, 2].map(async () => {
      const { dir, spec: file } = await specDir(spec(install, '/opt/bin/paddock-hello "$N"'));
      dirs.push(dir);
      return runEval({ spec: file, resultsDir: join(dir, 'results'), sessionId: sessionId() });
    }),
  );
  for (const r of evals) for (const ref of [r.setup?.image, r.setup?.imageId]) if (ref) images.add(ref);
  assert.equal(evals[0]?.setup?.key, evals[1]?.setup?.key);
  for (const r of evals)
    assert.deepEqual(
      [r.setup?.status, ...r.runs.map((run) => run.status)],
      ['passed', 'passed', 'passed'],
      JSON.stringify(r.setup),
    );
  const tagged = await findImage(evals[0]?.setup?.image ?? '');
  assert.equal(tagged?.labels['paddock.setup.key'], evals[0]?.setup?.key);
  assert.ok(evals.some((r) => r.setup?.imageId === tagged?.id));
});

test('sharded: each shard with runs runs setup (or finds its image); the merge keeps one setup record', async () => {
  // Into /opt: the runs' policy (default) lists it; an unlisted path (/srv) is inaccessible to them (Landlock).
  const install = `set -e; mkdir -p /opt/hello; curl -sf -m 10 http://pkgs.test:${port}/tool.tar | tar -x -C /opt/hello`;
  const files = spec(install, '/opt/hello/bin/paddock-hello "$N"');
  files['paddock.yml'] = files['paddock.yml']?.replace('n: [one, two]', 'n: [a, b, c, d, e, f]') ?? '';
  const { dir, spec: file } = await specDir(files);
  dirs.push(dir);
  const shardDirs = [join(dir, 'shard-1'), join(dir, 'shard-2')];
  const shards = [];
  for (const [i, resultsDir] of shardDirs.entries())
    shards.push(
      await runEval({ spec: file, resultsDir, sessionId: sessionId(), shard: { index: i + 1, count: 2 } }),
    );
  for (const r of shards) for (const ref of [r.setup?.image, r.setup?.imageId]) if (ref) images.add(ref);
  const withRuns = shards.filter((r) => r.runs.length > 0);
  assert.ok(
    withRuns.every((r) => r.setup?.status === 'passed'),
    JSON.stringify(shards.map((r) => r.setup)),
  );
  assert.equal(withRuns[0]?.setup?.cached, false, 'the first shard built the image');
  if (withRuns.length === 2) assert.equal(withRuns[1]?.setup?.cached, true, 'the second found it');
  const { results } = await mergeResults({ dirs: shardDirs, out: join(dir, 'merged') });
  assert.equal(results.runs.length, 6);
  assert.ok(results.runs.every((r) => r.status === 'passed'));
  assert.deepEqual(results.setup, withRuns[0]?.setup, 'the record of the shard that built it');
  const log = await readFile(join(dir, 'merged', 'setup', 'setup.json'), 'utf8');
  assert.deepEqual(JSON.parse(log), results.setup);
});
