import { formatProblem } from '../common/errors.js';
import type { EgressEvent } from '../common/event.js';
import { readEventLog } from '../common/event.js';
import { gatewayStatus } from '../gateway/index.js';
import { loadPolicy } from '../policy/index.js';
import type { Policy } from '../policy/types.js';
import type { SandboxInfo, SandboxLimits, VolumeMount } from '../sandbox/index.js';
import { type CredentialRequest, type GatewaySettings, Session } from '../session/index.js';
import { readRecord, saveRecord } from './record.js';
import type { CliSession } from './session.js';

// What the CLI adds to the session engine (src/session): the gateway started on demand, and a record of each
// sandbox's policy ref so `restart` can fence it again.

export interface GatewayFlags extends GatewaySettings {
  /** Progress lines (stderr). @default none */
  readonly log?: (line: string) => void;
}

/** The session, its gateway started (with its network) when none runs. The CLI's sessions are shared. */
export function openSession(session: CliSession, flags: GatewayFlags = {}): Promise<Session> {
  const { log, ...gateway } = flags;
  return Session.open({ id: session.id, stateDir: session.stateDir, gateway, ...(log ? { log } : {}) });
}

/** Load a stored or given policy ref (relative paths against the working directory); warnings go to stderr. */
export async function policyFor(ref: string, warn = false): Promise<Policy> {
  const { policy, warnings } = await loadPolicy(ref, { baseDir: process.cwd() });
  if (warn) for (const w of warnings) process.stderr.write(`paddock: warning: ${formatProblem(w)}\n`);
  return policy;
}

export interface FencedRequest {
  readonly name: string;
  readonly image: string;
  /** Shipped name or absolute path; remembered for restart. */
  readonly policyRef: string;
  /** @default null */
  readonly run?: string;
  readonly env?: Readonly<Record<string, string>>;
  readonly volumes?: readonly VolumeMount[];
  readonly limits?: SandboxLimits;
  /** Resolved against this process's environment (see resolveCredentials). @default [] */
  readonly credentials?: readonly CredentialRequest[];
  readonly signal?: AbortSignal;
}

/** A sandbox fenced by the session gateway (started on demand); its policy is remembered. */
export async function createFenced(
  session: CliSession,
  request: FencedRequest,
  opened?: Session,
): Promise<SandboxInfo> {
  const policy = await policyFor(request.policyRef);
  const s = opened ?? (await openSession(session));
  const info = await s.createSandbox({
    name: request.name,
    ...(request.run === undefined ? {} : { run: request.run }),
    image: request.image,
    policy,
    env: request.env ?? {},
    volumes: request.volumes ?? [],
    ...(request.limits ? { limits: request.limits } : {}),
    ...(request.credentials ? { credentials: request.credentials } : {}),
    ...(request.signal ? { signal: request.signal } : {}),
  });
  await saveRecord(session.stateDir, {
    name: request.name,
    policy: request.policyRef,
    createdAt: new Date().toISOString(),
  });
  return info;
}

/** A fresh container for `name`, fenced again with its remembered policy. */
export async function restartFenced(session: CliSession, name: string): Promise<SandboxInfo> {
  const record = await readRecord(session.stateDir, name);
  const policy = await policyFor(record.policy);
  return (await openSession(session)).restartSandbox(name, policy);
}

/** Where the session's decision log is (also when the gateway has stopped). */
export async function eventsPathOf(session: CliSession): Promise<string> {
  return (await gatewayStatus(session.stateDir)).eventsPath;
}

/** The session's decisions (of one sandbox), from the gateway's JSONL log; it outlives sandboxes and the gateway. */
export async function sessionEvents(eventsPath: string, sandbox?: string): Promise<EgressEvent[]> {
  // A session whose gateway never ran has no log yet; anything else unreadable throws.
  return readEventLog(eventsPath, { missing: 'empty', ...(sandbox === undefined ? {} : { sandbox }) });
}
