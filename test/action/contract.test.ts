// The bundled entry points under Node 24, with the runner's contract. Needs no Docker.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { node24 } from './node24.js';
import { runStep } from './runner.js';

const node = node24();
const workspace = () => mkdtempSync(join(tmpdir(), 'paddock-ws-'));

describe('Action entry points under Node 24', { skip: node === null ? 'Node 24 unavailable' : false }, () => {
  const bad: { input: string; value: string; message: string }[] = [
    {
      input: 'concurrency',
      value: '0',
      message: `Input 'concurrency': expected a whole number from 1 to 256, got "0"`,
    },
    {
      input: 'concurrency',
      value: 'four',
      message: `Input 'concurrency': expected a whole number from 1 to 256, got "four"`,
    },
    {
      input: 'fail-on-egress',
      value: 'yes',
      message: `Input 'fail-on-egress': expected true or false (a YAML boolean), got "yes"`,
    },
    {
      input: 'summary',
      value: '1',
      message: `Input 'summary': expected true or false (a YAML boolean), got "1"`,
    },
    {
      input: 'pr-comment',
      value: 'on',
      message: `Input 'pr-comment': expected true or false (a YAML boolean), got "on"`,
    },
  ];
  for (const row of bad) {
    test(`main fails the step on ${row.input}: ${JSON.stringify(row.value)} and starts nothing`, async () => {
      const step = await runStep(node as string, 'main', {
        cwd: workspace(),
        inputs: { [row.input]: row.value },
      });
      assert.equal(step.code, 1, step.stdout + step.stderr);
      assert.deepEqual(
        step.commands.filter((c) => c.command === 'error').map((c) => c.message),
        [`paddock: ${row.message}`],
      );
      assert.deepEqual(step.state, {}, 'no session saved, so post has nothing to do');
      assert.deepEqual(step.outputs, {});
    });
  }

  test('the token is masked before anything else is printed and never saved in state', async () => {
    const token = 'ghs_not-a-real-token-1234567890';
    const step = await runStep(node as string, 'main', {
      cwd: workspace(),
      inputs: { 'github-token': token, spec: 'missing.yml' },
    });
    const first = step.stdout.split('\n').find((l) => l.startsWith('::'));
    assert.equal(first, `::add-mask::${token}`);
    assert.ok(!JSON.stringify(step.state).includes(token));
  });

  test('main saves the session for post before it starts anything', async () => {
    const step = await runStep(node as string, 'main', { cwd: workspace(), inputs: { spec: 'missing.yml' } });
    const saved = JSON.parse(step.state['paddock-session'] ?? '{}');
    assert.match(saved.sessionId, /^gha-[0-9a-f]{8}$/);
    assert.equal(saved.gatewayPid, null);
    assert.ok(saved.stateDir.includes(saved.sessionId));
  });

  test('a spec error fails the step with an annotation at its file and line', async () => {
    const cwd = workspace();
    writeFileSync(join(cwd, 'paddock.yml'), 'version: 1\nmatrix:\n  m: [a]\nrun: true\ntimeout: soon\n');
    const step = await runStep(node as string, 'main', { cwd });
    assert.equal(step.code, 1);
    const located = step.commands.filter(
      (c) => c.command === 'error' && c.props.includes('file=paddock.yml'),
    );
    assert.equal(located.length, 1, step.stdout);
    assert.match(located[0]?.props ?? '', /line=5/);
  });

  test('post without saved state exits 0 at once', async () => {
    const step = await runStep(node as string, 'post', { cwd: workspace() });
    assert.equal(step.code, 0);
    assert.match(step.stdout, /main started nothing; nothing to clean up/);
    assert.ok(step.ms < 10_000, `${step.ms} ms`);
  });

  test('post with unreadable state treats it as nothing saved', async () => {
    const step = await runStep(node as string, 'post', {
      cwd: workspace(),
      state: { 'paddock-session': '{"sessionId":' },
    });
    assert.equal(step.code, 0);
    assert.match(step.stdout, /nothing to clean up/);
  });
});
