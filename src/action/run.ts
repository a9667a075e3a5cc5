import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as core from '@actions/core';
import { errorMessage, isPaddockError } from '../common/errors.js';
import { plural } from '../common/plural.js';
import { failing, formatRate } from '../eval/cells.js';
import type { Results } from '../eval/results.js';
import { findResultsDirs, mergeResults } from '../report/index.js';
import { type ActionEngine, coreEngine } from './engine.js';
import { getInputs, type Inputs } from './inputs.js';
import { publish, publishSetupFailure, setOutputs } from './publish.js';
import { actionsState, type StateStore } from './state.js';

/** What the entry points wire together; tests pass fakes. */
export interface ActionDeps {
  readonly engine: ActionEngine;
  readonly state: StateStore;
}

const defaults: ActionDeps = { engine: coreEngine, state: actionsState };

/** How long post may take before it gives up and exits. @default 90 s (PADDOCK_POST_TIMEOUT_MS) */
export function postBoundMs(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.PADDOCK_POST_TIMEOUT_MS);
  return Number.isInteger(n) && n > 0 ? n : 90_000;
}

/** Abort on the runner's cancel (SIGINT, then SIGTERM) so runs stop and post can prune. */
function cancelOnSignal(controller: AbortController): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      core.warning(`paddock: ${signal} received; cancelling runs`);
      controller.abort();
    });
  }
}

/** Merge mode: no session, no gateway; the shards' results become one results directory, published as one eval. */
async function mergeShards(inputs: Inputs, pattern: string): Promise<Results> {
  return core.group('Paddock: merge shards', async () => {
    const dirs = await findResultsDirs(pattern);
    core.info(`paddock: merging ${dirs.length} results directories: ${dirs.join(', ')}`);
    const { results } = await mergeResults({
      dirs,
      out: inputs['results-dir'],
      allowMissing: inputs['allow-missing-shards'],
    });
    const missing = results.merge?.missingRuns ?? [];
    if (missing.length > 0)
      core.warning(
        `paddock: ${plural(missing.length, 'run')} of the matrix ${missing.length === 1 ? 'is' : 'are'} missing from the merged results`,
      );
    return results;
  });
}

/** Eval mode: a session of the job's own, the eval (or one shard of it) in sandboxes behind the gateway. */
async function runEvalStep(inputs: Inputs, deps: ActionDeps): Promise<Results> {
  const sessionId = `gha-${randomBytes(4).toString('hex')}`;
  const stateDir = join(process.env.RUNNER_TEMP || tmpdir(), 'paddock', sessionId);
  // Saved before anything starts, so post can clean up whatever main leaves behind.
  await deps.state.save({
    sessionId,
    gatewayPid: null,
    stateDir,
    resultsDir: resolve(inputs['results-dir']),
  });
  const shard = inputs.shard ? `, shard ${inputs.shard.index}/${inputs.shard.count}` : '';
  core.info(`paddock: session ${sessionId}${shard}`);

  const controller = new AbortController();
  cancelOnSignal(controller);
  return core.group('Paddock: gateway, sandboxes and runs', () =>
    deps.engine.runEval({
      spec: inputs.spec,
      concurrency: inputs.concurrency,
      resultsDir: inputs['results-dir'],
      failOnEgress: inputs['fail-on-egress'],
      policy: inputs.policy,
      image: inputs.image,
      shard: inputs.shard,
      credentials: inputs.credentials,
      sessionId,
      stateDir,
      log: { info: (line) => core.info(line), warning: (line) => core.warning(line) },
      signal: controller.signal,
    }),
  );
}

/** The Action's main step: validate inputs, run the eval (or merge shards), publish reports, set outputs. */
export async function runMain(deps: ActionDeps = defaults): Promise<void> {
  let inputs: Inputs | undefined;
  let results: Results | undefined;
  try {
    const given = getInputs();
    inputs = given;
    const done = given.merge ? await mergeShards(given, given.merge) : await runEvalStep(given, deps);
    results = done;
    const specFile = given.merge ? done.spec.file : given.spec;
    const specText = await readFile(specFile, 'utf8').catch(() => undefined);
    await core.group('Paddock: reports', () => publish(given, done, deps.engine, specText));
    setOutputs(given['results-dir'], done.totals);

    const { total, failed, denied } = done.totals;
    if (done.cells && failing(done) > 0) {
      const rate = formatRate(done.requiredPassRate ?? 1);
      core.setFailed(`paddock: ${failing(done)} of ${done.cells.length} cells below pass rate ${rate}`);
    } else if (!done.cells && failed > 0) {
      core.setFailed(
        `paddock: ${failed} of ${total} runs did not meet their expectation (${denied} denied egress attempts)`,
      );
    } else {
      core.info(`paddock: all ${total} runs met their expectation`);
    }
  } catch (error) {
    // Spec and policy errors point at their file and line.
    for (const p of isPaddockError(error) ? error.problems.slice(0, 10) : []) {
      core.error(p.field ? `${p.field}: ${p.message}` : p.message, {
        title: 'Paddock',
        file: p.file,
        ...(p.line ? { startLine: p.line } : {}),
        ...(p.column ? { startColumn: p.column } : {}),
      });
    }
    // Before any results: later steps (upload-artifact, a JUnit publisher) still get real paths saying why.
    if (!results) await publishSetupFailure(setupWhere(inputs), error);
    core.setFailed(`paddock: ${errorMessage(error)}`);
  }
}

/** Where a failed step writes: the parsed inputs, or (when they were the problem) the raw ones, or the defaults. */
function setupWhere(inputs: Inputs | undefined): { resultsDir: string; spec: string; summary: boolean } {
  if (inputs)
    return { resultsDir: inputs['results-dir'], spec: inputs.merge ?? inputs.spec, summary: inputs.summary };
  const raw = (name: string, fallback: string): string => core.getInput(name).trim() || fallback;
  return {
    resultsDir: raw('results-dir', 'paddock-results'),
    spec: raw('spec', 'paddock.yml'),
    summary: !/^false$/i.test(raw('summary', 'true')),
  };
}

/** The Action's post step: always runs, never fails the job, always exits within its bound. */
export async function runPost(deps: ActionDeps = defaults): Promise<void> {
  const bound = postBoundMs();
  const hardStop = setTimeout(() => {
    core.warning(`paddock cleanup: gave up after ${bound} ms`);
    process.exit(0);
  }, bound + Math.min(5_000, bound));
  try {
    const state = await deps.state.load();
    if (state === null) {
      core.info('paddock: main started nothing; nothing to clean up');
    } else {
      const note = await core.group(`Paddock: cleanup of session ${state.sessionId}`, () =>
        deps.engine.close(state, AbortSignal.timeout(bound)),
      );
      core.info(`paddock: ${note}`);
    }
  } catch (error) {
    core.warning(`paddock cleanup: ${errorMessage(error)}`);
  }
  clearTimeout(hardStop);
  process.exit(0);
}
