import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';
import { setupPaths } from '../../src/eval/setup-result.js';
import { JS } from '../../src/report/html/assets.js';
import { egressEdges, reportHtml } from '../../src/report/index.js';
import { deniedTarget, denyEvent, results, runResult } from './fixture.js';
import { bigReport, HOSTILE, hostileReport } from './html-fixture.js';

describe('report.html', () => {
  const { results: r, events, logsTail } = hostileReport();
  const html = reportHtml({
    results: r,
    events,
    suggestion: { yaml: `network_policies:\n  x:\n    endpoints: [{ host: "${HOSTILE}" }]\n` },
    logsTail,
  });

  test('untrusted text is escaped everywhere: no tag an agent wrote survives', () => {
    assert.ok(!html.includes('<img'), 'no raw <img');
    assert.ok(!html.includes('<script>window'), 'no injected script');
    assert.ok(!html.includes('</pre></td></tr><script>'), 'a log cannot close its cell');
    assert.ok(html.includes('&lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;'));
    assert.equal(html.match(/<script/g)?.length, 1, 'exactly one script: the page’s own');
  });

  test('self-contained: no URL, no external resource; the CSP allows only the inline script by hash', () => {
    assert.doesNotMatch(html, /https?:\/\//);
    // Attribute values are escaped text; what is left is the page's own markup.
    const markup = html.replace(/"[^"]*"/g, '""');
    assert.doesNotMatch(markup, /<(link|img|iframe|object|embed|base)\b|<[a-z][^>]*\ssrc=|@import|url\(/i);
    const hash = createHash('sha256').update(JS).digest('base64');
    assert.ok(html.includes(`script-src 'sha256-${hash}'`));
    assert.match(html, /default-src 'none'/);
    assert.ok(html.includes(`<script>${JS}</script>`));
  });

  test('each run has a row with its status and matrix values, and a details row with logs and outputs', () => {
    assert.equal(html.match(/<tr class="run"/g)?.length, 9);
    assert.equal(html.match(/<tr class="details"/g)?.length, 9);
    assert.equal(html.match(/<tr class="run"[^>]* data-status="egress"/g)?.length, 3);
    assert.ok(
      html.includes(
        'href="runs/exfil__long/out/%3Cimg%20src%3Dx%20onerror%3D%22window.__pwned%3D1%22%3E.txt"',
      ),
    );
    assert.ok(html.includes('<select data-axis="0" id="f-m0">'));
    assert.ok(html.includes('id="copy-policy"'));
    assert.ok(html.includes('<svg id="egress-graph"'));
  });

  test('256 runs with 64 KiB log tails each stay under 2 MB; 1,024 under 4 MB', () => {
    const size = (n: number) => {
      const big = bigReport(n);
      return Buffer.byteLength(reportHtml({ ...big, suggestion: null }));
    };
    const s256 = size(256);
    assert.ok(s256 < 2_000_000, `256 runs: ${s256} bytes`);
    const s1024 = size(1024);
    assert.ok(s1024 < 4_000_000, `1024 runs: ${s1024} bytes`);
  });
});

describe('report.html: the setup phase', () => {
  const setup = {
    status: 'failed',
    image: 'paddock/setup:abc',
    imageId: null,
    key: 'abc',
    cached: false,
    exitCode: 7,
    timedOut: false,
    durationMs: 800,
    denials: 0,
    denied: [],
    reason: 'exit code 7, expected 0 <b>',
    paths: setupPaths(),
  } as const;
  const run = runResult('a', 'error', { reason: 'setup: exit code 7, expected 0' });

  test("a run's request denial is shown as METHOD host/path", () => {
    const denied = [deniedTarget({ host: 'api.test', layer: 'http', method: 'DELETE', path: '/v1/items' })];
    const page = reportHtml({
      results: results([runResult('a', 'egress', { denied })]),
      events: [],
      suggestion: null,
    });
    assert.ok(page.includes('<code>/usr/bin/curl -&gt; DELETE api.test/v1/items</code>'), page);
  });

  test('a failed setup is said in the header, escaped, with links to its files', () => {
    const html = reportHtml({
      results: results([run], { setup }),
      events: [],
      suggestion: null,
      logsTail: new Map(),
    });
    assert.ok(html.includes('<b>Setup failed: exit code 7, expected 0 &lt;b&gt;; no run started.'), html);
    for (const f of ['setup.json', 'stdout.log', 'stderr.log', 'events.jsonl'])
      assert.ok(html.includes(`<a href="setup/${f}">${f}</a>`), f);
  });

  test('a reused image says so, without links to logs it does not have', () => {
    const cached = {
      ...setup,
      status: 'passed',
      imageId: 'sha256:x',
      cached: true,
      exitCode: null,
      reason: '',
    } as const;
    const html = reportHtml({
      results: results([run], { setup: cached }),
      events: [],
      suggestion: null,
      logsTail: new Map(),
    });
    assert.ok(html.includes('Setup reused paddock/setup:abc'));
    assert.ok(!html.includes('href="setup/stdout.log"'));
  });
});

describe('egressEdges', () => {
  test('counts allowed, denied and audited decisions per (binary, destination), busiest first', () => {
    const r = results([runResult('a', 'egress')]);
    const edges = egressEdges(r, [
      denyEvent({ action: 'allow', host: 'api.test', binary: '/usr/bin/node', run: 'a' }),
      denyEvent({ action: 'allow', host: 'api.test', binary: '/usr/bin/node', run: 'b' }),
      denyEvent({ action: 'deny', host: 'api.test', binary: '/usr/bin/node', run: 'a' }),
      denyEvent({ action: 'audit', host: 'x.test', port: null, layer: 'dns', binary: null, run: null }),
    ]);
    assert.deepEqual(edges, [
      {
        binary: '/usr/bin/node',
        destination: 'api.test:443',
        allowed: 2,
        denied: 1,
        audited: 0,
        runs: ['a', 'b'],
      },
      { binary: 'unknown', destination: 'x.test', allowed: 0, denied: 0, audited: 1, runs: ['-'] },
    ]);
  });

  test('without events, the runs’ denied lists stand in', () => {
    const r = results([runResult('a', 'egress', { denied: [deniedTarget({ count: 3 })] })]);
    assert.deepEqual(egressEdges(r, []), [
      {
        binary: '/usr/bin/curl',
        destination: 'evil.test:443',
        allowed: 0,
        denied: 3,
        audited: 0,
        runs: ['a'],
      },
    ]);
  });
});
