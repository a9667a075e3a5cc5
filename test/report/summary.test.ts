import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { prComment } from '../../src/report/comment.js';
import { aggregateEgress } from '../../src/report/egress.js';
import { summaryMarkdown, verdictLine } from '../../src/report/summary.js';
import { byteLength, codeBlock, escapeInline } from '../../src/report/text.js';
import { deniedTarget, denyEvent, results, runResult } from './fixture.js';

describe('escapeInline', () => {
  const rows: [string, string][] = [
    ['<script>alert(1)</script>', '&lt;script&gt;alert&#40;1&#41;&lt;/script&gt;'],
    ['[x](https://evil.test)', '&#91;x&#93;&#40;https&#58;//evil.test&#41;'],
    ['a|b', 'a&#124;b'],
    ['line1\n\nline2', 'line1 line2'],
    ['nul\u0000esc\u001b', 'nulesc'],
    ['`x` *y* _z_', '&#96;x&#96; &#42;y&#42; &#95;z&#95;'],
    // Each character is escaped once: an entity's own '#' is not escaped again.
    ['Input \'x\' & "y"', 'Input &#39;x&#39; &amp; &quot;y&quot;'],
  ];
  for (const [input, expected] of rows) {
    test(`escapes ${JSON.stringify(input)}`, () => assert.equal(escapeInline(input), expected));
  }
});

describe('codeBlock', () => {
  test('a fence in the content cannot close the block', () => {
    assert.equal(codeBlock('a\n```\n</details>\n', 'yaml'), '````yaml\na\n```\n</details>\n````');
  });
});

describe('verdictLine', () => {
  test('passed', () => {
    assert.equal(
      verdictLine(results([runResult('a', 'passed')])),
      '✅ **Paddock passed** — 1 of 1 run met their expectation',
    );
  });
  test('failed, with denials', () => {
    const r = results([runResult('a', 'passed'), runResult('b', 'egress', { denials: 2 })]);
    assert.equal(
      verdictLine(r),
      '❌ **Paddock failed** — 1 of 2 runs did not meet their expectation · 2 denied egress attempts',
    );
  });
});

describe('aggregateEgress', () => {
  test('groups events by (binary, host:port) with counts and sorted run lists', () => {
    const events = [
      denyEvent({ run: 'b' }),
      denyEvent({ run: 'a' }),
      denyEvent({ run: 'a' }),
      denyEvent({ run: 'a', host: 'other.test', port: 80 }),
      denyEvent({ action: 'allow', host: 'ok.test' }),
      denyEvent({ action: 'audit', host: 'audit.test', layer: 'dns', port: null, binary: null, run: null }),
    ];
    assert.deepEqual(aggregateEgress(results([]), events), [
      { action: 'deny', binary: '/usr/bin/curl', destination: 'evil.test:443', count: 3, runs: ['a', 'b'] },
      { action: 'deny', binary: '/usr/bin/curl', destination: 'other.test:80', count: 1, runs: ['a'] },
      { action: 'audit', binary: 'unknown', destination: 'audit.test', count: 1, runs: ['-'] },
    ]);
  });
  test('request-level decisions show METHOD host/path (the port only when it is not 443 or 80)', () => {
    const http = { layer: 'http' as const, host: 'github.com', binary: '/usr/lib/git-core/git-remote-https' };
    const events = [
      denyEvent({ ...http, port: 443, method: 'POST', path: '/o/r.git/git-receive-pack', run: 'a' }),
      denyEvent({ ...http, port: 8443, method: 'DELETE', path: '/x?q=…', run: 'a' }),
    ];
    assert.deepEqual(
      aggregateEgress(results([]), events).map((r) => r.destination),
      ['DELETE github.com:8443/x?q=…', 'POST github.com/o/r.git/git-receive-pack'],
    );
  });
  test('falls back to the runs denied lists when there are no events', () => {
    const r = results([runResult('a', 'egress', { denials: 2, denied: [deniedTarget({ count: 2 })] })]);
    assert.deepEqual(aggregateEgress(r, []), [
      { action: 'deny', binary: '/usr/bin/curl', destination: 'evil.test:443', count: 2, runs: ['a'] },
    ]);
  });
});

describe('summaryMarkdown', () => {
  const egressRun = runResult('a', 'egress', {
    reason: 'unexpected egress',
    denials: 1,
    denied: [deniedTarget()],
  });
  const base = results([egressRun, runResult('b', 'passed')]);

  test('shows the verdict, the runs table, the egress table and the suggested policy', () => {
    const md = summaryMarkdown(base, [denyEvent()], { yaml: 'network_policies:\n  evil:\n' });
    assert.ok(md.startsWith('## Paddock: demo\n\n❌ **Paddock failed** — 1 of 2 runs'));
    assert.ok(
      md.includes(
        '<tr><th>Status</th><th>Run</th><th>Duration</th><th>Exit</th><th>Denials</th><th>Reason</th></tr>',
      ),
    );
    assert.ok(
      md.includes(
        '<tr><td>🚫 egress</td><td><code>a</code></td><td>1.5 s</td><td>0</td><td>1</td><td>unexpected egress</td></tr>',
      ),
    );
    assert.ok(
      md.includes(
        '<tr><td>denied</td><td><code>/usr/bin/curl</code></td><td><code>evil.test&#58;443</code></td><td>1</td><td><code>a</code></td></tr>',
      ),
    );
    assert.ok(
      md.includes(
        '<details><summary>Suggested policy (allows what was denied; review before applying)</summary>\n\n```yaml\nnetwork_policies:\n  evil:\n```\n\n</details>',
      ),
    );
  });

  test('leaves the egress table and the policy out when there is nothing to show', () => {
    const md = summaryMarkdown(results([runResult('b', 'passed')]), [], null);
    assert.ok(!md.includes('### Egress'));
    assert.ok(!md.includes('<details>'));
  });

  test('warns when enforcement was proxy-only', () => {
    const md = summaryMarkdown(results([], { enforcement: 'proxy-only' }), [], null);
    assert.ok(md.includes('> [!WARNING]\n> Enforcement was **proxy-only**'));
  });

  test('hostile hosts and cmdlines never become markup', () => {
    const evil = '<img src=x onerror=alert(1)>\n\n# [click](https://evil.test) | </table>';
    const md = summaryMarkdown(
      results([runResult(evil, 'egress', { reason: evil })], {
        spec: { file: evil, name: evil, digest: null },
      }),
      [denyEvent({ host: evil, binary: evil, run: evil })],
      null,
    );
    assert.ok(!md.includes('<img'));
    assert.ok(!md.includes('[click]'));
    assert.equal(md.match(/<\/table>/g)?.length, 2);
    assert.ok(!/\n\n# /.test(md), 'no heading injected');
  });

  test('a reason the agent chose pings nobody and references no issue in the PR comment', () => {
    // GitHub turns `@user`, `@org/team` and `owner/repo#1` in a comment's text into mentions (a notification)
    // and cross-references (an entry in that issue), also inside HTML table cells; only code is left alone.
    // The filters read the rendered text, so an entity (`&#64;`) is no defence: decode before looking.
    const host = 'x.@octocat .@github/security .torvalds/linux#1 .#2 .evil.test';
    const reason = `egress: ${host} (dns)`;
    const md = prComment(
      results([runResult('r1', 'egress', { reason, denials: 1 })]),
      [denyEvent({ host, run: 'r1', layer: 'dns', port: null })],
      null,
    );
    const text = md
      .replace(/<code>[\s\S]*?<\/code>/g, '')
      .replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n)))
      .replace(/&(amp|lt|gt|quot);/g, (_, n) => ({ amp: '&', lt: '<', gt: '>', quot: '"' })[n as 'amp']);
    assert.ok(text.includes('egress'), 'the reason is shown');
    assert.doesNotMatch(text, /(^|[^\w`])@[a-z0-9]/i, 'no @mention');
    assert.doesNotMatch(text, /#\d/, 'no issue reference');
  });

  test('text in <code> (binaries, destinations, run ids) is exactly what was logged: no zero-width space to copy', () => {
    // GitHub leaves code alone (no mentions, no references); a path copied from the egress table into a policy
    // must match, and `@anthropic-ai` is in Claude Code's.
    const binary = '/usr/lib/node_modules/@anthropic-ai/claude-code/cli.js';
    const md = summaryMarkdown(
      results([runResult('r1', 'egress', { denials: 1 })]),
      [denyEvent({ binary, host: 'x#1.test', run: 'r1' })],
      null,
    );
    const codes = [...md.matchAll(/<code>([\s\S]*?)<\/code>/g)].map((m) =>
      (m[1] as string).replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n))),
    );
    assert.ok(codes.includes(binary), codes.join('\n'));
    assert.ok(codes.includes('x#1.test:443'), codes.join('\n'));
  });

  test('stays under the byte cap and says the tables were cut', () => {
    const runs = Array.from({ length: 20_000 }, (_, i) =>
      runResult(`run-${i}-${'x'.repeat(40)}`, 'egress', { denials: 1 }),
    );
    const events = runs.map((r, i) => denyEvent({ run: r.id, host: `h${i}.test` }));
    const md = summaryMarkdown(results(runs), events, { yaml: 'x: 1\n' });
    assert.ok(byteLength(md) <= 1_000_000, `${byteLength(md)} bytes`);
    assert.match(md, /… \d+ more runs not shown; see results\.json/);
    assert.match(md, /… \d+ more destinations not shown; see results\.json/);
    assert.ok(md.includes('```yaml\nx: 1\n```'), 'the suggestion survives the cut');
  });

  test('a suggestion too large to show is replaced by a note', () => {
    const md = summaryMarkdown(base, [], { yaml: 'x'.repeat(300_000) });
    assert.ok(md.includes('The suggested policy is 293 KiB, too large to show here'));
  });
});
