// Reports at scale, no engine needed: merge of 16 shards of 64 runs each (results.json, egress.jsonl and run folders
// on disk, then every report), and report.html for 1,024 runs with 64 KiB log tails. Median of 5 each.
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mergeResults, reportHtml, writeReports } from '../src/report/index.js';
import { bigReport } from '../test/report/html-fixture.js';
import { shardDirs } from '../test/report/shards.js';
import { median, timed } from './lib.js';

const ROUNDS = 5;
const { root, dirs } = await shardDirs(1024, 16);
const mergeMs: number[] = [];
const reportsMs: number[] = [];
for (let i = 0; i < ROUNDS; i++) {
  const out = join(root, `merged-${i}`);
  let merged: Awaited<ReturnType<typeof mergeResults>> | undefined;
  mergeMs.push(await timed(async () => (merged = await mergeResults({ dirs, out }))));
  const m = merged as NonNullable<typeof merged>;
  reportsMs.push(await timed(() => writeReports(out, m.results, m.events, null)));
}
const htmlSize = (await stat(join(root, 'merged-0', 'report.html'))).size;
await rm(root, { recursive: true, force: true });

const big = bigReport(1024);
const htmlMs: number[] = [];
let bytes = 0;
for (let i = 0; i < ROUNDS; i++)
  htmlMs.push(await timed(async () => (bytes = reportHtml({ ...big, suggestion: null }).length)));
const scratch = await mkdtemp(join(tmpdir(), 'paddock-bench-report-'));
await rm(scratch, { recursive: true, force: true });

const ms = (v: number) => `${v.toFixed(0)} ms`;
console.log('| metric | value |\n|---|---:|');
console.log(
  `| merge of 16 shards × 64 runs (read, check, copy run folders, egress.jsonl, results.json), p50 of ${ROUNDS} | ${ms(median(mergeMs))} |`,
);
console.log(
  `| reports of the merged 1,024 runs (junit.xml, summary.md, report.html ${(htmlSize / 1e6).toFixed(2)} MB), p50 of ${ROUNDS} | ${ms(median(reportsMs))} |`,
);
console.log(
  `| report.html for 1,024 runs with 64 KiB log tails (${(bytes / 1e6).toFixed(2)} MB), p50 of ${ROUNDS} | ${ms(median(htmlMs))} |`,
);
