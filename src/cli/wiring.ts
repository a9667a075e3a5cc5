import { formatProblem } from '../common/errors.js';
import type { EgressEvent } from '../common/event.js';
import { readEventLog } from '../common/event.js';
import { fenceHook } from '../eval/fence-hook.js';
import { GatewayClient, gatewayStatus, startGateway } from '../gateway/index.js';
import { loadPolicy } from '../policy/index.js';
import type { Policy } from '../policy/types.js';
import {
  createSandbox,
  ensureNetwork,
  restartSandbox,
  type SandboxInfo,
  type SandboxLimits,
  type VolumeMount,
} from '../sandbox/index.js';
import { readRecord, saveRecord } from './record.js';
import type { CliSession } from './session.js';

// The CLI's wiring of a sandbox to the session gateway (the fence hook itself is eval's, shared):
// start the gateway on demand, fence every sandbox before user code runs, fence it again on restart.

/** A running session gateway, as the CLI uses it. */
export interface CliGateway {
  readonly client: GatewayClient;
  readonly eventsPath: string;
  readonly proxyUrl: string;
  readonly noProxy: string;
}

export interface GatewayFlags {
  /** Upstream name overrides. @default {} */
  readonly hosts?: Readonly<Record<string, string>>;
  /** `ADDR:PORT`. @default the host's resolver */
  readonly upstreamDns?: string;
  /** Denials are allowed and logged as `audit`. @default false */
  readonly audit?: boolean;
  /** Progress lines (stderr). @default none */
  readonly log?: (line: string) => void;
}

/** The session's gateway if it runs. */
export async function runningGateway(session: CliSession): Promise<CliGateway | undefined> {
  const status = await gatewayStatus(session.stateDir);
  if (!status.running) return undefined;
  return {
    client: new GatewayClient(status.socketPath),
    eventsPath: status.eventsPath,
    proxyUrl: status.proxyUrl,
    noProxy: status.noProxy,
  };
}

/** The session's gateway, started (with its network) when none runs. */
export async function ensureGateway(session: CliSession, flags: GatewayFlags = {}): Promise<CliGateway> {
  const running = await runningGateway(session);
  if (running) {
    if (Object.keys(flags.hosts ?? {}).length > 0 || flags.upstreamDns) {
      flags.log?.(`the gateway of session ${session.id} already runs: --add-host/--upstream-dns ignored`);
    }
    return running;
  }
  const network = await ensureNetwork(session.id);
  flags.log?.(`starting the gateway for session ${session.id} on ${network.bridgeIp}`);
  const started = await startGateway({
    session: session.id,
    stateDir: session.stateDir,
    bridgeIp: network.bridgeIp,
    hosts: flags.hosts ?? {},
    upstreamDns: flags.upstreamDns,
    audit: flags.audit ?? false,
  });
  return {
    client: new GatewayClient(started.socketPath),
    eventsPath: started.eventsPath,
    proxyUrl: started.proxyUrl,
    noProxy: started.noProxy,
  };
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
  readonly signal?: AbortSignal;
}

/** A sandbox fenced by the session gateway (started on demand); its policy is remembered. */
export async function createFenced(
  session: CliSession,
  request: FencedRequest,
  gateway?: CliGateway,
): Promise<SandboxInfo> {
  const policy = await policyFor(request.policyRef);
  const gw = gateway ?? (await ensureGateway(session));
  const info = await createSandbox(
    {
      session: session.id,
      name: request.name,
      run: request.run,
      image: request.image,
      policy,
      env: request.env,
      proxy: { url: gw.proxyUrl, noProxy: gw.noProxy },
      volumes: request.volumes,
      limits: request.limits,
      signal: request.signal,
    },
    { beforeUserCode: fenceHook(gw.client, policy) },
  );
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
  const gw = await ensureGateway(session);
  await gw.client.unregister(name).catch(() => undefined);
  return restartSandbox(session.id, name, { beforeUserCode: fenceHook(gw.client, policy) });
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
