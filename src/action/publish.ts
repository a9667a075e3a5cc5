import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import * as core from '@actions/core';
import { context } from '@actions/github';
import { errorMessage, formatProblem, isPaddockError } from '../common/errors.js';
import { chownToInvoker, writeFileAtomic } from '../common/files.js';
import type { Results } from '../eval/results.js';
import {
  annotations,
  commentMarker,
  prComment,
  readEvents,
  setupErrorMarkdown,
  setupErrorXml,
  writeReports,
} from '../report/index.js';
import { apiUrl, pullRequestFrom, upsertComment } from './comment.js';
import type { ActionEngine } from './engine.js';
import type { Inputs } from './inputs.js';

/** GitHub shows at most 10 annotations per level per step. */
const ANNOTATION_CAP = 10;
const EMIT = { error: core.error, warning: core.warning, notice: core.notice } as const;

/** Write junit.xml and summary.md, the job summary, annotations and the PR comment. Never throws for the comment. */
export async function publish(
  inputs: Inputs,
  results: Results,
  engine: ActionEngine,
  specText?: string,
): Promise<void> {
  const dir = inputs['results-dir'];
  const events = await readEvents(dir);
  const suggestion = await engine.suggest(results, events).catch((error) => {
    core.warning(`paddock: no policy suggestion: ${errorMessage(error)}`);
    return null;
  });
  const url = runUrl();
  const { paths, summary } = await writeReports(
    dir,
    results,
    events,
    suggestion,
    url ? { reportUrl: `${url}#artifacts` } : {},
  );
  core.info(`paddock: wrote ${paths.junit}, ${paths.summary} and ${paths.html}`);

  if (inputs.summary) {
    try {
      await core.summary.addRaw(summary).write();
    } catch (error) {
      core.warning(`paddock: job summary not written: ${errorMessage(error)}`);
    }
  }

  const count = { error: 0, warning: 0, notice: 0 };
  for (const a of annotations(results, specText === undefined ? {} : { specText })) {
    if (count[a.level]++ >= ANNOTATION_CAP) continue;
    const props = {
      title: a.title,
      ...(a.file ? { file: a.file } : {}),
      ...(a.startLine ? { startLine: a.startLine } : {}),
    };
    EMIT[a.level](a.message, props);
  }

  if (inputs['pr-comment']) await comment(inputs, results, events, suggestion);
}

async function comment(
  inputs: Inputs,
  results: Results,
  events: Parameters<typeof prComment>[1],
  suggestion: Parameters<typeof prComment>[2],
): Promise<void> {
  if (inputs['github-token'] === '') {
    core.notice('paddock: no PR comment: no github-token');
    return;
  }
  const target = pullRequestFrom(context.eventName, context.payload);
  if ('skip' in target) {
    core.notice(`paddock: no PR comment: ${target.skip}`);
    return;
  }
  const url = runUrl();
  const body = prComment(results, events, suggestion, url ? { runUrl: url } : {});
  try {
    const done = await upsertComment(
      apiUrl(),
      inputs['github-token'],
      target.pr,
      commentMarker(results.spec.file),
      body,
    );
    core.info(`paddock: PR comment ${done.action} (#${target.pr.number}, comment ${done.id})`);
  } catch (error) {
    core.warning(`paddock: PR comment failed: ${errorMessage(error)}`);
  }
}

/** The workflow run's page (its artifacts are at `#artifacts`), when the runner says which run this is. */
function runUrl(): string | undefined {
  return process.env.GITHUB_RUN_ID && process.env.GITHUB_REPOSITORY
    ? `${context.serverUrl}/${process.env.GITHUB_REPOSITORY}/actions/runs/${process.env.GITHUB_RUN_ID}`
    : undefined;
}

/** The step's outputs. */
export function setOutputs(
  resultsDir: string,
  totals: Pick<Results['totals'], 'total' | 'passed' | 'failed' | 'denied'>,
): void {
  core.setOutput('results-dir', resultsDir);
  core.setOutput('junit', join(resultsDir, 'junit.xml'));
  core.setOutput('total', totals.total);
  core.setOutput('passed', totals.passed);
  core.setOutput('failed', totals.failed);
  core.setOutput('denied', totals.denied);
}

export interface SetupFailure {
  readonly resultsDir: string;
  readonly spec: string;
  /** Write the job summary. @default true */
  readonly summary: boolean;
}

/**
 * The step failed before any run (inputs, the spec, the policy, the engine): later steps still get real paths.
 * Writes junit.xml (one errored testcase) and summary.md saying why, the job summary, and every output
 * (counts 0). Never throws: the step's own error is what the user must see.
 */
export async function publishSetupFailure(where: SetupFailure, error: unknown): Promise<void> {
  const message = errorMessage(error);
  const problems = isPaddockError(error) ? error.problems.map(formatProblem) : [];
  const summary = setupErrorMarkdown(where.spec, message, problems);
  try {
    await mkdir(where.resultsDir, { recursive: true });
    const junit = join(where.resultsDir, 'junit.xml');
    const md = join(where.resultsDir, 'summary.md');
    await writeFileAtomic(junit, setupErrorXml(where.spec, message, problems.join('\n')));
    await writeFileAtomic(md, summary);
    for (const path of [where.resultsDir, junit, md]) await chownToInvoker(path);
  } catch (e) {
    core.warning(`paddock: cannot write ${where.resultsDir}: ${errorMessage(e)}`);
  }
  try {
    if (where.summary) await core.summary.addRaw(summary).write();
    setOutputs(where.resultsDir, { total: 0, passed: 0, failed: 0, denied: 0 });
  } catch (e) {
    core.warning(`paddock: outputs or job summary not written: ${errorMessage(e)}`);
  }
}
