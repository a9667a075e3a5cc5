import { randomBytes } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { formatDuration } from '../common/duration.js';
import {
  EXIT,
  exitForSignal,
  isPaddockError,
  PaddockError,
  STOP_SIGNALS,
  usageError,
} from '../common/errors.js';
import { plural } from '../common/plural.js';
import {
  copyIn,
  execInSandbox,
  getSandbox,
  listSandboxes,
  prune,
  type SandboxInfo,
  sandboxLandlock,
} from '../sandbox/index.js';
import {
  type CredentialSpec,
  closeSession,
  describeClose,
  readySandbox,
  removeSandbox,
  resolveCredentials,
} from '../session/index.js';
import { type CopyFlag, type OutputFormat, requireCommand, type VolumeFlag } from './flags.js';
import { type LimitFlags, limitsFrom } from './limits.js';
import { policyRef, readRecord, recordNames, removeRecord } from './record.js';
import { sandboxDetails, sandboxTable, sandboxView } from './render.js';
import { type CliSession, sessionFrom, stateRoot } from './session.js';
import { createFenced, openSession, restartFenced } from './wiring.js';

const say = (line: string): void => void process.stderr.write(`paddock: ${line}\n`);

export interface CreateFlags extends LimitFlags {
  readonly name?: string;
  readonly image: string;
  readonly policy: string;
  readonly env?: [string, string][];
  readonly volume?: VolumeFlag[];
  readonly copy?: CopyFlag[];
  readonly credential?: CredentialSpec[];
  /** Used when this command starts the gateway. */
  readonly upstreamCa?: string[];
  readonly output: OutputFormat;
}

export async function createSandboxCommand(
  session: CliSession,
  flags: CreateFlags,
  command: string[],
): Promise<void> {
  const name = flags.name ?? `sandbox-${randomBytes(3).toString('hex')}`;
  const ref = policyRef(flags.policy);
  // Checked before anything starts: a credential missing from this environment is a usage error.
  const credentials = resolveCredentials(flags.credential ?? [], process.env);
  const opened = flags.upstreamCa?.length
    ? await openSession(session, { upstreamCa: flags.upstreamCa })
    : undefined;
  const info = await createFenced(
    session,
    {
      name,
      image: flags.image,
      policyRef: ref,
      env: Object.fromEntries(flags.env ?? []),
      volumes: flags.volume ?? [],
      limits: limitsFrom(flags),
      credentials,
    },
    opened,
  );
  if (flags.copy && flags.copy.length > 0) await copyIn(info, flags.copy);
  if (command.length > 0) {
    say(`created sandbox ${name} (policy ${ref}); running ${command.join(' ')}`);
    await runAttached(info, command, { tty: Boolean(process.stdin.isTTY), stdin: true });
    return;
  }
  // The same shape as `sandbox get -o json`: a just-created sandbox is running.
  const view = sandboxView({ ...info, state: 'running' }, ref);
  if (flags.output === 'json') process.stdout.write(`${JSON.stringify(view, null, 2)}\n`);
  else process.stdout.write(`${name}\n`);
}

export async function listSandboxesCommand(
  session: CliSession,
  flags: { output: OutputFormat },
): Promise<void> {
  const states = await listSandboxes(session.id);
  const views = await Promise.all(
    states.map(async (s) => sandboxView(s, (await readRecord(session.stateDir, s.name)).policy)),
  );
  process.stdout.write(flags.output === 'json' ? `${JSON.stringify(views, null, 2)}\n` : sandboxTable(views));
}

export async function getSandboxCommand(
  session: CliSession,
  name: string,
  flags: { output: OutputFormat },
): Promise<void> {
  const state = await getSandbox(session.id, name);
  const landlock = state.state === 'running' ? await sandboxLandlock(session.id, name) : undefined;
  const view = sandboxView(
    { ...state, ...(landlock ? { landlock } : {}) },
    (await readRecord(session.stateDir, name)).policy,
  );
  process.stdout.write(flags.output === 'json' ? `${JSON.stringify(view, null, 2)}\n` : sandboxDetails(view));
}

interface Attach {
  readonly tty: boolean;
  readonly stdin: boolean;
  readonly timeoutMs?: number;
  readonly env?: Record<string, string>;
}

/** Run a command with the caller's terminal/streams; set paddock's exit status to the command's. */
async function runAttached(info: SandboxInfo, command: string[], attach: Attach): Promise<void> {
  const abort = new AbortController();
  let signalled: string | undefined;
  const onSignal = (signal: string): void => {
    signalled ??= signal;
    abort.abort();
  };
  for (const s of STOP_SIGNALS) process.once(s, onSignal);
  const raw = attach.tty && attach.stdin && process.stdin.isTTY;
  if (raw) process.stdin.setRawMode(true);
  try {
    const result = await execInSandbox(info, {
      command,
      env: attach.env,
      timeoutMs: attach.timeoutMs,
      stdout: process.stdout,
      stderr: process.stderr,
      stdin: attach.stdin ? process.stdin : undefined,
      tty: attach.tty,
      maxOutputBytes: Number.MAX_SAFE_INTEGER,
      signal: abort.signal,
    }).catch((error: unknown) => {
      if (isPaddockError(error, 'CANCELLED')) return 'cancelled' as const;
      throw error;
    });
    if (result === 'cancelled') {
      process.exitCode = exitForSignal(signalled);
    } else if (result.timedOut) {
      say(`timed out after ${formatDuration(attach.timeoutMs ?? 0)}: ${command.join(' ')}`);
      process.exitCode = EXIT.timeout;
    } else {
      process.exitCode = result.exitCode ?? 1;
    }
  } finally {
    if (raw) process.stdin.setRawMode(false);
    process.stdin.pause();
    for (const s of STOP_SIGNALS) process.off(s, onSignal);
  }
}

export interface ExecFlags {
  readonly timeout?: number;
  readonly env?: [string, string][];
  readonly interactive: boolean;
  readonly tty: boolean;
}

export async function execCommand(
  session: CliSession,
  name: string,
  command: string[],
  flags: ExecFlags,
): Promise<void> {
  requireCommand(command, `paddock sandbox exec ${name} -- ls`);
  const info = await readySandbox(session, name);
  await runAttached(info, command, {
    tty: flags.tty,
    stdin: flags.interactive,
    timeoutMs: flags.timeout,
    env: Object.fromEntries(flags.env ?? []),
  });
}

const SHELL = 'if command -v bash >/dev/null 2>&1; then exec bash -l; else exec sh -l; fi';

export async function connectSandbox(session: CliSession, name: string): Promise<void> {
  const info = await readySandbox(session, name);
  await runAttached(info, ['sh', '-c', SHELL], { tty: Boolean(process.stdin.isTTY), stdin: true });
}

export async function restartSandboxCommand(session: CliSession, name: string): Promise<void> {
  await getSandbox(session.id, name); // SANDBOX_NOT_FOUND before anything else happens
  const started = Date.now();
  await restartFenced(session, name);
  say(`restarted ${name} in ${Date.now() - started} ms`);
}

export async function deleteSandboxes(
  session: CliSession,
  names: string[],
  flags: { all: boolean },
): Promise<void> {
  if (flags.all === names.length > 0) {
    throw usageError('expected sandbox names or --all (not both, not neither)');
  }
  const targets = flags.all ? (await listSandboxes(session.id)).map((s) => s.name) : names;
  for (const name of targets) await getSandbox(session.id, name); // fail before deleting anything
  for (const name of targets) {
    await removeSandbox(session, name);
    await removeRecord(session.stateDir, name);
    say(`deleted ${name}`);
  }
}

/**
 * Sandboxes, volumes, network, gateway and CLI records of the session (or of every session, then every paddock
 * resource left). The events log stays. Exit 5 when a gateway would not stop (its state folder is kept).
 */
export async function pruneCommand(session: CliSession, flags: { allSessions: boolean }): Promise<void> {
  const sessions = flags.allSessions ? await knownSessions() : [session];
  let failed = false;
  for (const s of sessions) {
    const report = await closeSession(s);
    failed ||= report.problems.length > 0;
    say(`pruned session ${s.id}: ${describeClose(report)}`);
    for (const name of await recordNames(s.stateDir)) await removeRecord(s.stateDir, name);
  }
  if (flags.allSessions) {
    const rest = await prune();
    say(
      `pruned every session: ${plural(rest.containers, 'more sandbox', 'more sandboxes')}, ` +
        `${plural(rest.volumes, 'volume')}, ${plural(rest.networks, 'network')}`,
    );
  }
  if (failed) throw new PaddockError('GATEWAY_FAILED', 'prune did not clean up everything (see above)');
}

/** The current session plus every session folder under the state root. */
async function knownSessions(): Promise<CliSession[]> {
  const root = stateRoot();
  const ids = await readdir(root).catch(() => [] as string[]);
  const found = ids.map((id) => ({ id, stateDir: join(root, id) }));
  return [sessionFrom(undefined), ...found];
}
