import type { EgressEvent } from '../common/event.js';
import type { BinaryBinding } from '../policy/resolve.js';
import type { BinaryIdentity, Decision, Destination, Policy } from '../policy/types.js';
import type { Attribution } from './attribution.js';
import type { Budget } from './budget.js';
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
  /** What decisions use: the written policy plus what its binary paths resolved to in the sandbox. */
  policy: Policy;
  /** The policy as registered or last set (absent: same as `policy`). */
  written?: Policy;
  /** What each binary path resolved to (empty in proxy-only mode). */
  bindings?: readonly BinaryBinding[];
  readonly pool: SyntheticPool;
  /** What the sandbox may make the gateway hold (connections, names, queries, bytes, attribution). */
  readonly budget: Budget;
}

/** Where decisions go: the session's event log (a fake in unit tests). */
export interface EventSink {
  /** Resolves once the event is written; rejects when it could not be (the caller denies). */
  append(event: EgressEvent): Promise<void>;
  query(filter?: { sandbox?: string }): Promise<EgressEvent[]>;
}

/** What every listener shares. */
export interface GatewayContext {
  readonly session: string;
  readonly bridgeIp: string;
  readonly rules: Rules;
  readonly events: EventSink;
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
