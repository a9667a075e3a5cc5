import junitModule, { type Builder } from 'junit-report-builder';
import { formatRate } from '../eval/cells.js';
import type { Results, RunResult } from '../eval/results.js';
import { formatTarget } from './egress.js';
import { specTitle, stripInvalidXml, tail } from './text.js';

/** The captured output of one run. */
export interface RunLogs {
  readonly stdout: string;
  readonly stderr: string;
}

export interface JunitOptions {
  /** Test suite name and every testcase's classname. @default the spec's name, else its file */
  readonly specName?: string;
  /** The tails of each run's logs, keyed by run id (the writer reads only the ends of large files). */
  readonly logsTail?: ReadonlyMap<string, RunLogs>;
  /** Characters of each log kept in system-out / system-err. @default 65536 */
  readonly maxLogChars?: number;
  /**
   * Characters of all logs together: with many runs each keeps an equal share of it (1,024 at least), so the
   * file stays small enough for a JUnit publisher to load whole. @default 16 MiB
   */
  readonly maxLogTotalChars?: number;
}

// The package is CommonJS typed as an ES default export; at runtime the default import is the builder itself.
const builder: Builder = ((junitModule as unknown as { default?: Builder }).default ??
  junitModule) as unknown as Builder;

/** Denied targets shown in a failure message before "and N more". */
const MESSAGE_TARGETS = 5;

/** One line: why the run did not pass, with its exit code and denied `binary -> host:port`s. */
export function failureMessage(run: RunResult): string {
  const parts = [run.reason || run.status];
  if (run.exitCode !== null) parts.push(`exit code ${run.exitCode}`);
  if (run.denied.length > 0) {
    const shown = run.denied.slice(0, MESSAGE_TARGETS).map(formatTarget);
    const more = run.denied.length - shown.length + (run.deniedOmitted ?? 0);
    parts.push(`denied: ${shown.join(', ')}${more > 0 ? ` and ${more} more` : ''}`);
  }
  return parts.join('; ');
}

/** Several lines: everything the failure message summarises, in full. */
export function failureDetail(run: RunResult): string {
  const lines = [
    `status: ${run.status}`,
    `reason: ${run.reason || '-'}`,
    `exit code: ${run.exitCode ?? '-'}`,
    `denials: ${run.denials}`,
  ];
  if (run.denied.length > 0) {
    lines.push('denied:');
    for (const t of run.denied) lines.push(`  ${formatTarget(t)} (${t.count}x, ${t.layer})`);
    if (run.deniedOmitted) lines.push(`  … and ${run.deniedOmitted} more (in the run's events.jsonl)`);
  }
  if (run.truncated) lines.push('note: stdout or stderr hit the size cap and was truncated');
  return lines.join('\n');
}

const clean = (text: string): string => stripInvalidXml(text);
/**
 * Text for a CDATA section. xmlbuilder splits only the first `]]>` it finds, so a second one would end the
 * section early and break the file; every terminator is written as `]]&gt;` instead (shown literally).
 */
const cdata = (text: string): string => clean(text).replaceAll(']]>', ']]&gt;');

/**
 * JUnit XML for a results set: one testsuite for the spec, one testcase per run.
 * failed, egress and timeout runs carry `<failure>`; error runs `<error>`; cancelled runs `<skipped>`.
 * Every string is stripped of characters XML 1.0 forbids, so the file loads in any JUnit consumer.
 */
export function junitXml(results: Results, options: JunitOptions = {}): string {
  const specName = clean(options.specName ?? specTitle(results.spec));
  const logCount = 2 * (options.logsTail?.size ?? 0);
  const share = Math.floor((options.maxLogTotalChars ?? 16 * 1024 * 1024) / Math.max(1, logCount));
  const maxLog = Math.min(options.maxLogChars ?? 65536, Math.max(1024, share));
  const report = builder.newBuilder();
  const suite = report
    .testSuite()
    .name(specName)
    .time(results.durationMs / 1000)
    .timestamp(results.startedAt)
    .property('session', clean(results.session))
    .property('spec', clean(results.spec.file))
    .property('image', clean(results.image.ref))
    .property('image.digest', clean(results.image.digest ?? ''))
    .property('policy', clean(results.policy.source))
    .property('enforcement', results.enforcement);
  if (results.requiredPassRate !== undefined)
    suite.property('pass-rate.required', formatRate(results.requiredPassRate));
  const cellOf = new Map((results.cells ?? []).map((c) => [c.id, c]));

  for (const run of results.runs) {
    const testcase = suite
      .testCase()
      .className(specName)
      .name(clean(run.id))
      .time(run.durationMs / 1000);
    for (const [key, value] of Object.entries(run.matrix))
      testcase.property(`matrix.${clean(key)}`, clean(value));
    testcase
      .property('status', run.status)
      .property('exit-code', run.exitCode === null ? '' : String(run.exitCode))
      .property('denials', String(run.denials))
      .property('image.digest', clean(results.image.digest ?? ''));
    if (run.score !== undefined) testcase.property('score', String(run.score));
    for (const [k, v] of Object.entries(run.metrics ?? {}))
      testcase.property(`metrics.${clean(k)}`, clean(String(v)));
    if (run.verify) {
      testcase
        .property('verify.exit-code', run.verify.exitCode === null ? '' : String(run.verify.exitCode))
        .property('verify.denials', String(run.verify.denials));
    }
    const cell = cellOf.get(run.cell ?? run.id);
    if (cell) {
      testcase
        .property('cell', clean(cell.id))
        .property('cell.pass-rate', formatRate(cell.passRate))
        .property('cell.status', cell.status);
      if (run.repetition) testcase.property('repetition', String(run.repetition));
    }

    switch (run.status) {
      case 'failed':
      case 'egress':
      case 'timeout':
        testcase.failure(clean(failureMessage(run)), run.status).stacktrace(cdata(failureDetail(run)));
        break;
      case 'error':
        testcase.error(clean(failureMessage(run)), 'error', cdata(failureDetail(run)));
        break;
      case 'cancelled':
        testcase.skipped();
        break;
      case 'passed':
        break;
    }
    const logs = options.logsTail?.get(run.id);
    if (logs?.stdout) testcase.standardOutput(cdata(tail(logs.stdout, maxLog)));
    if (logs?.stderr) testcase.standardError(cdata(tail(logs.stderr, maxLog)));
  }
  // Merged with missing shards allowed: the runs no shard brought are listed as skipped, not left out.
  const merge = results.merge;
  if (merge) {
    const shards = merge.missingShards.map((i) => `${i}/${merge.count}`).join(',');
    for (const id of merge.missingRuns) {
      suite
        .testCase()
        .className(specName)
        .name(clean(id))
        .property('status', 'missing')
        .property('missing-shards', shards)
        .skipped();
    }
  }
  return report.build();
}

/**
 * JUnit XML for an eval that never ran (bad inputs, an invalid spec, no engine): one testcase with `<error>`,
 * so a JUnit publisher in a later step shows why instead of finding no file.
 */
export function setupErrorXml(spec: string, message: string, detail = ''): string {
  const name = clean(spec);
  const report = builder.newBuilder();
  report
    .testSuite()
    .name(name)
    .testCase()
    .className(name)
    .name('paddock setup')
    .property('status', 'error')
    .error(clean(message), 'error', cdata(detail));
  return report.build();
}
