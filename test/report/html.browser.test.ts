// report.html in a real browser: Debian's chromium, headless, driven by puppeteer-core (no browser download).
// CI installs chromium (.ci/run) and sets CI, so there a missing browser fails the test instead of skipping it.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { reportHtml } from '../../src/report/index.js';
import { HOSTILE, hostileReport } from './html-fixture.js';

const CANDIDATES = [process.env.PADDOCK_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
const chromium = CANDIDATES.find((p): p is string => typeof p === 'string' && p !== '' && existsSync(p));
const required = process.env.CI === 'true' || process.env.CI === '1';
const skip = chromium === undefined && !required ? 'no chromium (apt-get install chromium)' : false;

const report = hostileReport();
const html = reportHtml({
  ...report,
  suggestion: {
    yaml: 'extends: default\nnetwork_policies:\n  agent:\n    endpoints: [{ host: long.exfil.test, port: 443 }]\n    binaries: [{ path: /usr/bin/curl }]\n',
  },
});

describe('report.html in chromium', { skip }, () => {
  let dir: string;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];
  const requests: string[] = [];

  before(async () => {
    assert.ok(
      chromium,
      `chromium not found (looked at ${CANDIDATES.filter(Boolean).join(', ')}); CI must install it`,
    );
    dir = await mkdtemp(join(tmpdir(), 'paddock-html-'));
    await writeFile(join(dir, 'report.html'), html);
    browser = await puppeteer.launch({
      executablePath: chromium,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-dev-shm-usage'],
    });
    page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 900 });
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warn') problems.push(`console ${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${String(e)}`));
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(pathToFileURL(join(dir, 'report.html')).href, { waitUntil: 'load' });
  });
  after(async () => {
    await browser?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const visibleIds = () =>
    page.$$eval('#runs tr.run', (rows) =>
      rows.filter((r) => !(r as HTMLElement).hidden).map((r) => r.cells[1]?.textContent ?? ''),
    );
  const idsWith = (status: string) => report.results.runs.filter((r) => r.status === status).map((r) => r.id);

  test('loads with no console errors and no request but the page itself', async () => {
    assert.equal(await page.title(), `Paddock: quickstart ${HOSTILE}`);
    assert.deepEqual(problems, []);
    assert.deepEqual(requests, [pathToFileURL(join(dir, 'report.html')).href]);
    assert.equal(await page.$eval('#shown', (e) => e.textContent), '9 of 9 runs');
  });

  test('filtering by status shows exactly the runs with that status', async () => {
    for (const status of ['egress', 'failed', 'timeout', 'passed']) {
      await page.select('#f-status', status);
      assert.deepEqual((await visibleIds()).sort(), idsWith(status).sort(), status);
      assert.equal(await page.$eval('#shown', (e) => e.textContent), `${idsWith(status).length} of 9 runs`);
    }
    await page.select('#f-status', '');
    assert.equal((await visibleIds()).length, 9);
  });

  test('filtering by a matrix axis, and by status and axis together', async () => {
    await page.select('#f-m1', 'long');
    assert.deepEqual(
      (await visibleIds()).sort(),
      report.results.runs
        .filter((r) => r.matrix.prompt === 'long')
        .map((r) => r.id)
        .sort(),
    );
    await page.select('#f-status', 'egress');
    assert.deepEqual(await visibleIds(), ['exfil__long']);
    await page.select('#f-m1', '');
    await page.select('#f-status', '');
  });

  test('a hostile run name stays text: no element is created from it, no handler runs', async () => {
    assert.equal(await page.$$eval('img', (imgs) => imgs.length), 0);
    assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
    const cells = await page.$$eval('#runs tr.run td:nth-child(3)', (tds) => tds.map((td) => td.textContent));
    assert.ok(cells.includes(HOSTILE), 'the matrix value is shown as the literal text');
    assert.ok((await page.$eval('h1', (e) => e.textContent))?.endsWith(HOSTILE));
  });

  test('sorting by duration orders the rows; clicking a run shows its details', async () => {
    await page.click('#runs th[data-sort="4"]');
    const durations = await page.$$eval('#runs tr.run td:nth-child(5)', (tds) =>
      tds.map((td) => Number(td.getAttribute('data-v'))),
    );
    assert.deepEqual(
      durations,
      [...durations].sort((a, b) => a - b),
    );
    await page.click('#runs th[data-sort="4"]');
    const down = await page.$$eval('#runs tr.run td:nth-child(5)', (tds) =>
      tds.map((td) => Number(td.getAttribute('data-v'))),
    );
    assert.deepEqual(down, [...durations].reverse());

    const row = await page.$('#runs tr.run[data-status="egress"]');
    assert.ok(row);
    const i = await row.evaluate((r) => r.getAttribute('data-i'));
    assert.equal(await page.$eval(`#d-${i}`, (d) => (d as HTMLElement).hidden), true);
    await row.click();
    const text = await page.$eval(`#d-${i}`, (d) => ((d as HTMLElement).hidden ? null : d.textContent));
    assert.ok(text?.includes('exit code'));
    assert.ok(
      text?.includes('</pre></td></tr><script>window.__pwned=2</script>'),
      'the log tail is shown as text',
    );
    assert.ok(text?.includes('Outputs (2)'));
  });

  test('the egress graph draws allowed and denied edges; the policy has a working copy button', async () => {
    const kinds = await page.$$eval('#egress-graph g.edge', (gs) => gs.map((g) => g.getAttribute('class')));
    assert.ok(kinds.includes('edge allowed') && kinds.includes('edge denied'), kinds.join(','));
    await page.click('#copy-policy');
    await page.waitForFunction(() => document.getElementById('copy-policy')?.textContent !== 'Copy');
    assert.deepEqual(problems, []);
  });

  test('a screenshot for the docs', async () => {
    await page.click('#runs th[data-sort="1"]');
    const path = join(dir, 'report.png');
    await page.screenshot({ path, fullPage: true });
    const png = await readFile(path);
    assert.deepEqual([...png.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
    assert.ok(png.length > 20_000, `${png.length} bytes`);
    // PADDOCK_SCREENSHOT=docs/report.png refreshes the committed one.
    if (process.env.PADDOCK_SCREENSHOT) await copyFile(path, process.env.PADDOCK_SCREENSHOT);
  });
});
