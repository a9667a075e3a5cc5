import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { formatDuration } from '../common/duration.js';
import { EXIT, exitForSignal, isPaddockError, STOP_SIGNALS } from '../common/errors.js';
import type { EgressEvent } from '../common/event.js';
import { writeFileAtomic } from '../common/files.js';
import { copyIn, execInSandbox, type SandboxInfo } from '../sandbox/index.js';
import {
  type CredentialSpec,
  closeSession,
  describeClose,
  removeSandbox,
  resolveCredentials,
  type Session,
} from '../session/index.js';
import type { CopyFlag } from './flags.js';
import { type LimitFlags, limitsFrom } from './limits.js';
import { policyRef, removeRecord } from './record.js';
import { denialSummary, renderEvents } from './render.js';
import type { CliSession } from './session.js';
import { createFenced, openSession, policyFor, sessionEvents } from './wiring.js';

// `paddock run`: one throwaway sandbox whose stdio is the caller's. NOTHING but the child's bytes
// may reach stdout (MCP framing): every message of paddock's own goes to stderr.

const say = (line: string): void => void process.stderr.write(`paddock: ${line}\n`);

export interface RunFlags extends LimitFlags {
  readonly image: string;
  readonly policy: string;
  /** Allow what the policy would deny, and log it as `audit` (in a throwaway session of its own). */
  readonly audit: boolean;
  /** Write this run's decisions here as JSONL (for `paddock policy suggest --events`). */
  readonly events?: string;
  readonly env?: [string, string][];
  readonly copy?: CopyFlag[];
  readonly timeout?: number;
  /** Gateway flags, used when this run starts the gateway (always with --audit). */
  readonly addHost?: [string, string][];
  readonly upstreamDns?: string;
  readonly upstreamCa?: string[];
  readonly credential?: CredentialSpec[];
}

/** Run `command` in a fresh fenced sandbox, stdio passed through; returns the exit status for paddock. */
export async function runOnce(session: CliSession, flags: RunFlags, command: string[]): Promise<number> {
  const ref = policyRef(flags.policy);
  await policyFor(ref, true); // an invalid policy fails before anything starts
  const credentials = resolveCredentials(flags.credential ?? [], process.env);
  const hex = randomBytes(4).toString('hex');
  const name = `run-${hex}`;
  const scope: CliSession = flags.audit
    ? { id: `${session.id}-audit-${hex}`, stateDir: join(session.stateDir, `audit-${hex}`) }
    : session;
  const abort = new AbortController();
  let signalled: string | undefined;
  let info: SandboxInfo | undefined;
  let removal: Promise<void> | undefined;
  const onSignal = (signal: string): void => {
    signalled ??= signal;
    abort.abort();
    // A harness sends SIGKILL soon after SIGTERM (the MCP SDK: 2 s): remove the sandbox at once.
    if (info) removal ??= remove(scope, name);
  };
  for (const s of STOP_SIGNALS) process.on(s, onSignal);
  let opened: Session | undefined;
  try {
    opened = await openSession(scope, {
      audit: flags.audit,
      hosts: Object.fromEntries(flags.addHost ?? []),
      upstreamDns: flags.upstreamDns,
      upstreamCa: flags.upstreamCa ?? [],
      log: say,
    });
    info = await createFenced(
      scope,
      {
        name,
        run: name,
        image: flags.image,
        policyRef: ref,
        env: Object.fromEntries(flags.env ?? []),
        limits: limitsFrom(flags),
        credentials,
        signal: abort.signal,
      },
      opened,
    );
    if (flags.copy && flags.copy.length > 0) await copyIn(info, flags.copy, { signal: abort.signal });
    const result = await execInSandbox(info, {
      command,
      stdin: process.stdin,
      stdout: process.stdout,
      stderr: process.stderr,
      timeoutMs: flags.timeout,
      maxOutputBytes: Number.MAX_SAFE_INTEGER,
      signal: abort.signal,
    });
    if (result.timedOut) {
      say(`timed out after ${formatDuration(flags.timeout ?? 0)}: ${command.join(' ')}`);
      return EXIT.timeout;
    }
    return result.exitCode ?? 1;
  } catch (error) {
    if (signalled && (isPaddockError(error, 'CANCELLED') || abort.signal.aborted))
      return exitForSignal(signalled);
    throw error;
  } finally {
    process.stdin.pause();
    for (const s of STOP_SIGNALS) process.off(s, onSignal);
    if (opened) await report(opened, name, flags.events).catch((e: unknown) => say(`events: ${String(e)}`));
    if (info) removal ??= remove(scope, name);
    await cleanUp(scope, name, removal, flags.audit);
  }
}

/** Denials to stderr, or every decision of the run to `--events` as JSONL. */
async function report(session: Session, name: string, eventsFile?: string): Promise<void> {
  const events: EgressEvent[] = await session.client
    .events({ sandbox: name })
    .catch(() => sessionEvents(session.gateway.eventsPath, name));
  if (eventsFile) await writeFileAtomic(eventsFile, renderEvents(events, 'json'));
  process.stderr.write(denialSummary(events, eventsFile));
}

/** Remove the sandbox; never rejects (a failure is said on stderr). */
const remove = (scope: CliSession, name: string): Promise<void> =>
  removeSandbox(scope, name).catch((e: unknown) => say(`cleanup (sandbox): ${String(e)}`));

async function cleanUp(
  scope: CliSession,
  name: string,
  removal: Promise<void> | undefined,
  ephemeral: boolean,
): Promise<void> {
  await removal;
  await removeRecord(scope.stateDir, name).catch(() => undefined);
  if (!ephemeral) return;
  const closed = await closeSession(scope, { removeState: true });
  if (closed.problems.length > 0) say(`cleanup: ${describeClose(closed)}`);
}
