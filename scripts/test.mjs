// Runs the test suite with node's test runner. `--unit`: fast tests only; `--int`: engine tests only.
// Integration tests are named *.int.test.ts and need a Docker engine (scripts/ensure-docker).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const args = process.argv.slice(2);
const only = args.includes('--unit') ? 'unit' : args.includes('--int') ? 'int' : 'all';
const filters = args.filter((a) => !a.startsWith('--'));

function walk(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'fixtures') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...walk(path));
    else if (name.endsWith('.test.ts')) out.push(path);
  }
  return out;
}

const files = ['src', 'test']
  .flatMap((d) => walk(d))
  .filter((f) =>
    only === 'unit' ? !f.endsWith('.int.test.ts') : only === 'int' ? f.endsWith('.int.test.ts') : true,
  )
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();

if (files.length === 0) {
  console.error(`no test files matched (${only} ${filters.join(' ')})`);
  process.exit(1);
}
// A fresh clone works with the one command: install modules, and make sure an engine answers.
if (!existsSync('node_modules/.bin/tsx')) {
  console.log('test: installing node modules (npm ci)');
  const ci = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { stdio: 'inherit' });
  if (ci.status !== 0) process.exit(ci.status ?? 1);
}
if (files.some((f) => f.endsWith('.int.test.ts'))) {
  const engine = spawnSync('bash', ['scripts/ensure-docker'], { stdio: 'inherit' });
  if (engine.status !== 0) {
    console.error(
      'test: integration tests need a Docker engine (see above); `npm run test:unit` runs without one',
    );
    process.exit(engine.status ?? 1);
  }
}

const runner = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=1', '--test-reporter=spec', ...files],
  { stdio: 'inherit' },
);
process.exit(runner.status ?? 1);
