// Admission under load: `node --import tsx bench/admission.ts` (root, Docker; part of `npm run bench`).
// 100,000 sequential and 100,000 concurrent transparent connections from an allowed binary; every one must
// be allowed (none "client socket not found"). BENCH_STORM sets the count; CI runs the same at 2,000
// (test/gateway/admission-race.int.test.ts).
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseStorm, STORM } from '../test/gateway/storm.js';
import { bundleGateway, printTable, sh } from './lib.js';
import { cleanup, openBenchSession } from './session.js';

const COUNT = Number(process.env.BENCH_STORM ?? 100_000);

const dir = await mkdtemp(join(tmpdir(), 'paddock-bench-adm-'));
const bundle = await bundleGateway(dir);
const s = await openBenchSession({ bundle, dir, downloadBytes: 1024 });
let keep = false;
try {
  const rows = [];
  for (const [label, width] of [
    ['sequential', 1],
    ['concurrent (64 at once)', 64],
  ] as const) {
    const before = (await s.client.events({ sandbox: s.box.name })).length;
    const out = await sh(
      s.box,
      ['node', '-e', STORM, 'echo.test', String(s.servers.echoL.port), String(COUNT), String(width)],
      3 * 3600_000,
    );
    const r = parseStorm(out);
    const events = (await s.client.events({ sandbox: s.box.name })).slice(before);
    const denied = events.filter((e) => e.action === 'deny');
    const notFound = denied.filter((e) => /client socket not found/.test(e.reason)).length;
    rows.push({
      metric: `${label}: ${COUNT} connections, denied (socket not found) in ${(r.ms / 1000).toFixed(0)} s`,
      paddock: `${denied.length} (${notFound})`,
      baseline: `${r.ok} answered`,
      ratio: '–',
      target: '0',
      met: denied.length === 0 && r.ok === COUNT,
    });
    if (Object.keys(r.errors).length > 0) console.log(`${label}: client errors ${JSON.stringify(r.errors)}`);
  }
  printTable(rows);
} catch (error) {
  keep = true;
  throw error;
} finally {
  await s.close();
  await cleanup(dir, keep);
}
process.exit(0);
