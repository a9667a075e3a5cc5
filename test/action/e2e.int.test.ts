// The Action end to end, bundled and run under Node 24 with the runner's contract, on the real engine:
// one agent makes unexpected egress → the step fails and every report says so; applying the suggested
// policy and re-running turns the step green. A local server stands in for the GitHub API (PR comment).
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { connectEngine } from '../../src/sandbox/engine.js';
import { bootstrapImage } from '../../src/sandbox/image/bootstrap.js';
import { labelFilter } from '../../src/sandbox/names.js';
import { prune } from '../../src/sandbox/prune.js';
import { parseJunit } from '../report/xml-parse.js';
import { type FakeGitHub, pullRequestPayload, startFakeGitHub } from './github-api.js';
import { node24 } from './node24.js';
import { runStep, type StepResult } from './runner.js';

const node = node24();

async function leftovers(session: string): Promise<number> {
  const { docker } = await connectEngine();
  const filters = labelFilter(session);
  const [c, n, v] = await Promise.all([
    docker.listContainers({ all: true, filters }),
    docker.listNetworks({ filters }),
    docker.listVolumes({ filters }),
  ]);
  return c.length + n.length + (v.Volumes ?? []).length;
}

describe('the Action on a real eval', { skip: node === null ? 'Node 24 unavailable' : false }, () => {
  let upstream: Server;
  let port: number;
  let api: FakeGitHub;
  const workspace = mkdtempSync(join(tmpdir(), 'paddock-e2e-'));
  const sessions: string[] = [];
  const host = `api-${randomBytes(3).toString('hex')}.evil.test`;
  const event = { name: 'pull_request', payload: pullRequestPayload(12) };

  before(async () => {
    await bootstrapImage();
    upstream = createServer((_req, res) => res.end('hello from upstream\n'));
    await new Promise<void>((done) => upstream.listen(0, '127.0.0.1', done));
    port = (upstream.address() as AddressInfo).port;
    api = await startFakeGitHub();
    writeFileSync(
      join(workspace, 'paddock.yml'),
      [
        'version: 1',
        'image: paddock/base:latest',
        'policy: default',
        'matrix:',
        '  agent: [good, bad]',
        `run: 'if [ "$AGENT" = bad ]; then curl -s -m 10 http://${host}:${port}/ || true; fi; echo "agent $AGENT done"'`,
        'timeout: 60s',
        'expect: { exit-code: 0, egress: no-denials }',
        'gateway:',
        `  hosts: { ${host}: 127.0.0.1 }`,
        '',
      ].join('\n'),
    );
  });
  after(async () => {
    upstream.close();
    await api.close();
    for (const session of sessions) await prune({ session }).catch(() => undefined);
    rmSync(workspace, { recursive: true, force: true });
  });

  const main = async (inputs: Record<string, string>): Promise<StepResult> => {
    const step = await runStep(node as string, 'main', {
      cwd: workspace,
      inputs: { 'pr-comment': 'true', 'github-token': 'ghs_e2e-token', ...inputs },
      event,
      env: { GITHUB_API_URL: api.url },
    });
    const saved = step.state['paddock-session'];
    assert.ok(saved, `main saved its session\n${step.stdout}\n${step.stderr}`);
    sessions.push(JSON.parse(saved).sessionId);
    return step;
  };
  const post = async (step: StepResult): Promise<StepResult> => {
    const done = await runStep(node as string, 'post', {
      cwd: workspace,
      state: step.state,
      timeoutMs: 120_000,
    });
    assert.equal(done.code, 0);
    assert.equal(await leftovers(JSON.parse(step.state['paddock-session'] as string).sessionId), 0);
    return done;
  };

  test('unexpected egress fails the step; JUnit, summary, outputs and PR comment all say why', async () => {
    const step = await main({});
    const log = `${step.stdout}\n${step.stderr}`;
    assert.equal(step.code, 1, log);
    assert.ok(
      step.commands.some((c) => c.command === 'error' && /1 of 2 runs did not meet/.test(c.message)),
      log,
    );
    assert.equal(step.outputs.total, '2', log);
    assert.equal(step.outputs.passed, '1');
    assert.equal(step.outputs.failed, '1');
    assert.ok(Number(step.outputs.denied) >= 1, `denied=${step.outputs.denied}`);
    assert.equal(step.outputs['results-dir'], 'paddock-results');
    assert.equal(step.outputs.junit, 'paddock-results/junit.xml');

    const denied = `/usr/bin/curl -> ${host}:${port}`;
    const junit = parseJunit(readFileSync(join(workspace, 'paddock-results/junit.xml'), 'utf8'));
    const failing = junit.cases.filter((c) => c.failure || c.error);
    assert.equal(junit.cases.length, 2);
    assert.equal(failing.length, 1);
    assert.equal(failing[0]?.properties['matrix.agent'], 'bad');
    assert.equal(failing[0]?.failure?.type, 'egress');
    assert.ok(failing[0]?.failure?.message.includes(denied), failing[0]?.failure?.message);

    assert.ok(step.summary.includes('❌ **Paddock failed** — 1 of 2 runs did not meet their expectation'));
    // A spec without `name:` in the workspace root is named after its file.
    assert.ok(step.summary.startsWith('## Paddock: paddock\n'), step.summary.slice(0, 80));
    assert.ok(
      step.summary.includes(`<td><code>/usr/bin/curl</code></td><td><code>${host}&#58;${port}</code></td>`),
      step.summary,
    );
    assert.ok(step.summary.includes('<details><summary>Suggested policy'));
    assert.ok(step.summary.includes(`${host}`));
    assert.equal(readFileSync(join(workspace, 'paddock-results/summary.md'), 'utf8'), step.summary);

    const comments = api.comments.get('octo/repo#12') ?? [];
    assert.equal(comments.length, 1);
    assert.match(comments[0]?.body ?? '', /^<!-- paddock:comment spec=[0-9a-f]{16} -->\n## Paddock/);
    const unmasked = log
      .split('\n')
      .filter((l) => l.includes('ghs_e2e-token') && l !== '::add-mask::ghs_e2e-token');
    assert.deepEqual(unmasked, [], 'the token reaches the log only in the mask command');
    await post(step);
  });

  test('applying the suggested policy and re-running turns the step green and updates the comment', async () => {
    copyFileSync(join(workspace, 'paddock-results/suggested-policy.yaml'), join(workspace, 'suggested.yaml'));
    const step = await main({ policy: 'suggested.yaml' });
    const log = `${step.stdout}\n${step.stderr}\n${readFileSync(join(workspace, 'suggested.yaml'), 'utf8')}`;
    assert.equal(step.code, 0, log);
    assert.deepEqual(
      [step.outputs.total, step.outputs.passed, step.outputs.failed, step.outputs.denied],
      ['2', '2', '0', '0'],
      log,
    );
    assert.ok(step.summary.includes('✅ **Paddock passed**'));
    const out = readFileSync(join(workspace, 'paddock-results/runs/bad/stdout.log'), 'utf8');
    assert.match(out, /hello from upstream/);
    const comments = api.comments.get('octo/repo#12') ?? [];
    assert.equal(comments.length, 1, 'updated in place');
    assert.match(comments[0]?.body ?? '', /Paddock passed/);
    await post(step);
  });
});
