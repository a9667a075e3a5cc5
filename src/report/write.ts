import { open, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { type EgressEvent, readEventLog } from '../common/event.js';
import { chownToInvoker, writeFileAtomic } from '../common/files.js';
import type { Results } from '../eval/results.js';
import { reportHtml } from './html/page.js';
import { junitXml, type RunLogs } from './junit.js';
import { type Suggestion, summaryMarkdown } from './summary.js';

/** Where the writer put each report, as absolute-or-relative paths under the results directory. */
export interface ReportPaths {
  readonly junit: string;
  readonly summary: string;
  readonly html: string;
  /** Present when a suggestion was given. */
  readonly suggestion?: string;
}

/** The last `maxBytes` of a file, or '' when it is missing; never reads a large file whole. */
export async function readTail(path: string, maxBytes: number): Promise<string> {
  const size = await stat(path).then(
    (s) => s.size,
    () => -1,
  );
  if (size < 0) return '';
  const start = Math.max(0, size - maxBytes);
  const file = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(size - start);
    await file.read(buffer, 0, buffer.length, start);
    const text = buffer.toString('utf8');
    // Drop a character split by the cut, and say what was left out.
    return start === 0 ? text : `[… ${start} bytes omitted …]\n${text.replace(/^\uFFFD+/, '')}`;
  } finally {
    await file.close();
  }
}

/** The tails of every run's stdout and stderr. */
export async function readLogTails(
  resultsDir: string,
  results: Results,
  maxBytes = 65536,
): Promise<Map<string, RunLogs>> {
  const logs = new Map<string, RunLogs>();
  for (const run of results.runs) {
    logs.set(run.id, {
      stdout: await readTail(join(resultsDir, run.paths.stdout), maxBytes),
      stderr: await readTail(join(resultsDir, run.paths.stderr), maxBytes),
    });
  }
  return logs;
}

/** The session's decisions from `<results>/egress.jsonl`; throws EVIDENCE_INCOMPLETE when unreadable. */
export async function readEvents(resultsDir: string): Promise<EgressEvent[]> {
  return readEventLog(join(resultsDir, 'egress.jsonl'));
}

/** `<results>/results.json`. */
export async function readResults(resultsDir: string): Promise<Results> {
  return JSON.parse(await readFile(join(resultsDir, 'results.json'), 'utf8')) as Results;
}

export interface WriteReportsOptions {
  /** Where people find the results artifact (the workflow run's artifacts); the summary links report.html there. */
  readonly reportUrl?: string;
}

/** Write junit.xml, summary.md, report.html (and suggested-policy.yaml) into the results directory. */
export async function writeReports(
  resultsDir: string,
  results: Results,
  events: readonly EgressEvent[],
  suggestion: Suggestion | null,
  options: WriteReportsOptions = {},
): Promise<{ paths: ReportPaths; summary: string }> {
  const logsTail = await readLogTails(resultsDir, results);
  const junit = join(resultsDir, 'junit.xml');
  const summaryPath = join(resultsDir, 'summary.md');
  const html = join(resultsDir, 'report.html');
  const summary = summaryMarkdown(
    results,
    events,
    suggestion,
    options.reportUrl ? { reportUrl: options.reportUrl } : {},
  );
  await writeFileAtomic(junit, junitXml(results, { logsTail }));
  await writeFileAtomic(summaryPath, summary);
  await writeFileAtomic(html, reportHtml({ results, events, suggestion, logsTail }));
  for (const path of [junit, summaryPath, html]) await chownToInvoker(path);
  let suggestionPath: string | undefined;
  if (suggestion !== null && suggestion.yaml.trim() !== '') {
    suggestionPath = join(resultsDir, 'suggested-policy.yaml');
    await writeFileAtomic(suggestionPath, suggestion.yaml);
    await chownToInvoker(suggestionPath);
  }
  return {
    paths: { junit, summary: summaryPath, html, ...(suggestionPath ? { suggestion: suggestionPath } : {}) },
    summary,
  };
}
