import { createHash, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { errorMessage } from '../common/errors.js';
import type { Policy } from '../policy/types.js';
import type { CopyIn, Drivers, EvalSession, RunSandbox } from './drivers.js';
import { filesToCopy } from './files.js';
import { setupKey, setupTag } from './setup-key.js';
import { type SetupOutcome, setupPaths } from './setup-result.js';
import type { SetupSpec } from './spec/types.js';

/** Labels of a setup image (besides `paddock.image=setup`). */
export const SETUP_LABEL = {
  key: 'paddock.setup.key',
  base: 'paddock.setup.base',
  command: 'paddock.setup.command',
  session: 'paddock.setup.session',
} as const;
/** Added to the setup command's environment. */
export const SETUP_ENV = { PADDOCK_PHASE: 'setup' } as const;

export interface SetupContext {
  readonly drivers: Drivers;
  readonly session: EvalSession;
  readonly resultsDir: string;
  readonly specDir: string;
  readonly specFiles: readonly string[];
  /** The base image as asked for, and its id. */
  readonly baseImage: string;
  readonly baseImageId: string;
  /** The setup phase's policy (network policies from `setup.policy`). */
  readonly policy: Policy;
  readonly maxOutputBytes: number;
  readonly log: (line: string) => void;
  readonly signal: AbortSignal;
}

/**
 * The setup phase: reuse `paddock/setup:<key>` when it exists with this key, else run the setup command once in a
 * fenced setup sandbox (root, no capabilities, writable root; decisions stamped `setup`), commit what it wrote,
 * and tag it only after it succeeded (a failed or concurrent setup never leaves a tag that is not a whole
 * result). Never throws: a failure is in the outcome.
 */
export async function runSetup(setup: SetupSpec, ctx: SetupContext): Promise<SetupOutcome> {
  const startedAt = Date.now();
  const files = filesToCopy(
    setup.files.map((f) => f.value),
    ctx.specFiles,
    ctx.specDir,
  );
  let key = '';
  let image = '';
  const outcome = (over: Partial<SetupOutcome>): SetupOutcome => ({
    image,
    imageId: null,
    key,
    cached: false,
    exitCode: null,
    timedOut: false,
    timeoutMs: setup.timeoutMs,
    cancelled: ctx.signal.aborted,
    startedAt,
    finishedAt: Date.now(),
    ...over,
  });
  try {
    key = setupKey({
      baseImageId: ctx.baseImageId,
      command: setup.run,
      files: await hashFiles(files),
      networkPolicies: ctx.policy.network_policies,
    });
    image = setupTag(key);
    const found = await ctx.drivers.findImage(image);
    if (found && found.labels[SETUP_LABEL.key] === key) {
      ctx.log(`setup: ${image} is ready (built earlier from the same inputs); not running setup`);
      return outcome({ imageId: found.id, cached: true });
    }
  } catch (error) {
    return outcome({ error: `could not start: ${errorMessage(error)}` });
  }
  ctx.log(`setup: building ${image} from ${ctx.baseImage}: ${setup.run}`);
  const name = `setup-${randomBytes(3).toString('hex')}`;
  let sandbox: RunSandbox;
  try {
    sandbox = await ctx.session.createSandbox({
      name,
      image: ctx.baseImageId,
      policy: ctx.policy,
      env: {},
      setup: true,
      signal: ctx.signal,
    });
  } catch (error) {
    return outcome({ error: `sandbox create failed: ${errorMessage(error)}` });
  }
  try {
    return await build(setup, ctx, sandbox, files, (over) => outcome({ sandbox: name, ...over }), {
      image,
      key,
    });
  } finally {
    await sandbox.delete();
  }
}

/** Copy in, run, and (on exit 0) commit and tag. */
async function build(
  setup: SetupSpec,
  ctx: SetupContext,
  sandbox: RunSandbox,
  files: readonly CopyIn[],
  outcome: (over: Partial<SetupOutcome>) => SetupOutcome,
  target: { readonly image: string; readonly key: string },
): Promise<SetupOutcome> {
  const paths = setupPaths();
  let exit: { exitCode: number | null; timedOut: boolean };
  try {
    await sandbox.copyIn(files);
    exit = await sandbox.exec({
      command: setup.run,
      env: SETUP_ENV,
      timeoutMs: setup.timeoutMs,
      stdout: join(ctx.resultsDir, paths.stdout),
      stderr: join(ctx.resultsDir, paths.stderr),
      maxOutputBytes: ctx.maxOutputBytes,
      signal: ctx.signal,
    });
  } catch (error) {
    return outcome({ error: ctx.signal.aborted ? undefined : `failed to run: ${errorMessage(error)}` });
  }
  const ran = { exitCode: exit.exitCode, timedOut: exit.timedOut };
  if (exit.exitCode !== 0 || exit.timedOut || ctx.signal.aborted) return outcome(ran);
  const finishedAt = Date.now(); // the setup's time is its command's, not the commit's
  try {
    const id = await sandbox.commit({
      'paddock.image': 'setup',
      [SETUP_LABEL.key]: target.key,
      [SETUP_LABEL.base]: ctx.baseImageId,
      [SETUP_LABEL.command]: setup.run.slice(0, 1000),
      [SETUP_LABEL.session]: ctx.session.id,
    });
    // Another eval with the same setup may have tagged its image meanwhile: use that one, drop ours.
    const other = await ctx.drivers.findImage(target.image);
    if (other && other.labels[SETUP_LABEL.key] === target.key && other.id !== id) {
      await ctx.drivers.removeImage(id);
      return outcome({ ...ran, imageId: other.id, finishedAt });
    }
    await ctx.drivers.tagImage(id, target.image);
    ctx.log(`setup: built ${target.image} (${id.slice(7, 19)})`);
    return outcome({ ...ran, imageId: id, finishedAt });
  } catch (error) {
    return outcome({ ...ran, finishedAt, error: `image not made: ${errorMessage(error)}` });
  }
}

async function hashFiles(files: readonly CopyIn[]): Promise<{ path: string; sha256: string }[]> {
  return Promise.all(
    files.map(async (f) => ({
      path: f.path,
      sha256: createHash('sha256')
        .update(await readFile(f.hostPath))
        .digest('hex'),
    })),
  );
}
