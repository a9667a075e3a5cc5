// post exits within its bound even when cleanup hangs and ignores its AbortSignal.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';

const ROOT = resolve(import.meta.dirname, '../..');

test('post gives up on a hanging cleanup, warns, and exits 0 within bound + grace', () => {
  const dir = mkdtempSync(join(tmpdir(), 'paddock-bound-'));
  const script = join(dir, 'hang.mts');
  writeFileSync(
    script,
    [
      `import { runPost } from '${join(ROOT, 'src/action/run.ts')}';`,
      `import { fileState } from '${join(ROOT, 'src/action/state.ts')}';`,
      `const state = fileState('${join(dir, 'state.json')}');`,
      `await state.save({ sessionId: 't-hang', gatewayPid: null, stateDir: '${dir}', resultsDir: '${dir}' });`,
      'const engine = { runEval: async () => { throw new Error("x"); }, suggest: async () => null,',
      '  close: () => new Promise<string>(() => { setInterval(() => {}, 1000); }) };',
      'await runPost({ engine, state });',
    ].join('\n'),
  );
  const started = Date.now();
  const out = spawnSync(process.execPath, ['--import', 'tsx', script], {
    cwd: ROOT,
    env: { ...process.env, PADDOCK_POST_TIMEOUT_MS: '800' },
    encoding: 'utf8',
    timeout: 20_000,
  });
  const ms = Date.now() - started;
  assert.equal(out.status, 0, out.stderr);
  assert.match(out.stdout, /::warning::paddock cleanup: gave up after 800 ms/);
  assert.ok(ms < 8_000, `took ${ms} ms`);
});
