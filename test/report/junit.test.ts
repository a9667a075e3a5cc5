import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { failureDetail, failureMessage, junitXml } from '../../src/report/junit.js';
import { deniedTarget, results, runResult } from './fixture.js';
import { bigReport } from './html-fixture.js';
import { parseJunit } from './xml-parse.js';

describe('junitXml', () => {
  test('one testcase per run, named by run id, classed by spec name, timed in seconds', () => {
    const xml = junitXml(results([runResult('a', 'passed'), runResult('b', 'passed', { durationMs: 2250 })]));
    const parsed = parseJunit(xml);
    assert.equal(parsed.root, 'testsuites');
    assert.deepEqual(
      parsed.cases.map((c) => [c.name, c.classname, c.time]),
      [
        ['a', 'demo', '1.5'],
        ['b', 'demo', '2.25'],
      ],
    );
    assert.equal(parsed.suites[0]?.name, 'demo');
    assert.equal(parsed.suites[0]?.tests, '2');
  });

  test('a spec named "." is titled by its file', () => {
    const xml = junitXml(
      results([runResult('a', 'passed')], { spec: { file: 'evals/paddock.yml', name: '.', digest: null } }),
    );
    assert.equal(parseJunit(xml).cases[0]?.classname, 'evals/paddock.yml');
  });

  test('properties carry matrix values, image digest and denial count', () => {
    const run = runResult('m1__p', 'passed', { matrix: { model: 'm1', prompt: 'prompts/a.md' }, denials: 0 });
    const [c] = parseJunit(junitXml(results([run]))).cases;
    assert.deepEqual(c?.properties, {
      'matrix.model': 'm1',
      'matrix.prompt': 'prompts/a.md',
      status: 'passed',
      'exit-code': '0',
      denials: '0',
      'image.digest': 'sha256:abc',
    });
  });

  const statusRows: {
    status: Parameters<typeof runResult>[1];
    element: 'failure' | 'error' | 'skipped' | 'none';
  }[] = [
    { status: 'passed', element: 'none' },
    { status: 'failed', element: 'failure' },
    { status: 'egress', element: 'failure' },
    { status: 'timeout', element: 'failure' },
    { status: 'error', element: 'error' },
    { status: 'cancelled', element: 'skipped' },
  ];
  for (const row of statusRows) {
    test(`a ${row.status} run becomes ${row.element === 'none' ? 'a plain testcase' : `<${row.element}>`}`, () => {
      const [c] = parseJunit(junitXml(results([runResult('r', row.status)]))).cases;
      assert.equal(c?.failure !== undefined, row.element === 'failure');
      assert.equal(c?.error !== undefined, row.element === 'error');
      assert.equal(c?.skipped, row.element === 'skipped');
      if (row.element === 'failure') assert.equal(c?.failure?.type, row.status);
    });
  }

  test('an egress failure names exit code and each denied binary -> host:port', () => {
    const run = runResult('a', 'egress', {
      reason: 'unexpected egress',
      denials: 3,
      denied: [
        deniedTarget({ count: 2 }),
        deniedTarget({ binary: null, host: null, ip: '203.0.113.9', port: 80, count: 1 }),
      ],
    });
    const [c] = parseJunit(junitXml(results([run]))).cases;
    assert.equal(
      c?.failure?.message,
      'unexpected egress; exit code 0; denied: /usr/bin/curl -> evil.test:443, unknown -> 203.0.113.9:80',
    );
    assert.match(c?.failure?.text ?? '', /^ {2}\/usr\/bin\/curl -> evil\.test:443 \(2x, connect\)$/m);
    assert.match(c?.failure?.text ?? '', /^denials: 3$/m);
  });

  test('a failure message lists five targets, then says how many more', () => {
    const denied = Array.from({ length: 7 }, (_, i) => deniedTarget({ host: `h${i}.test` }));
    assert.match(failureMessage(runResult('a', 'egress', { denied })), /h4\.test:443 and 2 more$/);
  });

  test('targets the run did not list (deniedOmitted) are counted in the message and the detail', () => {
    const denied = Array.from({ length: 7 }, (_, i) => deniedTarget({ host: `h${i}.test` }));
    const run = runResult('a', 'egress', { denied, deniedOmitted: 993 });
    assert.match(failureMessage(run), /h4\.test:443 and 995 more$/);
    assert.match(failureDetail(run), /h6\.test:443 .*\n {2}… and 993 more \(in the run's events\.jsonl\)$/);
  });

  test('a request denial is named METHOD host/path in the failure message', () => {
    const denied = [
      deniedTarget({ host: 'github.com', layer: 'http', method: 'POST', path: '/o/r.git/git-receive-pack' }),
    ];
    assert.match(
      failureMessage(runResult('a', 'egress', { denied })),
      /denied: \/usr\/bin\/curl -> POST github\.com\/o\/r\.git\/git-receive-pack$/,
    );
  });

  test('system-out and system-err carry the tails of the logs', () => {
    const logsTail = new Map([['a', { stdout: `${'x'.repeat(100)}\nlast line`, stderr: 'oops' }]]);
    const [c] = parseJunit(
      junitXml(results([runResult('a', 'failed')]), { logsTail, maxLogChars: 20 }),
    ).cases;
    assert.match(c?.out ?? '', /omitted …\]\nlast line$/);
    assert.equal(c?.err, 'oops');
  });

  // `log` is what system-out shows; `expected` what attributes show.
  const hostile: { name: string; text: string; expected: string; log?: string }[] = [
    { name: 'markup', text: '<script>alert(1)</script> & "q"', expected: '<script>alert(1)</script> & "q"' },
    {
      name: 'CDATA terminators',
      text: 'a ]]> b ]]]]> c',
      expected: 'a ]]> b ]]]]> c',
      log: 'a ]]&gt; b ]]]]&gt; c',
    },
    { name: 'control characters', text: 'a\u0000b\u0007c\u001bd\u000be\tf', expected: 'abcde\tf' },
    { name: 'a lone surrogate and U+FFFE', text: 'a\ud800b\ufffec😀', expected: 'abc😀' },
  ];
  for (const row of hostile) {
    test(`${row.name} in logs, ids, matrix values and reasons still give loadable XML`, () => {
      const run = runResult(`r${row.text}`, 'egress', {
        matrix: { [`k${row.text}`]: row.text },
        reason: row.text,
        denied: [deniedTarget({ host: row.text })],
      });
      const logsTail = new Map([[run.id, { stdout: row.text, stderr: row.text }]]);
      const [c] = parseJunit(
        junitXml(results([run], { spec: { file: 'x', name: row.text, digest: null } }), { logsTail }),
      ).cases;
      assert.equal(c?.out, row.log ?? row.expected);
      assert.equal(c?.err, row.log ?? row.expected);
      assert.equal(c?.name, `r${row.expected}`);
      assert.equal(c?.classname, row.expected);
      assert.equal(c?.properties[`matrix.k${row.expected}`], row.expected);
      assert.ok(c?.failure?.message.startsWith(row.expected));
    });
  }

  test('a 5 MB log is cut to its tail', () => {
    const big = `${'line of output\n'.repeat(350_000)}THE END`;
    const xml = junitXml(results([runResult('a', 'failed')]), {
      logsTail: new Map([['a', { stdout: big, stderr: '' }]]),
    });
    assert.ok(xml.length < 80_000, `junit is ${xml.length} chars`);
    const [c] = parseJunit(xml).cases;
    assert.ok(c?.out.endsWith('THE END'));
  });

  test('the logs of 1,000 runs share one budget: each keeps its tail, the file stays loadable', () => {
    // 1,000 runs × two 64 KiB tails would be a 128 MB junit.xml, which JUnit publishers load whole.
    const { results: r, logsTail } = bigReport(1000);
    const xml = junitXml(r, { logsTail });
    assert.ok(xml.length < 24_000_000, `junit is ${xml.length} chars`);
    const cases = parseJunit(xml).cases;
    assert.equal(cases.length, 1000);
    for (const c of cases) assert.match(c.out, /omitted …\]\nx{79}\n/);
  });

  test('a few runs keep their logs up to the per-log cap', () => {
    const { results: r, logsTail } = bigReport(4);
    const [c] = parseJunit(junitXml(r, { logsTail })).cases;
    assert.equal(c?.out.length, 65536);
  });
});
