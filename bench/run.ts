// `npm run bench`: every benchmark, one after the other, each in its own process (root and Docker needed).
// Not a test and not in CI. Traffic stays on loopback and on Paddock's own Docker networks.
import { spawnSync } from 'node:child_process';
import { machine } from './lib.js';

const benches = [
  ['sandbox', 'bench/sandbox.ts'],
  ['eval', 'bench/eval.ts'],
  ['gateway', 'bench/gateway.ts'],
  ['tls', 'bench/tls.ts'],
  ['flood', 'bench/flood.ts'],
  ['admission', 'bench/admission.ts'],
  ['report', 'bench/report.ts'],
] as const;
const only = process.argv.slice(2);

console.log(`# Paddock benchmarks, ${new Date().toISOString()}\n\nmachine: ${await machine()}\n`);
let failed = 0;
for (const [name, file] of benches) {
  if (only.length > 0 && !only.includes(name)) continue;
  console.log(`## ${name} (${file})\n`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', file], { stdio: 'inherit' });
  if (r.status !== 0) {
    failed++;
    console.log(`\n${name} failed (exit ${r.status ?? r.signal})`);
  }
  console.log('');
}
process.exit(failed > 0 ? 1 : 0);
