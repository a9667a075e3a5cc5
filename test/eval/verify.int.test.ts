import assert from 'node:assert/strict';
import { readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { parseEvents } from '../../src/common/event.js';
import { runEval } from '../../src/eval/index.js';
import { writeReports } from '../../src/report/write.js';
import { bootstrapImage } from '../../src/sandbox/image/bootstrap.js';
import { leftovers, sessionId, specDir } from './e2e.js';

// The agent may reach api.test; verify, under the shipped strict policy, may not. Verify's files (the grader)
// are copied in only after the agent's command, and nothing the agent started is left running for it.
let server: Server;
let port = 0;
const dirs: string[] = [];
before(async () => {
  await bootstrapImage();
  server = createServer((_req, res) => res.end('42\n'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
after(async () => {
  server.close();
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

test('verify grades the agent: its own policy, files the agent never saw, no agent process left, a score', async () => {
  const agent = [
    `curl -sf -m 5 http://api.test:${port}/ > fetched.txt`,
    '[ "$ANSWER" = right ] && cat fetched.txt > answer.txt || echo 41 > answer.txt',
    // A cheat: no answer at all, and a perfect score.json of its own making.
    'if [ "$ANSWER" = cheat ]; then echo none > answer.txt; echo "{\\"score\\": 1}" > score.json; fi',
    'if [ -e grade.sh ]; then echo saw-grader > peek.txt; else echo no-grader > peek.txt; fi',
    // Code planted for the grader's interpreter: Python's user site-packages live under HOME (/sandbox).
    'site=$(python3 -m site --user-site) && mkdir -p "$site" && echo "print(\\"HIJACKED\\")" > "$site/usercustomize.py"',
    // Left running on purpose: verify must not find it.
    'setsid sleep 300 </dev/null >/dev/null 2>&1 & echo $! > agent.pid',
  ].join('; ');
  const grade = [
    '[ -s agent.pid ] || echo no-pid',
    'if kill -0 "$(cat agent.pid)" 2>/dev/null; then echo agent-alive; else echo agent-gone; fi',
    `curl -s -m 5 -o /dev/null -w 'verify fetch %{http_code}\\n' http://api.test:${port}/ || echo 'verify fetch refused'`,
    'cat peek.txt',
    'echo "phase $PADDOCK_PHASE"; python3 -c "print(\'python ran\')"',
    'if [ "$(cat answer.txt)" = 42 ]; then echo \'{"score": 1, "metrics": {"answer": 42}}\' > score.json; exit 0; fi',
    'if [ "$(cat answer.txt)" = 41 ]; then echo \'{"score": 0.25}\' > score.json; fi',
    'exit 1',
  ].join('\n');
  const { dir, spec } = await specDir({
    'paddock.yml': [
      'version: 1',
      'matrix: { answer: [right, wrong, cheat] }',
      `run: '${agent.replaceAll("'", "''")}'`,
      'timeout: 1m',
      'verify: { run: sh grade.sh, files: [grade.sh], timeout: 1m }',
      'gateway: { hosts: { api.test: 127.0.0.1 } }',
      'policy:',
      '  version: 1',
      '  network_policies:',
      '    api:',
      `      endpoints: [{ host: api.test, port: ${port} }]`,
      '      binaries: [{ path: /usr/bin/curl }]',
    ].join('\n'),
    'grade.sh': grade,
  });
  dirs.push(dir);
  const session = sessionId();
  const resultsDir = join(dir, 'results');
  const results = await runEval({ spec, resultsDir, sessionId: session });
  assert.deepEqual(
    results.runs.map((r) => [r.id, r.status, r.exitCode, r.verify?.exitCode, r.score, r.reason]),
    [
      ['right', 'passed', 0, 0, 1, ''],
      ['wrong', 'failed', 0, 1, 0.25, 'verify: exit code 1, expected 0'],
      // The agent's own score.json was removed before the grader ran; the grader wrote none.
      ['cheat', 'failed', 0, 1, undefined, 'verify: exit code 1, expected 0'],
    ],
    JSON.stringify(results.runs, null, 1),
  );
  const right = results.runs[0];
  assert.deepEqual(right?.metrics, { answer: 42 });
  const verifyOut = await readFile(join(resultsDir, 'runs', 'right', 'verify', 'stdout.log'), 'utf8');
  assert.doesNotMatch(verifyOut, /no-pid/);
  assert.match(verifyOut, /^phase verify$/m);
  assert.match(verifyOut, /^python ran$/m);
  assert.doesNotMatch(
    verifyOut,
    /HIJACKED/,
    "code the agent planted under HOME does not run in the grader's python",
  );
  assert.match(verifyOut, /^agent-gone$/m, 'the agent left nothing running');
  assert.match(verifyOut, /^no-grader$/m, 'the agent never saw verify.files');
  assert.doesNotMatch(verifyOut, /verify fetch 200/, 'verify is not allowed what the agent was');
  // The same request: allowed for the agent, denied for verify; each in its own events file.
  const events = async (path: string) => parseEvents(await readFile(join(resultsDir, path), 'utf8')).events;
  const own = await events('runs/right/events.jsonl');
  assert.ok(own.some((e) => e.action === 'allow' && e.host === 'api.test' && e.phase === undefined));
  assert.ok(!own.some((e) => e.phase === 'verify'));
  const graded = await events('runs/right/verify/events.jsonl');
  assert.ok(
    graded.some((e) => e.action === 'deny' && e.host === 'api.test' && e.phase === 'verify'),
    JSON.stringify(graded),
  );
  assert.ok((right?.verify?.denials ?? 0) >= 1);
  assert.equal(right?.denials, 0, "verify's denials are not the agent's egress");
  const { summary } = await writeReports(resultsDir, results, [], null);
  assert.match(summary, /<th>Score<\/th>/);
  assert.match(await readFile(join(resultsDir, 'junit.xml'), 'utf8'), /name="score" value="0.25"/);
  assert.deepEqual(await leftovers(session), { containers: 0, networks: 0, volumes: 0, gateways: 0 });
});
