import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { annotations } from '../../src/report/annotations.js';
import { commentMarker, prComment } from '../../src/report/comment.js';
import { byteLength } from '../../src/report/text.js';
import { deniedTarget, denyEvent, results, runResult } from './fixture.js';

const spec = 'version: 1\nimage: x\npolicy: policies/default.yaml\nmatrix:\n  m: [a]\nrun: agent\n';

describe('annotations', () => {
  test('one error per denied destination, at the spec policy line', () => {
    const r = results([
      runResult('a', 'egress', { denials: 2, denied: [deniedTarget({ count: 2 })] }),
      runResult('b', 'egress', { denials: 1, denied: [deniedTarget()] }),
    ]);
    assert.deepEqual(annotations(r, { specText: spec }), [
      {
        level: 'error',
        title: 'Paddock: unexpected egress',
        message:
          '/usr/bin/curl -> evil.test:443 denied 3x in a, b. Allow it in the policy if it is expected.',
        file: 'paddock.yml',
        startLine: 3,
      },
    ]);
  });

  test('many destinations fold into a handful', () => {
    const denied = Array.from({ length: 40 }, (_, i) => deniedTarget({ host: `h${i}.test` }));
    const list = annotations(results([runResult('a', 'egress', { denied })]));
    assert.equal(list.length, 6);
    assert.equal(list[5]?.message, '35 more denied destinations (35 attempts); see the job summary.');
  });

  test('failed and timed-out runs share one annotation at the run line; errors get their own', () => {
    const r = results([
      runResult('a', 'failed'),
      runResult('b', 'timeout'),
      runResult('c', 'error', { reason: 'image missing' }),
    ]);
    assert.deepEqual(
      annotations(r, { specText: spec }).map((a) => [a.title, a.message, a.startLine]),
      [
        ['Paddock: 2 runs failed', 'a (exit 3), b (timeout)', 6],
        ['Paddock: 1 run could not run', 'c: image missing', undefined],
      ],
    );
  });

  test('a passing eval has no annotations', () => {
    assert.deepEqual(annotations(results([runResult('a', 'passed')])), []);
  });
});

describe('prComment', () => {
  test('starts with a marker that depends only on the spec path', () => {
    const a = commentMarker('paddock.yml');
    assert.match(a, /^<!-- paddock:comment spec=[0-9a-f]{16} -->$/);
    assert.equal(commentMarker('paddock.yml'), a);
    assert.notEqual(commentMarker('other.yml'), a);
    assert.equal(commentMarker('--> <b>'), commentMarker('--> <b>'));
    assert.ok(!commentMarker('--> <b>').includes('<b>'));
  });

  test('holds the summary and a link to the run, within the comment size cap', () => {
    const runs = Array.from({ length: 5_000 }, (_, i) => runResult(`run-${i}`, 'egress', { denials: 1 }));
    const body = prComment(
      results(runs),
      [denyEvent()],
      { yaml: 'a: 1\n' },
      { runUrl: 'https://github.test/o/r/actions/runs/1' },
    );
    assert.ok(body.startsWith(`${commentMarker('paddock.yml')}\n## Paddock: demo`));
    assert.ok(
      body.endsWith(
        '[Workflow run](https://github.test/o/r/actions/runs/1) · results in the `paddock-results` artifact\n',
      ),
    );
    assert.ok(byteLength(body) <= 60_000);
  });
});
