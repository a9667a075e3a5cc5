import { createHash, randomBytes } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import PQueue from 'p-queue';
import { PaddockError } from '../common/errors.js';
import { escapeText } from '../common/event.js';
import { plural } from '../common/plural.js';
import { isShipped, type Policy } from '../policy/index.js';
import { DEFAULT_IMAGE } from '../sandbox/image/bootstrap.js';
import { type CredentialSpec, resolveCredentials } from '../session/credentials.js';
import type { Drivers } from './drivers.js';
import { finalize, toResult } from './finish.js';
import { executeRun, type Finished, type Prepared, prepareRun, type RunContext } from './lifecycle.js';
import type { RunPlan } from './plan.js';
import { type EvalLog, emptyByStatus, runLine, silentLog, summaryLine } from './progress.js';
import type { Results, RunResult } from './results.js';
import { schedule } from './schedule.js';
import { selectRuns } from './select.js';
import { runSetup } from './setup.js';
import { setupResult } from './setup-result.js';
import type { Shard } from './shard.js';
import { atSpecLine } from './spec/point.js';
import type { EvalSpec, PolicyRef } from './spec/types.js';
import { emptyResults, prepareResultsDir, runSignature, writeRun } from './write.js';

export interface EvalOptions {
  /** Path of `paddock.yml`. */
  readonly spec: string;
  /** Runs at once; overrides the spec. @default spec's `concurrency`, else 2 × CPUs capped at 16 */
  readonly concurrency?: number;
  /** @default 'paddock-results' (relative to the working directory) */
  readonly resultsDir?: string;
  /** When false, unexpected egress is recorded but fails no run. @default true */
  readonly failOnEgress?: boolean;
  /** `KEY=VALUE` matrix filters. @default [] */
  readonly filters?: readonly string[];
  /** Run only this shard of the (filtered) matrix; results.json records it for `report merge`. */
  readonly shard?: Shard;
  /** A policy path (relative to the working directory) or shipped name that replaces the spec's `policy:`. */
  readonly policy?: string;
  /** An image that replaces the spec's `image:`. */
  readonly image?: string;
  /** Overrides the spec's `max-runs`. */
  readonly maxRuns?: number;
  /** Bytes kept per run of stdout and of stderr. @default 8 MiB */
  readonly maxOutputBytes?: number;
  /** @default no output */
  readonly log?: EvalLog;
  /** Colour the status symbols (set it for a TTY only). @default false */
  readonly color?: boolean;
  /** How often a summary line is logged while runs remain. @default 30000 */
  readonly progressEveryMs?: number;
  /** Called after each run finishes, in finishing order. */
  readonly onRun?: (result: RunResult, done: number, total: number) => void;
  /** Stops scheduling, kills running commands, marks the rest cancelled; results are still written. */
  readonly signal?: AbortSignal;
  /** Labels every resource of this eval. @default `eval-<random>` */
  readonly sessionId?: string;
  /** Host folder for this session's gateway state (removed when the eval ends). @default `<tmpdir>/paddock-<session>` */
  readonly stateDir?: string;
  /**
   * `sessionId` names an existing session (the CLI's `--session`) that may hold other sandboxes: the eval
   * attaches to it, removes only its own sandboxes, and reports only its own events. Otherwise the session
   * must be new, and the eval removes all of it. @default false
   */
  readonly sharedSession?: boolean;
  /** @default the real sandbox, gateway and policy modules */
  readonly drivers?: Drivers;
  /** More credentials than the spec names (`--credential`, the Action's `credentials`). @default [] */
  readonly credentials?: readonly CredentialSpec[];
  /** Where credential values are read. @default process.env */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Called with every credential value before anything runs (the Action masks them). */
  readonly onSecret?: (value: string) => void;
}

export const MAX_DEFAULT_CONCURRENCY = 16;

export function defaultConcurrency(cpus = availableParallelism()): number {
  return Math.max(1, Math.min(MAX_DEFAULT_CONCURRENCY, 2 * cpus));
}

/** Reject a bad number loudly (p-queue style); never fall back to a default. */
export function checkCount(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new PaddockError(
      'INPUT_INVALID',
      `Expected \`${name}\` to be a number from 1 and up, got \`${String(value)}\` (${typeof value})`,
    );
  }
  return value;
}

/** Run an eval spec end to end: plan → sandboxes → events → results. Resolves with what results.json holds. */
export async function runEval(options: EvalOptions): Promise<Results> {
  const startedAt = new Date();
  const log = options.log ?? silentLog;
  const cancel = evalSignal(options.signal);
  const { signal } = cancel;
  const drivers = options.drivers ?? (await import('./session.js')).realDrivers;
  // A results folder inside the spec folder (under any name) holds no file of the spec's.
  const {
    spec,
    text,
    files: specFiles,
    planned,
    runs,
  } = await selectRuns({
    ...options,
    resultsDir: resolve(options.resultsDir ?? 'paddock-results'),
  });
  const specInfo = {
    file: spec.file,
    name: spec.name,
    digest: createHash('sha256').update(text).digest('hex'),
  };
  const shardInfo = options.shard ? { shard: { ...options.shard, plan: planned.map((r) => r.id) } } : {};
  const concurrency = checkCount(
    'concurrency',
    options.concurrency ?? spec.concurrency ?? defaultConcurrency(),
  );
  const maxOutputBytes = checkCount('maxOutputBytes', options.maxOutputBytes ?? 8 * 1024 * 1024);
  // Values from the runner's environment, checked before anything starts; a name in both wins as given here.
  const asked = new Map([...spec.credentials, ...(options.credentials ?? [])].map((c) => [c.name, c]));
  const credentials = resolveCredentials([...asked.values()], options.env ?? process.env);
  for (const c of credentials) options.onSecret?.(c.value);
  const image = options.image ?? spec.image ?? DEFAULT_IMAGE;
  const resultsDir = resolve(options.resultsDir ?? 'paddock-results');
  // The results folder, the image and the session need nothing from each other: all three at once (below).
  const folderReady = prepareResultsDir(
    resultsDir,
    runs.map((r) => r.id),
  );
  folderReady.catch(() => undefined); // awaited below
  const id = options.sessionId ?? `eval-${randomBytes(3).toString('hex')}`;
  if (runs.length === 0) {
    await folderReady;
    const { policy } = await loadPolicies(drivers, options, spec, text, log);
    // A shard the matrix left empty: no gateway, no sandbox, but a results set that merge can count.
    log.info(`paddock: shard ${options.shard?.index}/${options.shard?.count} of ${spec.file} has no runs`);
    return emptyResults(resultsDir, {
      session: id,
      spec: specInfo,
      ...shardInfo,
      image: { ref: image, digest: null },
      policy: { source: policy.source },
      enforcement: 'enforce',
      startedAt: startedAt.toISOString(),
    });
  }
  log.info(
    `paddock: ${plural(runs.length, 'run')} of ${spec.file}, ${Math.min(concurrency, runs.length)} at a time, image ${image}`,
  );
  // The image (a pull, or the base image's fingerprint check) and the session (network, gateway) are
  // independent: both at once, beside the results folder. A session opened for an image that cannot be had
  // (or a results folder that cannot be made) is closed again.
  const imageReady = drivers.prepareImage(image, signal).catch((error: unknown) => {
    throw options.image || !spec.image ? error : atSpecLine(error, spec, 'image');
  });
  imageReady.catch(() => undefined); // awaited below, after the session
  const stateDir = resolve(options.stateDir ?? join(tmpdir(), `paddock-${id}`));
  const opening = drivers.openSession({
    id,
    stateDir,
    hosts: spec.gateway.hosts,
    ...(spec.gateway.upstreamDns ? { upstreamDns: spec.gateway.upstreamDns } : {}),
    ...(spec.gateway.upstreamCa?.length ? { upstreamCa: spec.gateway.upstreamCa } : {}),
    proxyOnly: spec.gateway.enforcement === 'proxy-only',
    shared: options.sharedSession ?? false,
    log: (line) => log.info(`paddock: ${line}`),
    signal,
  });
  // The policies are parsed while the gateway starts (its own process, which the first sandboxes wait for):
  // after the session is open, as parsing holds this process, which first asks the engine for the network.
  const load = () => loadPolicies(drivers, options, spec, text, log);
  const policies = opening.then(load, load);
  const [policiesSettled, folderSettled, imageSettled, sessionSettled] = await Promise.allSettled([
    policies,
    folderReady,
    imageReady,
    opening,
  ]);
  // A bad policy is the first thing reported, as if nothing else had started.
  for (const settled of [policiesSettled, folderSettled, imageSettled]) {
    if (settled.status === 'fulfilled') continue;
    if (sessionSettled.status === 'fulfilled') await sessionSettled.value.close();
    throw settled.reason;
  }
  if (policiesSettled.status === 'rejected') throw policiesSettled.reason; // thrown above; these narrow the types
  if (imageSettled.status === 'rejected') throw imageSettled.reason;
  if (sessionSettled.status === 'rejected') throw sessionSettled.reason;
  const { digest, id: baseImageId } = imageSettled.value;
  const { policy, verifyPolicy, setupPolicy } = policiesSettled.value;
  const session = sessionSettled.value;
  // The gateway may still be starting (EvalSession.ready) while the first sandboxes are made: if it cannot
  // start, nothing more starts and its error is the eval's.
  let gatewayFailed: { error: unknown } | undefined;
  const gatewayUp = (session.ready?.() ?? Promise.resolve()).catch((error: unknown) => {
    gatewayFailed = { error };
    cancel.abort(error);
  });
  // Once, before any run: every run then uses the image the setup made (or found), by id.
  const setup =
    spec.setup && setupPolicy
      ? await runSetup(spec.setup, {
          drivers,
          session,
          resultsDir,
          specDir: spec.dir,
          specFiles,
          baseImage: image,
          baseImageId,
          policy: setupPolicy,
          maxOutputBytes,
          log: (line) => log.info(`paddock: ${line}`),
          signal,
        })
      : undefined;
  const setupFailed = setup && setup.imageId === null ? setupResult(setup, []).reason : undefined;
  if (setupFailed !== undefined && !signal.aborted)
    log.info(
      `paddock: setup failed (${escapeText(setupFailed)}); no run starts. Its log: ${join(resultsDir, 'setup')}`,
    );
  const ctx: RunContext = {
    session,
    resultsDir,
    specDir: spec.dir,
    specFiles,
    // By id: every run uses the image checked above (or the setup's), and it is not looked up again per run.
    image: setup?.imageId ?? baseImageId,
    policy,
    ...(verifyPolicy ? { verifyPolicy } : {}),
    maxOutputBytes,
    credentials,
  };
  const settings = { failOnEgress: options.failOnEgress ?? true };
  const finished = new Map<string, Finished>();
  const filed = new Map<string, string>(); // run id → runSignature of the files written for it
  const byStatus = emptyByStatus();
  const teardown = new PQueue({ concurrency: Math.max(2, concurrency) });
  let running = 0;

  // A run's files are written beside the next runs (its slot is free once it is recorded); all before finalize.
  const writing: Promise<unknown>[] = [];
  const record = (run: RunPlan, done: Finished): void => {
    const result = toResult(run, done, done.outcome.events, settings);
    finished.set(run.id, done);
    const count = finished.size;
    byStatus[result.status]++;
    log.info(runLine(result, count, runs.length, options.color));
    options.onRun?.(result, count, runs.length);
    writing.push(
      writeRun(resultsDir, result, done.outcome.events).then(
        () => filed.set(run.id, runSignature(result, done.outcome.events)),
        (e) => log.warning(`cannot write ${result.paths.dir}: ${String(e)}`),
      ),
    );
  };
  const dispose = (prepared: Prepared | undefined) => {
    const sandbox = prepared?.sandbox;
    if (sandbox) void teardown.add(() => sandbox.delete());
  };
  const elapsed = () => Date.now() - startedAt.getTime();
  const timer = setInterval(() => {
    log.info(
      summaryLine({ total: runs.length, done: finished.size, running, byStatus, elapsedMs: elapsed() }),
    );
  }, options.progressEveryMs ?? 30_000);
  timer.unref();

  let failure: unknown;
  try {
    if (setupFailed !== undefined) {
      // No run starts without its image: each is reported, never run (cancelled when the eval was).
      for (const run of runs) record(run, notRun(run, signal.aborted, `setup: ${setupFailed}`));
    } else
      await schedule(
        runs,
        {
          prepare: (run, s) => prepareRun(run, ctx, s),
          execute: async (run, prepared, s) => {
            running++;
            const done = await executeRun(run, prepared, ctx, s).finally(() => running--);
            dispose(prepared);
            record(run, done);
          },
          skip: async (run, prepared, reason) => {
            dispose(prepared);
            record(run, notRun(run, signal.aborted, `scheduling failed: ${String(reason)}`));
          },
        },
        { concurrency, signal },
      );
  } catch (error) {
    failure = error;
  }
  clearInterval(timer);
  await Promise.all(writing);
  await gatewayUp;
  try {
    if (gatewayFailed) {
      await teardown.onIdle();
      throw gatewayFailed.error;
    }
    // Every command has ended: an own session's gateway stops now, so the decision log finalize judges from is
    // complete. The last sandboxes' removal and the writing of the results need nothing from each other: both
    // at once (removing a sandbox writes nothing to the log), then the session closes.
    const quiet = session.quiesce();
    const [written] = await Promise.allSettled([
      quiet.then(() =>
        finalize({
          resultsDir,
          eventsPath: session.eventsPath,
          ...(options.sharedSession ? { sharedSince: startedAt.toISOString() } : {}),
          ...(setup ? { setup } : {}),
          runs,
          finished,
          written: filed,
          settings,
          header: {
            session: id,
            spec: specInfo,
            ...shardInfo,
            image: { ref: image, digest },
            policy: { source: policy.source },
            enforcement: session.enforcement,
            startedAt: startedAt.toISOString(),
          },
        }),
      ),
      teardown.onIdle(),
    ]);
    if (written.status === 'rejected') throw written.reason;
    if (failure) throw failure;
    return written.value;
  } finally {
    for (const problem of await session.close()) log.warning(`cleanup: ${problem}`);
  }
}

/** The run, verify and setup policies, their warnings logged; an error names the spec line it came from. */
async function loadPolicies(
  drivers: Drivers,
  options: EvalOptions,
  spec: EvalSpec,
  text: string,
  log: EvalLog,
): Promise<{ policy: Policy; verifyPolicy: Policy | undefined; setupPolicy: Policy | undefined }> {
  const where = { specFile: spec.file, specText: text };
  // One policy, its warnings logged; its error names the spec line it came from (`at`), if it came from the spec.
  const load = async (ref: PolicyRef, at?: { readonly field: string; readonly line: number | undefined }) => {
    const loaded = await drivers.loadPolicy(ref, where).catch((error: unknown) => {
      throw at ? atSpecLine(error, spec, at.field, at.line) : error;
    });
    for (const w of loaded.warnings) log.warning(w.message, w);
    return loaded.policy;
  };
  // A policy given to the command resolves where the user stands, and is the user's own flag (no spec line);
  // the spec's own `policy:` resolves against the spec.
  const policy = options.policy
    ? await load({ kind: 'ref', ref: isShipped(options.policy) ? options.policy : resolve(options.policy) })
    : await load(spec.policy, { field: 'policy', line: spec.policy.line });
  // Verify keeps the sandbox (filesystem, process) and takes its own network policies.
  const verifyPolicy = spec.verify
    ? {
        ...policy,
        network_policies: (
          await load(spec.verify.policy, { field: 'verify.policy', line: spec.verify.policy.line })
        ).network_policies,
      }
    : undefined;
  // Setup installs with its own network policies (the shipped `setup` by default), in a sandbox of its own.
  const setupPolicy = spec.setup
    ? await load(spec.setup.policy, { field: 'setup.policy', line: spec.setup.policy.line })
    : undefined;
  return { policy, verifyPolicy, setupPolicy };
}

/**
 * One signal for the whole eval, followed by every sandbox operation: many listeners by design
 * (runs waiting for a slot, creates, execs), so Node's leak warning would only be noise.
 */
function evalSignal(outer: AbortSignal | undefined): AbortController {
  const inner = new AbortController();
  setMaxListeners(0, inner.signal);
  if (outer?.aborted) inner.abort(outer.reason);
  else outer?.addEventListener('abort', () => inner.abort(outer.reason), { once: true });
  return inner;
}

/** A run that never executed: cancelled, its setup gave no image, or its preparation failed outside the lifecycle. */
function notRun(run: RunPlan, cancelled: boolean, why: string): Finished {
  const now = Date.now();
  const error = cancelled ? {} : { error: why };
  const outcome = {
    exitCode: null,
    timedOut: false,
    cancelled,
    timeoutMs: run.timeoutMs,
    events: [],
    ...error,
  };
  return { outcome, startedAt: now, finishedAt: now, truncated: false, outputs: [] };
}
