import assert from 'node:assert/strict';
import { existsSync, watch } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { formatProblem, PaddockError } from '../../src/common/errors.js';
import type { Drivers } from '../../src/eval/drivers.js';
import type { Results } from '../../src/eval/results.js';
import { runEval } from '../../src/eval/run-eval.js';
import { PREPARE_AHEAD } from '../../src/eval/schedule.js';
import { realDrivers } from '../../src/eval/session.js';
import { writeReports } from '../../src/report/write.js';
import { FAKE_SETUP, fakeDrivers } from './fake-drivers.js';

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'paddock-eval-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function specWith(name: string, body: string): Promise<string> {
  const file = join(dir, `${name}.yml`);
  await writeFile(file, `version: 1\nrun: agent\n${body}`);
  return file;
}

/** Resolves once `path` exists (inotify on its folder, no polling). */
function fileAppears(path: string): Promise<void> {
  return new Promise((resolve) => {
    const watcher = watch(dirname(path), { persistent: false }, () => {
      if (existsSync(path)) {
        watcher.close();
        resolve();
      }
    });
    if (existsSync(path)) {
      watcher.close();
      resolve();
    }
  });
}

const grid = 'matrix:\n  model: [m1, m2, m3, m4]\n  prompt: [p1, p2, p3, p4, p5, p6, p7, p8]\n';

describe('runEval with fake drivers', () => {
  test('32 runs: never more than `concurrency` executing, creation overlaps execution, all torn down', async () => {
    const spec = await specWith('grid', grid);
    const { drivers, ledger } = fakeDrivers(join(dir, 'state-a'), {}, { createMs: 15 });
    const results = await runEval({
      spec,
      concurrency: 4,
      resultsDir: join(dir, 'res-a'),
      drivers,
      stateDir: join(dir, 'state-a'),
    });
    assert.equal(results.totals.total, 32);
    assert.equal(results.totals.passed, 32);
    assert.equal(ledger.maxExecuting, 4);
    assert.ok(ledger.createdDuringExec > 0, 'some sandboxes were created while others ran');
    // Preparing ahead holds at most PREPARE_AHEAD more than run at once (memory is sized on this).
    assert.equal(ledger.maxHeld, 4 + PREPARE_AHEAD);
    assert.deepEqual([...ledger.deleted].sort(), [...ledger.created].sort());
    assert.ok(ledger.closed);
    const written = JSON.parse(await readFile(join(dir, 'res-a', 'results.json'), 'utf8')) as Results;
    assert.equal(written.schema, 'paddock.results/v7');
    assert.deepEqual(written.runs.map((r) => r.id).slice(0, 2), ['m1__p1', 'm1__p2']);
    assert.equal(await readFile(join(dir, 'res-a', 'runs', 'm3__p7', 'stdout.log'), 'utf8'), 'm3__p7\n');
  });

  test("a run's time and timeout are its command's own, not its sandbox's preparation", async () => {
    // Creation takes 300 ms, the command 100 ms: at concurrency 2 a run must still report about 100 ms.
    const spec = await specWith('timing', 'matrix:\n  n: [a, b, c, d]\ntimeout: 250ms\n');
    const { drivers } = fakeDrivers(
      join(dir, 'state-t'),
      { a: { execMs: 100 }, b: { execMs: 100 }, c: { execMs: 100 }, d: { execMs: 100 } },
      { createMs: 300 },
    );
    const results = await runEval({ spec, concurrency: 2, resultsDir: join(dir, 'res-t'), drivers });
    assert.deepEqual(
      results.runs.map((r) => r.status),
      ['passed', 'passed', 'passed', 'passed'],
    );
    for (const r of results.runs)
      assert.ok(r.durationMs >= 100 && r.durationMs < 250, `${r.id}: ${r.durationMs} ms`);
  });

  test('repeat 3 with one failing repetition: pass rate 0.67 in results.json, JUnit and the summary', async () => {
    const spec = await specWith(
      'repeat',
      'repeat: 3\nmatrix:\n  model: [m1, m2]\n  task: [t1]\nexpect: { pass-rate: 0.6 }\n',
    );
    const { drivers, ledger } = fakeDrivers(join(dir, 'state-r'), {
      'm1__t1#2': { exitCode: 1 },
      'm2__t1#1': { exitCode: 1 },
      'm2__t1#3': { exitCode: 1 },
    });
    const resultsDir = join(dir, 'res-r');
    const results = await runEval({ spec, concurrency: 2, resultsDir, drivers });
    assert.deepEqual(
      results.runs.map((r) => [r.id, r.cell, r.repetition, r.sandbox, r.status]),
      [
        ['m1__t1#1', 'm1__t1', 1, 'eval-m1__t1.r1', 'passed'],
        ['m1__t1#2', 'm1__t1', 2, 'eval-m1__t1.r2', 'failed'],
        ['m1__t1#3', 'm1__t1', 3, 'eval-m1__t1.r3', 'passed'],
        ['m2__t1#1', 'm2__t1', 1, 'eval-m2__t1.r1', 'failed'],
        ['m2__t1#2', 'm2__t1', 2, 'eval-m2__t1.r2', 'passed'],
        ['m2__t1#3', 'm2__t1', 3, 'eval-m2__t1.r3', 'failed'],
      ],
    );
    assert.ok(ledger.created.includes('eval-m1__t1.r2'));
    const written = JSON.parse(await readFile(join(resultsDir, 'results.json'), 'utf8')) as Results;
    assert.equal(written.requiredPassRate, 0.6);
    assert.deepEqual(
      written.cells?.map((c) => [c.id, c.passed, c.total, Math.round(c.passRate * 100), c.status]),
      [
        ['m1__t1', 2, 3, 67, 'passed'],
        ['m2__t1', 1, 3, 33, 'failed'],
      ],
    );
    const { summary } = await writeReports(resultsDir, written, [], null);
    const junit = await readFile(join(resultsDir, 'junit.xml'), 'utf8');
    assert.match(junit, /<property name="cell.pass-rate" value="0.67"\/>/);
    assert.match(junit, /<property name="pass-rate.required" value="0.60"\/>/);
    assert.match(
      summary,
      /❌ \*\*Paddock failed\*\* — 1 of 2 cells below pass rate 0\.60 · 3 of 6 runs passed/,
    );
    // Two axes: a pivot, model down and task across.
    assert.match(summary, /<th>model \\ task<\/th><th>t1<\/th>/);
    assert.match(summary, /<td><code>m1<\/code><\/td><td>0\.67 \(2\/3\)<\/td>/);
    assert.match(summary, /<td><code>m2<\/code><\/td><td>❌ 0\.33 \(1\/3\)<\/td>/);
  });

  test('verify: its exit code decides, its score is kept, its decisions are its own', async () => {
    const spec = await specWith(
      'verify',
      'matrix:\n  model: [m1, m2]\n  task: [t1, t2]\nverify: { run: ./grade.sh, timeout: 1m }\n',
    );
    const { drivers, ledger } = fakeDrivers(join(dir, 'state-v'), {
      // The agent exits 1, verify passes: verify decides.
      m1__t1: { exitCode: 1, verify: { score: '{"score": 0.9, "metrics": {"tests": 9}}' } },
      // Verify fails.
      m1__t2: { verify: { exitCode: 1, score: '{"score": 0.2}' } },
      // The agent's denial counts; verify's denial is reported with verify only.
      m2__t1: { verify: { events: [{ host: 'pypi.test', port: 443 }], score: '{"score": 0.5}' } },
      // A score that is not one makes the run an error.
      m2__t2: { verify: { score: '{"score": 7}' } },
    });
    const resultsDir = join(dir, 'res-v');
    const results = await runEval({ spec, concurrency: 2, resultsDir, drivers });
    const by = Object.fromEntries(results.runs.map((r) => [r.id, r]));
    assert.deepEqual(
      results.runs.map((r) => [r.id, r.status, r.exitCode, r.verify?.exitCode, r.score, r.reason]),
      [
        ['m1__t1', 'passed', 1, 0, 0.9, ''],
        ['m1__t2', 'failed', 0, 1, 0.2, 'verify: exit code 1, expected 0'],
        ['m2__t1', 'passed', 0, 0, 0.5, ''],
        [
          'm2__t2',
          'error',
          0,
          0,
          undefined,
          'score.json: expected "score" to be a number from 0 to 1, got 7',
        ],
      ],
    );
    assert.deepEqual(by.m1__t1?.metrics, { tests: 9 });
    assert.equal(by.m2__t1?.denials, 0, "verify's denial is not the agent's egress");
    assert.equal(by.m2__t1?.verify?.denials, 1);
    assert.equal(ledger.phases.length, 4, 'every run entered the verify phase');
    assert.equal(
      await readFile(join(resultsDir, 'runs', 'm2__t1', 'verify', 'stdout.log'), 'utf8'),
      'verified\n',
    );
    const verifyEvents = await readFile(join(resultsDir, 'runs', 'm2__t1', 'verify', 'events.jsonl'), 'utf8');
    assert.match(verifyEvents, /"host":"pypi\.test".*"phase":"verify"/);
    assert.equal(await readFile(join(resultsDir, 'runs', 'm2__t1', 'events.jsonl'), 'utf8'), '');
    const written = JSON.parse(await readFile(join(resultsDir, 'results.json'), 'utf8')) as Results;
    assert.equal(written.schema, 'paddock.results/v7');
    const { summary } = await writeReports(resultsDir, written, [], null);
    const junit = await readFile(join(resultsDir, 'junit.xml'), 'utf8');
    assert.match(junit, /<property name="score" value="0.9"\/>/);
    assert.match(junit, /<property name="metrics.tests" value="9"\/>/);
    assert.match(summary, /<th>Score<\/th>/);
    const html = await readFile(join(resultsDir, 'report.html'), 'utf8');
    assert.match(html, /0\.9 \(tests 9\)/);
    assert.match(html, /href="runs\/m2__t1\/verify\/events\.jsonl"/);
    // Two axes: the pivot, with pass rate and mean score per cell.
    assert.match(summary, /### By matrix/);
    assert.match(
      summary,
      /<td><code>m1<\/code><\/td><td>1\.00 \(1\/1\) · score 0\.90<\/td><td>❌ 0\.00 \(0\/1\) · score 0\.20<\/td>/,
    );
  });

  // Two runs of 100,000 names of 4 KB (the copy's own limits) made results.json too long for one string:
  // RangeError, and no results.json, junit.xml, summary or report for any run.
  test('outputs: results.json lists 64 KiB of names per run and counts the rest; the files stay in out/', async () => {
    const spec = await specWith('outputs-list', 'matrix:\n  n: [1, 2]\noutputs: ["out/**"]\n');
    const long = (i: number): string => `${'d'.repeat(250)}/${String(i).padStart(6, '0')}${'f'.repeat(200)}`;
    const many = Array.from({ length: 1000 }, (_, i) => long(i));
    const { drivers } = fakeDrivers(join(dir, 'state-outputs'), {
      '1': { outputs: many },
      '2': { outputs: ['a.txt', 'b/c.txt'] },
    });
    const resultsDir = join(dir, 'res-outputs');
    const results = await runEval({ spec, resultsDir, drivers });
    const [n1, n2] = results.runs;
    const listed = n1?.outputs ?? [];
    assert.ok(listed.length > 0 && listed.length < many.length, `${listed.length} listed`);
    assert.deepEqual(listed, many.slice(0, listed.length));
    assert.ok(listed.reduce((n, f) => n + Buffer.byteLength(f) + 1, 0) <= 64 * 1024);
    assert.equal(n1?.outputsOmitted, many.length - listed.length);
    assert.deepEqual([n2?.outputs, n2?.outputsOmitted], [['a.txt', 'b/c.txt'], undefined]);
    const written = JSON.parse(await readFile(join(resultsDir, 'results.json'), 'utf8')) as Results;
    assert.equal(written.runs[0]?.outputsOmitted, many.length - listed.length);
    await writeReports(resultsDir, written, [], null);
    const html = await readFile(join(resultsDir, 'report.html'), 'utf8');
    // Listed names are linked (up to 200); the page counts every file copied.
    const more = `<div>Outputs (${many.length})</div>`;
    assert.ok(html.includes(more), 'the count of every output');
    assert.ok(html.includes(`<li>… ${many.length - Math.min(200, listed.length)} more</li>`), 'the rest');
  });

  // A copy stopped at its cap (a sparse 10 GiB file first) or an entry refused (a link out, a fifo) left no trace:
  // the run passed and its report listed what was copied as if it were all.
  test('outputs: what the copy refused (and where it stopped) is in results.json and report.html', async () => {
    const spec = await specWith('outputs-refused', 'matrix:\n  n: [1, 2]\noutputs: ["out/**"]\n');
    const refused = [
      { path: 'out/sparse', reason: 'over the copy limit of 1073741824 bytes; the copy stopped here' },
      ...Array.from({ length: 30 }, (_, i) => ({
        path: `out/l${i}<b>`,
        reason: 'symlink to absolute path /etc',
      })),
    ];
    const { drivers } = fakeDrivers(join(dir, 'state-refused'), {
      '1': { outputs: ['a.txt'], refused },
      '2': { outputs: ['a.txt'] },
    });
    const resultsDir = join(dir, 'res-refused');
    const results = await runEval({ spec, resultsDir, drivers });
    const [r1, r2] = results.runs;
    assert.deepEqual(r1?.outputsRefused, { count: 31, first: refused.slice(0, 20) });
    assert.equal(r2?.outputsRefused, undefined);
    const written = JSON.parse(await readFile(join(resultsDir, 'results.json'), 'utf8')) as Results;
    assert.deepEqual(written.runs[0]?.outputsRefused, r1?.outputsRefused);
    await writeReports(resultsDir, written, [], null);
    const html = await readFile(join(resultsDir, 'report.html'), 'utf8');
    assert.ok(html.includes('<div>Refused outputs (31)</div>'), 'the count');
    assert.ok(
      html.includes(
        '<li><code>out/sparse</code> over the copy limit of 1073741824 bytes; the copy stopped here</li>',
      ),
      'the stop',
    );
    assert.ok(
      html.includes('<li><code>out/l0&lt;b&gt;</code> symlink to absolute path /etc</li>'),
      'escaped',
    );
    assert.ok(html.includes('<li>… 11 more</li>'), 'the rest');
  });

  // A grader may put what the agent wrote into its metrics: 300 MB of it in two runs ended the eval as above.
  test('verify: a score.json over 64 KiB makes its run an error naming the size; the other runs keep theirs', async () => {
    const spec = await specWith('big-score', 'matrix:\n  n: [1, 2]\nverify: { run: ./grade.sh }\n');
    const big = JSON.stringify({ score: 1, metrics: { answer: 'x'.repeat(64 * 1024) } });
    const { drivers } = fakeDrivers(join(dir, 'state-big-score'), {
      '1': { verify: { score: big } },
      '2': { verify: { score: '{"score": 0.5}' } },
    });
    const results = await runEval({ spec, resultsDir: join(dir, 'res-big-score'), drivers });
    assert.deepEqual(
      results.runs.map((r) => [r.id, r.status, r.score, r.metrics, r.reason]),
      [
        [
          '1',
          'error',
          undefined,
          undefined,
          `score.json: ${Buffer.byteLength(big)} bytes, over the limit of 65536`,
        ],
        ['2', 'passed', 0.5, {}, ''],
      ],
    );
  });

  test('a run that ended by itself with nothing to copy out asks no health round trip; with outputs it asks one', async () => {
    for (const [name, body, want] of [
      ['plain', 'matrix:\n  n: [1, 2]\n', 0],
      ['outputs', 'matrix:\n  n: [1, 2]\noutputs: ["out/**"]\n', 2],
    ] as const) {
      const { drivers, ledger } = fakeDrivers(join(dir, `state-h-${name}`));
      const results = await runEval({
        spec: await specWith(`health-${name}`, body),
        resultsDir: join(dir, `res-h-${name}`),
        drivers,
        stateDir: join(dir, `state-h-${name}`),
      });
      assert.equal(results.totals.passed, 2);
      assert.equal(ledger.healthChecks, want, name);
    }
  });

  test('each status comes out of the lifecycle as judged', async () => {
    const spec = await specWith(
      'statuses',
      'matrix:\n  case: [ok, bad-exit, deny, slow, broken, crash, late, gone, exited, stranded]\ntimeout: 50ms\n',
    );
    const { drivers } = fakeDrivers(join(dir, 'state-b'), {
      'bad-exit': { exitCode: 3 },
      deny: { events: [{ host: 'evil.test', port: 443 }] },
      slow: { execMs: 5000 },
      broken: { failCreate: 'FENCE_FAILED: iptables missing' },
      crash: { throwExec: 'container vanished' },
      late: { lateEvents: [{ host: 'late.test', port: 80 }] },
      gone: { exitCode: 137, vanish: 'the sandbox was removed' },
      // Exited by itself (status from init): its sandbox was up then, whatever became of it after.
      exited: { exitCode: 1, vanish: 'the sandbox was removed' },
      stranded: { exitCode: 1, gatewayGone: 'the gateway stopped' },
    });
    const results = await runEval({
      spec,
      concurrency: 8,
      resultsDir: join(dir, 'res-b'),
      drivers,
      stateDir: join(dir, 'state-b'),
    });
    const byId = Object.fromEntries(results.runs.map((r) => [r.id, [r.status, r.reason]]));
    assert.deepEqual(byId, {
      ok: ['passed', ''],
      'bad-exit': ['failed', 'exit code 3, expected 0'],
      deny: ['egress', 'egress: evil.test:443'],
      slow: ['timeout', 'timed out after 50ms'],
      broken: ['error', 'sandbox create failed: FENCE_FAILED: iptables missing'],
      crash: ['error', 'run failed: container vanished'],
      late: ['egress', 'egress: late.test:80'],
      gone: ['error', 'the sandbox was removed during the run (exit code 137)'],
      exited: ['failed', 'exit code 1, expected 0'],
      stranded: ['error', 'the gateway stopped during the run (exit code 1)'],
    });
    const deny = results.runs.find((r) => r.id === 'deny');
    assert.equal(deny?.denials, 1);
    const events = await readFile(join(dir, 'res-b', 'runs', 'late', 'events.jsonl'), 'utf8');
    assert.match(events, /late\.test/);
    const egress = await readFile(join(dir, 'res-b', 'egress.jsonl'), 'utf8');
    assert.equal(egress.trim().split('\n').length, 2);
  });

  test('a decision log with a torn line makes every run an error, never passed (evidence fails closed)', async () => {
    const spec = await specWith('torn', 'matrix:\n  case: [clean, torn]\nexpect: { egress: no-denials }\n');
    const { drivers } = fakeDrivers(join(dir, 'state-t'), { torn: { tornLog: true } });
    const results = await runEval({
      spec,
      resultsDir: join(dir, 'res-t'),
      drivers,
      stateDir: join(dir, 'state-t'),
    });
    assert.deepEqual(
      results.runs.map((r) => [r.id, r.status]),
      [
        ['clean', 'error'],
        ['torn', 'error'],
      ],
    );
    assert.match(results.runs[0]?.reason ?? '', /evidence incomplete: .*not (an event|events)/);
  });

  test('--no-fail-on-egress keeps the denial counts but passes the run', async () => {
    const spec = await specWith('nofail', 'matrix:\n  case: [deny]\n');
    const { drivers } = fakeDrivers(join(dir, 'state-c'), { deny: { events: [{}] } });
    const results = await runEval({
      spec,
      failOnEgress: false,
      resultsDir: join(dir, 'res-c'),
      drivers,
      stateDir: join(dir, 'state-c'),
    });
    assert.equal(results.runs[0]?.status, 'passed');
    assert.equal(results.totals.denied, 1);
  });

  test('abort mid-run: unfinished runs cancelled, results written, every sandbox deleted, session closed', async () => {
    const spec = await specWith('cancel', grid);
    const slow = Object.fromEntries(
      ['m1', 'm2', 'm3', 'm4'].flatMap((m) =>
        ['p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7', 'p8'].map((p) => [`${m}__${p}`, { execMs: 200 }]),
      ),
    );
    slow.m1__p1 = { execMs: 5 };
    const { drivers, ledger } = fakeDrivers(join(dir, 'state-d'), slow);
    const controller = new AbortController();
    const results = await runEval({
      spec,
      concurrency: 4,
      resultsDir: join(dir, 'res-d'),
      drivers,
      stateDir: join(dir, 'state-d'),
      signal: controller.signal,
      onRun: () => controller.abort(new Error('SIGINT')),
    });
    assert.equal(results.totals.total, 32);
    assert.equal(results.totals.passed, 1);
    assert.equal(results.totals.byStatus.cancelled, 31);
    assert.deepEqual([...ledger.deleted].sort(), [...ledger.created].sort());
    assert.ok(
      ledger.created.length <= 8,
      `at most 2 × concurrency sandboxes were made, got ${ledger.created.length}`,
    );
    assert.ok(ledger.closed);
    const written = JSON.parse(await readFile(join(dir, 'res-d', 'results.json'), 'utf8')) as Results;
    assert.equal(written.totals.byStatus.cancelled, 31);
  });

  test('teardown is off the critical path: slow deletes do not delay the next run', async () => {
    const spec = await specWith('teardown', 'matrix:\n  n: [1, 2, 3, 4, 5, 6]\n');
    const { drivers } = fakeDrivers(join(dir, 'state-e'), {}, { deleteMs: 300, createMs: 1 });
    const started = Date.now();
    const results = await runEval({
      spec,
      concurrency: 1,
      resultsDir: join(dir, 'res-e'),
      drivers,
      stateDir: join(dir, 'state-e'),
    });
    const lastRunEnd = Math.max(...results.runs.map((r) => Date.parse(r.finishedAt ?? '')));
    assert.ok(lastRunEnd - started < 6 * 300, `runs finished ${lastRunEnd - started} ms after start`);
  });

  test('the gateway stops, then the results are written, while the last sandboxes are removed; the session closes after', {
    timeout: 10_000,
  }, async () => {
    const spec = await specWith('overlap', 'matrix:\n  n: [1, 2, 3]\n');
    const resultsDir = join(dir, 'res-overlap');
    const { drivers, ledger } = fakeDrivers(join(dir, 'state-overlap'));
    let deletedAtClose = -1;
    let resultsAtQuiesce: boolean | undefined;
    const overlapped: Drivers = {
      ...drivers,
      async openSession(options) {
        const session = await drivers.openSession(options);
        return {
          ...session,
          async createSandbox(request) {
            const sandbox = await session.createSandbox(request);
            // Removal finishes only once results.json exists: waiting for removal before writing would hang.
            const remove = async () => {
              await fileAppears(join(resultsDir, 'results.json'));
              await sandbox.delete();
            };
            return { ...sandbox, delete: remove };
          },
          async quiesce() {
            resultsAtQuiesce = existsSync(join(resultsDir, 'results.json'));
            return session.quiesce();
          },
          async close() {
            deletedAtClose = ledger.deleted.length;
            return session.close();
          },
        };
      },
    };
    const results = await runEval({
      spec,
      resultsDir,
      drivers: overlapped,
      stateDir: join(dir, 'state-overlap'),
    });
    assert.equal(results.totals.passed, 3);
    assert.equal(deletedAtClose, 3, 'every sandbox was removed before the session closed');
    // Stopped before the log was judged (complete) and while the sandboxes were still being removed.
    assert.equal(resultsAtQuiesce, false);
    assert.deepEqual(ledger.quiesced, { deleted: 0, closed: false });
  });

  /** Drivers whose session is handed over while its gateway starts; the gateway's fate is the test's to decide. */
  function startingGateway(stateRoot: string) {
    const { drivers, ledger } = fakeDrivers(stateRoot);
    let settle: { resolve: () => void; reject: (e: unknown) => void } | undefined;
    const up = new Promise<void>((resolve, reject) => {
      settle = { resolve, reject };
    });
    up.catch(() => undefined);
    let createdBeforeReady = 0;
    let ready = false;
    let firstCreate: () => void = () => undefined;
    const creating = new Promise<void>((resolve) => {
      firstCreate = resolve;
    });
    const starting: Drivers = {
      ...drivers,
      async openSession(options) {
        const session = await drivers.openSession(options);
        return {
          ...session,
          ready: () => up,
          async createSandbox(request) {
            if (!ready) createdBeforeReady++;
            firstCreate();
            await up; // as the real one: the container starts once the gateway is ready
            return session.createSandbox(request);
          },
        };
      },
    };
    return {
      drivers: starting,
      ledger,
      creating,
      createdBeforeReady: () => createdBeforeReady,
      resolve: () => {
        ready = true;
        settle?.resolve();
      },
      reject: (e: unknown) => settle?.reject(e),
    };
  }

  test('sandboxes are made while the gateway starts; the runs go on once it is ready', async () => {
    const spec = await specWith('starting', 'matrix:\n  n: [1, 2, 3, 4, 5, 6]\n');
    const g = startingGateway(join(dir, 'state-starting'));
    const eval_ = runEval({
      spec,
      concurrency: 2,
      resultsDir: join(dir, 'res-starting'),
      drivers: g.drivers,
    });
    await g.creating;
    g.resolve();
    const results = await eval_;
    assert.equal(results.totals.passed, 6);
    assert.equal(
      g.createdBeforeReady(),
      2 + PREPARE_AHEAD,
      'as many as may be held were made before it was ready',
    );
  });

  test("a gateway that cannot start is the eval's error: no run executes, and the session is closed", async () => {
    const spec = await specWith('nogateway', 'matrix:\n  n: [1, 2, 3, 4, 5, 6]\n');
    const g = startingGateway(join(dir, 'state-nogateway'));
    const eval_ = runEval({
      spec,
      concurrency: 2,
      resultsDir: join(dir, 'res-nogateway'),
      drivers: g.drivers,
    });
    await g.creating;
    g.reject(new PaddockError('GATEWAY_FAILED', 'the gateway exited 1 before it was ready'));
    await assert.rejects(eval_, (e: unknown) => e instanceof PaddockError && e.code === 'GATEWAY_FAILED');
    assert.equal(g.ledger.maxExecuting, 0);
    assert.ok(g.ledger.closed);
    assert.ok(g.createdBeforeReady() <= 2 + PREPARE_AHEAD, 'nothing more started once it failed');
  });

  test('bad concurrency is rejected loudly, before anything starts', async () => {
    const spec = await specWith('badc', '');
    const { drivers, ledger } = fakeDrivers(join(dir, 'state-f'));
    await assert.rejects(
      runEval({ spec, concurrency: 0, drivers }),
      /Expected `concurrency` to be a number from 1 and up, got `0`/,
    );
    assert.equal(ledger.sessionId, undefined);
  });
});

test('progress: one line per finished run, numbered 1…N without gaps, through the injected log', async () => {
  const dir2 = await mkdtemp(join(tmpdir(), 'paddock-eval-log-'));
  try {
    const spec = join(dir2, 'paddock.yml');
    await writeFile(spec, 'version: 1\nrun: agent\nmatrix: { n: [1, 2, 3, 4, 5, 6] }\n');
    const { drivers } = fakeDrivers(join(dir2, 'state'), { '3': { exitCode: 2 } });
    const lines: string[] = [];
    await runEval({
      spec,
      concurrency: 3,
      resultsDir: join(dir2, 'res'),
      drivers,
      log: { info: (l) => lines.push(l), warning: (l) => lines.push(l) },
    });
    const progress = lines.filter((l) => l.startsWith('['));
    assert.deepEqual(
      progress.map((l) => l.slice(0, 5)),
      ['[1/6]', '[2/6]', '[3/6]', '[4/6]', '[5/6]', '[6/6]'],
    );
    assert.ok(
      progress.some((l) => /^\[\d\/6\] ✘ 3 \S+ exit code 2, expected 0$/.test(l)),
      progress.join('\n'),
    );
  } finally {
    await rm(dir2, { recursive: true, force: true });
  }
});

test('progress: a DNS name the agent chose cannot forge a line, run a workflow command or drive the terminal', async () => {
  // The line goes to the runner's log (the Action's core.info, the CLI's stderr in a `run:` step), where GitHub
  // runs `::cmd::` at a line's start and `##[cmd]` anywhere in a line; a raw DNS label may hold any byte.
  const dir2 = await mkdtemp(join(tmpdir(), 'paddock-eval-hostile-'));
  try {
    const spec = join(dir2, 'paddock.yml');
    await writeFile(spec, 'version: 1\nrun: agent\nmatrix: { n: [evil] }\n');
    const host =
      'x\n::add-mask::paddock\r\n::error file=paddock.yml::forged\n##[stop-commands]tok\u001b]52;c;cHduZWQ=\u0007\u001b[2K.evil.test';
    const { drivers } = fakeDrivers(join(dir2, 'state'), {
      evil: { events: [{ layer: 'dns', protocol: 'udp', host, port: null }] },
    });
    const lines: string[] = [];
    const results = await runEval({
      spec,
      resultsDir: join(dir2, 'res'),
      drivers,
      log: { info: (l) => lines.push(l), warning: (l) => lines.push(l) },
    });
    assert.equal(results.runs[0]?.status, 'egress');
    const progress = lines.filter((l) => l.startsWith('['));
    assert.equal(progress.length, 1, lines.join('\n'));
    const line = progress[0] as string;
    // One line of text: no line break, no escape or bell, no legacy command prefix.
    assert.doesNotMatch(line, /[\u0000-\u001f\u007f-\u009f]/, JSON.stringify(line));
    assert.equal(line.includes('##['), false, line);
    assert.match(line, /egress: x\\x0a::add-mask::paddock/);
  } finally {
    await rm(dir2, { recursive: true, force: true });
  }
});

test('a rerun starts clean: runs of an earlier, wider eval and its stale suggestion are gone', async () => {
  const dir3 = await mkdtemp(join(tmpdir(), 'paddock-eval-rerun-'));
  try {
    const spec = join(dir3, 'paddock.yml');
    const res = join(dir3, 'res');
    await writeFile(spec, 'version: 1\nrun: agent\nmatrix: { n: [1, 2, 3] }\n');
    await runEval({ spec, resultsDir: res, drivers: fakeDrivers(join(dir3, 'state-1')).drivers });
    await writeFile(join(res, 'suggested-policy.yaml'), 'version: 1\n');
    await runEval({
      spec,
      resultsDir: res,
      filters: ['n=2'],
      drivers: fakeDrivers(join(dir3, 'state-2')).drivers,
    });
    const written = JSON.parse(await readFile(join(res, 'results.json'), 'utf8')) as Results;
    assert.deepEqual(
      written.runs.map((r) => r.id),
      ['2'],
    );
    assert.deepEqual(await readdir(join(res, 'runs')), ['2']);
    assert.deepEqual((await readdir(res)).includes('suggested-policy.yaml'), false);
  } finally {
    await rm(dir3, { recursive: true, force: true });
  }
});

describe('runEval --shard with fake drivers', () => {
  test('3 shards partition the matrix, record the shard, and merge back into the unsharded results', async () => {
    const { mergeResults } = await import('../../src/report/index.js');
    const spec = await specWith('sharded', grid);
    const whole = await runEval({
      spec,
      resultsDir: join(dir, 'sh-all'),
      drivers: fakeDrivers(join(dir, 'st-all')).drivers,
      stateDir: join(dir, 'st-all'),
    });
    const parts = await Promise.all(
      [1, 2, 3].map((index) =>
        runEval({
          spec,
          shard: { index, count: 3 },
          resultsDir: join(dir, `sh-${index}`),
          drivers: fakeDrivers(join(dir, `st-${index}`)).drivers,
          stateDir: join(dir, `st-${index}`),
        }),
      ),
    );
    assert.ok(parts.every((p) => p.runs.length === 10 || p.runs.length === 11));
    assert.deepEqual(
      parts.flatMap((p) => p.runs.map((r) => r.id)).sort(),
      whole.runs.map((r) => r.id).sort(),
    );
    assert.deepEqual(parts[1]?.shard, { index: 2, count: 3, plan: whole.runs.map((r) => r.id) });
    assert.equal(parts[0]?.spec.digest, whole.spec.digest);
    assert.match(whole.spec.digest ?? '', /^[0-9a-f]{64}$/);

    const { results } = await mergeResults({
      dirs: [1, 2, 3].map((i) => join(dir, `sh-${i}`)),
      out: join(dir, 'sh-merged'),
    });
    const strip = (r: Results) => ({
      ...r,
      session: '',
      startedAt: '',
      finishedAt: '',
      durationMs: 0,
      merge: undefined,
      runs: r.runs.map((run) => ({ ...run, durationMs: 0, startedAt: '', finishedAt: '' })),
    });
    assert.deepEqual(strip(results), strip(whole));
  });

  test('a shard the matrix leaves empty writes an empty results set without opening a session', async () => {
    const spec = await specWith('tiny', 'matrix:\n  model: [a, b]\n');
    const sizes: number[] = [];
    for (const index of [1, 2, 3]) {
      const { drivers, ledger } = fakeDrivers(join(dir, `st-tiny-${index}`));
      const r = await runEval({
        spec,
        shard: { index, count: 3 },
        resultsDir: join(dir, `tiny-${index}`),
        drivers,
        stateDir: join(dir, `st-tiny-${index}`),
      });
      sizes.push(r.runs.length);
      if (r.runs.length === 0) {
        assert.equal(ledger.sessionId, undefined, 'no session was opened');
        const written = JSON.parse(
          await readFile(join(dir, `tiny-${index}`, 'results.json'), 'utf8'),
        ) as Results;
        assert.deepEqual(written.shard, { index, count: 3, plan: ['a', 'b'] });
        assert.equal(written.totals.total, 0);
      }
    }
    assert.deepEqual(sizes.sort(), [0, 1, 1]);
  });
});

describe('setup with fake drivers', () => {
  test('built once, committed and tagged, used by every run by id; a second eval finds it and runs no setup', async () => {
    const spec = await specWith('setup-ok', 'matrix: { n: [a, b] }\nsetup: install-tools\n');
    const { drivers, ledger } = fakeDrivers(join(dir, 'state-s1'), {
      [FAKE_SETUP]: { events: [{ action: 'allow', host: 'registry.npmjs.org' }] },
    });
    const first = await runEval({ spec, resultsDir: join(dir, 'res-s1'), drivers });
    assert.deepEqual(
      [first.setup?.status, first.setup?.cached, first.setup?.exitCode, first.setup?.imageId],
      ['passed', false, 0, 'sha256:built1'],
    );
    assert.match(first.setup?.image ?? '', /^paddock\/setup:[0-9a-f]{24}$/);
    assert.equal(first.setup?.key.slice(0, 24), first.setup?.image.slice('paddock/setup:'.length));
    assert.equal(
      ledger.images.get(first.setup?.image ?? '')?.id,
      'sha256:built1',
      'tagged after it succeeded',
    );
    assert.deepEqual(
      ledger.sandboxImages.filter((s) => s.startsWith('eval-')),
      ['eval-a@sha256:built1', 'eval-b@sha256:built1'],
    );
    assert.ok(ledger.sandboxImages.some((s) => /^setup-[0-9a-f]{6}@sha256:fakebase$/.test(s)));
    assert.equal(first.totals.passed, 2);
    const setupEvents = await readFile(join(dir, 'res-s1', 'setup', 'events.jsonl'), 'utf8');
    assert.match(setupEvents, /"phase":"setup"/);
    assert.equal(await readFile(join(dir, 'res-s1', 'setup', 'stdout.log'), 'utf8'), 'setup\n');
    const json = JSON.parse(await readFile(join(dir, 'res-s1', 'setup', 'setup.json'), 'utf8'));
    assert.deepEqual(json, first.setup);

    const made = ledger.created.length;
    const second = await runEval({ spec, resultsDir: join(dir, 'res-s1'), drivers });
    assert.deepEqual(
      [second.setup?.status, second.setup?.cached, second.setup?.exitCode, second.setup?.imageId],
      ['passed', true, null, 'sha256:built1'],
    );
    assert.equal(second.setup?.key, first.setup?.key);
    assert.equal(ledger.commits, 1, 'no second build');
    assert.deepEqual(ledger.created.slice(made).sort(), ['eval-a', 'eval-b'], 'no setup sandbox');
    assert.equal(second.totals.passed, 2);
  });

  test('a failed setup: no run starts, each is an error naming the setup, its log and denials kept', async () => {
    const spec = await specWith('setup-bad', 'matrix: { n: [a, b, c] }\nsetup: install-tools\n');
    const { drivers, ledger } = fakeDrivers(join(dir, 'state-s2'), {
      [FAKE_SETUP]: { exitCode: 3, events: [{ action: 'deny', host: 'evil.test' }] },
    });
    const results = await runEval({ spec, resultsDir: join(dir, 'res-s2'), drivers });
    assert.deepEqual(
      [results.setup?.status, results.setup?.exitCode, results.setup?.imageId, results.setup?.reason],
      ['failed', 3, null, 'exit code 3, expected 0'],
    );
    assert.equal(results.setup?.denials, 1);
    assert.equal(results.setup?.denied[0]?.host, 'evil.test');
    assert.deepEqual(
      results.runs.map((r) => [r.id, r.status, r.reason, r.exitCode, r.startedAt]),
      [
        ['a', 'error', 'setup: exit code 3, expected 0', null, null],
        ['b', 'error', 'setup: exit code 3, expected 0', null, null],
        ['c', 'error', 'setup: exit code 3, expected 0', null, null],
      ],
    );
    assert.deepEqual(
      ledger.created.filter((n) => n.startsWith('eval-')),
      [],
      'no run sandbox was made',
    );
    assert.equal(ledger.commits, 0);
    assert.equal(ledger.images.size, 0, 'nothing tagged');
    assert.equal(results.totals.denied, 0, "setup's denials are not the runs'");
    assert.match(await readFile(join(dir, 'res-s2', 'setup', 'events.jsonl'), 'utf8'), /evil\.test/);
    const { summary } = await writeReports(join(dir, 'res-s2'), results, [], null);
    assert.match(summary, /[Ss]etup failed/);
  });

  test('cancelled during setup: setup and every run are cancelled, nothing is tagged, results are written', async () => {
    const spec = await specWith('setup-cancel', 'matrix: { n: [a, b] }\nsetup: install-tools\n');
    const { drivers, ledger } = fakeDrivers(join(dir, 'state-s4'), { [FAKE_SETUP]: { execMs: 60_000 } });
    const stop = new AbortController();
    const log = {
      info: (line: string) => {
        if (line.includes('setup: building')) stop.abort(new Error('SIGINT'));
      },
      warning: () => undefined,
    };
    const results = await runEval({
      spec,
      resultsDir: join(dir, 'res-s4'),
      drivers,
      signal: stop.signal,
      log,
    });
    assert.deepEqual([results.setup?.status, results.setup?.imageId], ['cancelled', null]);
    assert.deepEqual(
      results.runs.map((r) => [r.id, r.status]),
      [
        ['a', 'cancelled'],
        ['b', 'cancelled'],
      ],
    );
    assert.equal(ledger.images.size, 0);
    assert.ok(ledger.closed);
  });

  test("an earlier eval's setup folder does not outlive a rerun without setup", async () => {
    const withSetup = await specWith('setup-stale', 'setup: install-tools\n');
    const { drivers } = fakeDrivers(join(dir, 'state-s3'));
    await runEval({ spec: withSetup, resultsDir: join(dir, 'res-s3'), drivers });
    assert.ok((await readdir(join(dir, 'res-s3'))).includes('setup'));
    const without = await specWith('setup-none', '');
    const results = await runEval({ spec: without, resultsDir: join(dir, 'res-s3'), drivers });
    assert.equal(results.setup, undefined);
    assert.ok(!(await readdir(join(dir, 'res-s3'))).includes('setup'));
  });
});

describe('errors caused by a spec key point at its line (CLI output and Action annotations)', () => {
  const problemOf = async (spec: string, patch: Partial<Drivers> = {}) => {
    const { drivers } = fakeDrivers(join(dir, 'st-lines'));
    const error = await runEval({
      spec,
      resultsDir: join(dir, 'res-lines'),
      drivers: { ...drivers, ...patch },
      stateDir: join(dir, 'st-lines'),
    }).then(
      () => assert.fail('the eval should have failed'),
      (e: unknown) => e as PaddockError,
    );
    assert.ok(error instanceof PaddockError, String(error));
    return { code: error.code, problems: error.problems.map((p) => formatProblem(p)) };
  };

  test('a policy file that cannot be read: the spec line of policy:', async () => {
    const spec = await specWith('nopolicy', 'matrix:\n  x: [a]\npolicy: missing.yaml\n');
    const { code, problems } = await problemOf(spec, { loadPolicy: realDrivers.loadPolicy });
    assert.equal(code, 'POLICY_INVALID');
    assert.equal(problems.length, 1);
    assert.match(
      problems[0] ?? '',
      new RegExp(`^${spec}:5: policy: cannot read policy .*missing\\.yaml \\(ENOENT\\)`),
    );
  });

  test("verify's policy file that cannot be read: the line of verify.policy", async () => {
    const body = 'matrix:\n  x: [a]\nverify:\n  run: grade\n  policy: nope.yaml\n';
    const spec = await specWith('noverifypolicy', body);
    const { problems } = await problemOf(spec, { loadPolicy: realDrivers.loadPolicy });
    assert.match(
      problems[0] ?? '',
      new RegExp(`^${spec}:7: verify\\.policy: cannot read policy .*nope\\.yaml`),
    );
  });

  test("setup's policy file that cannot be read: the line of setup.policy, before anything is made", async () => {
    const body = 'matrix:\n  x: [a]\nsetup:\n  run: install\n  policy: nope.yaml\n';
    const spec = await specWith('nosetuppolicy', body);
    const { code, problems } = await problemOf(spec, { loadPolicy: realDrivers.loadPolicy });
    assert.equal(code, 'POLICY_INVALID');
    assert.match(
      problems[0] ?? '',
      new RegExp(`^${spec}:7: setup\\.policy: cannot read policy .*nope\\.yaml`),
    );
  });

  test('an image that cannot be had: the spec line of image:', async () => {
    const spec = await specWith('noimage', 'matrix:\n  x: [a]\nimage: nosuch/image:1\n');
    const { code, problems } = await problemOf(spec, {
      prepareImage: async () => {
        throw new PaddockError('IMAGE_UNAVAILABLE', 'image nosuch/image:1 is not present locally');
      },
    });
    assert.equal(code, 'IMAGE_UNAVAILABLE');
    assert.deepEqual(problems, [`${spec}:5: image: image nosuch/image:1 is not present locally`]);
  });

  test('an image that cannot be had, found while the session opened: that session is closed again', async () => {
    const spec = await specWith('noimage2', 'matrix:\n  x: [a]\nimage: nosuch/image:2\n');
    const { drivers, ledger } = fakeDrivers(join(dir, 'st-noimage2'));
    const error = await runEval({
      spec,
      resultsDir: join(dir, 'res-noimage2'),
      stateDir: join(dir, 'st-noimage2'),
      drivers: {
        ...drivers,
        prepareImage: async () => {
          throw new PaddockError('IMAGE_UNAVAILABLE', 'image nosuch/image:2 is not present locally');
        },
      },
    }).then(
      () => assert.fail('the eval should have failed'),
      (e: unknown) => e as PaddockError,
    );
    assert.equal(error.code, 'IMAGE_UNAVAILABLE');
    assert.equal(ledger.sessionId !== undefined, true, 'the session was opened beside the image check');
    assert.equal(ledger.closed, true);
  });

  test("the session opens while the results folder is made, not after it (the runs' folders are not there yet)", async () => {
    const spec = await specWith('folder-beside', 'matrix:\n  x: [a, b]\n');
    const resultsDir = join(dir, 'res-folder-beside');
    const { drivers } = fakeDrivers(join(dir, 'st-folder-beside'));
    let runFolderAtOpen: boolean | undefined;
    const results = await runEval({
      spec,
      resultsDir,
      stateDir: join(dir, 'st-folder-beside'),
      drivers: {
        ...drivers,
        openSession: (options) => {
          runFolderAtOpen = existsSync(join(resultsDir, 'runs'));
          return drivers.openSession(options);
        },
      },
    });
    assert.equal(runFolderAtOpen, false);
    assert.equal(results.totals.passed, 2);
  });

  test('a results folder that cannot be made, found while the session opened: that session is closed again', async () => {
    const spec = await specWith('badfolder', 'matrix:\n  x: [a]\n');
    const resultsDir = join(dir, 'res-badfolder');
    await writeFile(resultsDir, 'a file where the folder should be');
    const { drivers, ledger } = fakeDrivers(join(dir, 'st-badfolder'));
    const error = await runEval({ spec, resultsDir, stateDir: join(dir, 'st-badfolder'), drivers }).then(
      () => assert.fail('the eval should have failed'),
      (e: unknown) => e as NodeJS.ErrnoException,
    );
    assert.match(String(error.code), /^(EEXIST|ENOTDIR)$/);
    assert.equal(ledger.sessionId !== undefined, true, 'the session was opened beside the folder');
    assert.equal(ledger.closed, true);
  });

  test('a matrix above max-runs: the line of matrix:', async () => {
    const spec = await specWith('toomany', 'max-runs: 2\nmatrix:\n  x: [a, b, c]\n');
    const { code, problems } = await problemOf(spec);
    assert.equal(code, 'SPEC_INVALID');
    assert.deepEqual(problems, [
      `${spec}:4: matrix: expected at most 2 runs (raise \`max-runs\` or narrow the matrix), got 3`,
    ]);
  });
});
