import assert from 'node:assert/strict';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { runEval } from '../../src/eval/index.js';
import { bootstrapImage } from '../../src/sandbox/image/bootstrap.js';
import { leftovers, sessionId, specDir } from './e2e.js';

// Every run writes the same scratch path, ~/.cache file and listens on the same port, at the same time.
const PROBE = `
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
const me = process.env.PADDOCK_RUN;
writeFileSync('scratch.txt', me);
mkdirSync(process.env.HOME + '/.cache', { recursive: true });
writeFileSync(process.env.HOME + '/.cache/state', me);
const server = createServer((_, res) => res.end(me));
await new Promise((ok, fail) => server.once('error', fail).listen(8080, '127.0.0.1', ok));
await new Promise((r) => setTimeout(r, 1500));
const port = await new Promise((ok, fail) => {
  import('node:http').then(({ get }) => get('http://127.0.0.1:8080/', (res) => {
    let b = ''; res.on('data', (c) => { b += c; }); res.on('end', () => ok(b));
  }).on('error', fail));
});
server.close();
mkdirSync('out', { recursive: true });
writeFileSync('out/result.json', JSON.stringify({
  scratch: readFileSync('scratch.txt', 'utf8'),
  cache: readFileSync(process.env.HOME + '/.cache/state', 'utf8'),
  port,
  model: process.env.MODEL,
  prompt: process.env.PROMPT,
  leaked: Object.keys(process.env).filter((k) => /^(GITHUB|ACTIONS|RUNNER)_/.test(k)),
}));
`;

const session = sessionId();
let dir: string;
before(async () => {
  await bootstrapImage();
  const prompts = Object.fromEntries(
    [1, 2, 3, 4, 5, 6, 7, 8].map((i) => [`prompts/p${i}.md`, `prompt ${i}\n`]),
  );
  ({ dir } = await specDir({
    'paddock.yml': [
      'version: 1',
      'matrix:',
      '  model: [m-a, m-b, m-c, m-d]',
      '  prompt: ["prompts/*.md"]',
      'run: node probe.mjs',
      'files: [probe.mjs]',
      'outputs: ["out/**"]',
      'timeout: 2m',
      'concurrency: 32',
    ].join('\n'),
    'probe.mjs': PROBE,
    ...prompts,
  }));
});
after(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

test('32 runs (8 prompts × 4 models) in parallel: same scratch path, port and ~/.cache, no collisions', async () => {
  process.env.GITHUB_TOKEN_CANARY = 'x';
  const results = await runEval({
    spec: join(dir, 'paddock.yml'),
    resultsDir: join(dir, 'results'),
    sessionId: session,
  });
  delete process.env.GITHUB_TOKEN_CANARY;
  assert.equal(results.runs.length, 32);
  assert.deepEqual(
    results.runs.filter((r) => r.status !== 'passed').map((r) => `${r.id}: ${r.status} ${r.reason}`),
    [],
  );
  for (const run of results.runs) {
    const out = JSON.parse(await readFile(join(dir, 'results', run.paths.out, 'result.json'), 'utf8'));
    assert.deepEqual(out, {
      scratch: run.id,
      cache: run.id,
      port: run.id,
      model: run.matrix.model,
      prompt: run.matrix.prompt,
      leaked: [],
    });
  }
  // They really ran at the same time: some run started before another finished.
  const spans = results.runs.map(
    (r) => [Date.parse(r.startedAt ?? ''), Date.parse(r.finishedAt ?? '')] as const,
  );
  const overlapping = spans.filter(([s], i) =>
    spans.some(([s2, f2], j) => j !== i && s2 <= s && s < f2),
  ).length;
  assert.ok(overlapping >= 16, `only ${overlapping} runs overlapped another`);
  assert.deepEqual(await leftovers(session), { containers: 0, networks: 0, volumes: 0, gateways: 0 });
});
