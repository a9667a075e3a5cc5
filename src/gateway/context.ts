import type { EgressEvent } from '../common/event.js';
import type { BinaryIdentity, Decision, Destination, Policy } from '../policy/types.js';
import type { Attributed, Attribution } from './attribution.js';
import type { EventLog } from './events.js';
import type { SyntheticPool } from './synthetic.js';
import type { Upstream } from './upstream.js';

/** The policy functions the gateway decides with (src/policy in production, fakes in unit tests). */
export interface Rules {
  decide(policy: Policy, binary: BinaryIdentity | null, dest: Destination): Decision;
  nameAllowed(policy: Policy, host: string): { allowed: boolean; policy: string | null };
  isPrivateAddress(ip: string): boolean;
  staticChanges(current: Policy, next: Policy): string[];
}

/** A registered sandbox, as the gateway knows it. */
export interface SandboxEntry {
  readonly name: string;
  readonly run: string | null;
  readonly ip: string;
  /** Host pid of the holder (its netns is the sandbox's). */
  readonly pid: number;
  /** `net:[…]` of the sandbox; empty in proxy-only mode. */
  readonly netns: string;
  policy: Policy;
  readonly pool: SyntheticPool;
}

/** What every listener shares. */
export interface GatewayContext {
  readonly session: string;
  readonly bridgeIp: string;
  readonly rules: Rules;
  readonly events: EventLog;
  /** Null in proxy-only mode: no attribution, binary always unknown. */
  readonly attribution: Attribution | null;
  readonly upstream: Upstream;
  /** Session-wide audit switch: denials are allowed and logged as `audit`. */
  readonly audit: boolean;
  readonly sandboxes: Map<string, SandboxEntry>;
  readonly log: (line: string) => void;
}

/** The sandbox a peer address belongs to. */
export function sandboxByIp(ctx: GatewayContext, ip: string): SandboxEntry | undefined {
  const plain = ip.replace(/^::ffff:/, '');
  for (const s of ctx.sandboxes.values()) if (s.ip === plain) return s;
  return undefined;
}

export interface EventFields {
  readonly action: EgressEvent['action'];
  readonly layer: EgressEvent['layer'];
  readonly protocol: EgressEvent['protocol'];
  readonly host?: string | null;
  readonly ip?: string | null;
  readonly port?: number | null;
  readonly policy?: string | null;
  readonly reason: string;
}

/** Build and append one event. */
export function record(
  ctx: GatewayContext,
  sandbox: SandboxEntry | undefined,
  who: Attributed | null,
  fields: EventFields,
): EgressEvent {
  const event: EgressEvent = {
    time: new Date().toISOString(),
    session: ctx.session,
    sandbox: sandbox?.name ?? null,
    run: sandbox?.run ?? null,
    action: fields.action,
    layer: fields.layer,
    protocol: fields.protocol,
    host: fields.host ?? null,
    ip: fields.ip ?? null,
    port: fields.port ?? null,
    binary: who?.exe ?? null,
    pid: who?.pid ?? null,
    ancestors: who?.ancestors ?? [],
    cmdline: who?.cmdline ?? null,
    policy: fields.policy ?? null,
    reason: fields.reason,
  };
  ctx.events.append(event);
  return event;
}
