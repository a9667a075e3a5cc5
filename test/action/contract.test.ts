// The bundled entry points under Node 24, with the runner's contract. Needs no Docker.
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { Results } from '../../src/eval/results.js';
import { shardDirs } from '../report/shards.js';
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
  /** A step that failed before any run still gives later steps real paths, and says why in each of them. */
  const assertSetupFailure = (cwd: string, step: Awaited<ReturnType<typeof runStep>>, why: RegExp): void => {
    assert.deepEqual(step.outputs, {
      'results-dir': 'paddock-results',
      junit: join('paddock-results', 'junit.xml'),
      total: '0',
      passed: '0',
      failed: '0',
      denied: '0',
    });
    const junit = readFileSync(join(cwd, 'paddock-results', 'junit.xml'), 'utf8');
    assert.match(junit, /<testcase [^>]*name="paddock setup"/);
    assert.match(junit, /<error /);
    assert.match(junit, why);
    assert.match(step.summary, /No run started/);
    assert.match(step.summary, why);
    assert.equal(readFileSync(join(cwd, 'paddock-results', 'summary.md'), 'utf8'), step.summary);
  };

  for (const row of bad) {
    test(`main fails the step on ${row.input}: ${JSON.stringify(row.value)}, starts nothing, and still sets its outputs`, async () => {
      const cwd = workspace();
      const step = await runStep(node as string, 'main', { cwd, inputs: { [row.input]: row.value } });
      assert.equal(step.code, 1, step.stdout + step.stderr);
      assert.deepEqual(
        step.commands.filter((c) => c.command === 'error').map((c) => c.message),
        [`paddock: ${row.message}`],
      );
      assert.deepEqual(step.state, {}, 'no session saved, so post has nothing to do');
      assertSetupFailure(cwd, step, new RegExp(`Input .{1,6}${row.input}`));
    });
  }

  test('an invalid spec: an annotation at its line, and outputs, junit.xml and the summary saying why', async () => {
    const cwd = workspace();
    writeFileSync(join(cwd, 'paddock.yml'), 'version: 1\nrun: true\nfiles: ["promts/*.md"]\n');
    const step = await runStep(node as string, 'main', { cwd, inputs: {} });
    assert.equal(step.code, 1, step.stdout + step.stderr);
    const errors = step.commands.filter((c) => c.command === 'error');
    assert.ok(
      errors.some(
        (c) => /files\[0\]: 'promts\/\*\.md' matches no file/.test(c.message) && /line=3/.test(c.props),
      ),
      JSON.stringify(errors),
    );
    assertSetupFailure(cwd, step, /promts/);
  });

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

  /** A workspace holding 3 shard results directories of a 12-run matrix under shards/, as download-artifact lays them. */
  const shardWorkspace = async (keep: readonly number[] = [1, 2, 3]) => {
    const cwd = workspace();
    const { root, whole } = await shardDirs(12, 3);
    for (const i of keep)
      cpSync(join(root, `shard-${i}`), join(cwd, 'shards', `shard-${i}`), { recursive: true });
    rmSync(root, { recursive: true });
    return { cwd, whole };
  };

  test('merge mode runs no eval: the shards become one results directory, published, with the outputs set', async () => {
    const { cwd, whole } = await shardWorkspace();
    const step = await runStep(node as string, 'main', {
      cwd,
      inputs: { merge: 'shards/*', 'results-dir': 'merged' },
    });
    // 4 of the 12 fabricated runs are `egress`: the merged eval fails the step, as one big run would.
    assert.equal(step.code, 1, step.stdout + step.stderr);
    assert.deepEqual(step.state, {}, 'no session: post has nothing to clean up');
    assert.match(step.stdout, /merging 3 results directories/);
    const merged = JSON.parse(readFileSync(join(cwd, 'merged', 'results.json'), 'utf8')) as Results;
    assert.deepEqual(
      merged.runs.map((r) => r.id),
      whole.runs.map((r) => r.id),
    );
    for (const f of ['junit.xml', 'summary.md', 'egress.jsonl', 'report.html'])
      assert.ok(existsSync(join(cwd, 'merged', f)), f);
    assert.equal(readFileSync(join(cwd, 'merged', 'junit.xml'), 'utf8').match(/<testcase /g)?.length, 12);
    assert.deepEqual(
      { ...step.outputs },
      {
        'results-dir': 'merged',
        junit: join('merged', 'junit.xml'),
        total: '12',
        passed: '8',
        failed: '4',
        denied: String(whole.totals.denied),
      },
    );
    assert.match(step.summary, /merged from 3 of 3 shards: 1\/3, 2\/3, 3\/3/);
    assert.deepEqual(
      step.commands.filter((c) => c.command === 'error').map((c) => c.message),
      [
        `paddock: 4 of 12 runs did not meet their expectation (${whole.totals.denied} denied egress attempts)`,
      ],
    );
  });

  test('merge mode refuses a missing shard, naming it; allow-missing-shards merges and says so', async () => {
    const { cwd } = await shardWorkspace([1, 3]);
    const refused = await runStep(node as string, 'main', {
      cwd,
      inputs: { merge: 'shards/*', 'results-dir': 'merged' },
    });
    assert.equal(refused.code, 1);
    assert.match(
      refused.commands.map((c) => c.message).join('\n'),
      /shard 2\/3/,
      refused.stdout + refused.stderr,
    );
    assert.ok(!existsSync(join(cwd, 'merged', 'results.json')), 'nothing merged');
    const allowed = await runStep(node as string, 'main', {
      cwd,
      inputs: { merge: 'shards/*', 'results-dir': 'merged', 'allow-missing-shards': 'true' },
    });
    const warnings = allowed.commands.filter((c) => c.command === 'warning').map((c) => c.message);
    assert.ok(
      warnings.some((w) => /\d+ runs? of the matrix (is|are) missing/.test(w)),
      allowed.stdout,
    );
    const merged = JSON.parse(readFileSync(join(cwd, 'merged', 'results.json'), 'utf8')) as Results;
    assert.equal(merged.merge?.missingShards.length, 1);
    assert.match(allowed.summary, /Incomplete results\*\*: shard 2\/3 missing/);
    // The JUnit still has all 12 runs: the 4 of the missing shard as skipped, status missing.
    const junit = readFileSync(join(cwd, 'merged', 'junit.xml'), 'utf8');
    assert.equal(junit.match(/<testcase /g)?.length, 12);
    assert.equal(junit.match(/<property name="status" value="missing"\/>/g)?.length, 4);
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
