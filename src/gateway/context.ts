import type { EgressEvent } from '../common/event.js';
import type { BinaryBinding } from '../policy/resolve.js';
import type { BinaryIdentity, Decision, Destination, HttpRequest, Policy } from '../policy/types.js';
import type { Attribution } from './attribution.js';
import type { Budget } from './budget.js';
import { type HolderHandle, type HolderReads, procHolder, staleHolder } from './holder.js';
import type { InspectTimeouts } from './http/serve.js';
import type { IdentityHelper } from './identity/helper.js';
import type { SharedRead } from './shared-read.js';
import type { SyntheticPool } from './synthetic.js';
import type { GatewayTls } from './tls/settings.js';
import type { Upstream } from './upstream.js';

/** The policy functions the gateway decides with (src/policy in production, fakes in unit tests). */
export interface Rules {
  decide(policy: Policy, binary: BinaryIdentity | null, dest: Destination): Decision;
  /** False when `decide` denies `dest` for every binary (no endpoint matches or blocks it). */
  covers(policy: Policy, dest: Destination): boolean;
  nameAllowed(policy: Policy, host: string): { allowed: boolean; policy: string | null };
  isPrivateAddress(ip: string): boolean;
  staticChanges(current: Policy, next: Policy): string[];
  /** One HTTP request on a connection the gateway inspects. */
  decideRequest(policy: Policy, binary: BinaryIdentity | null, dest: Destination, req: HttpRequest): Decision;
  /** Must this connection's requests be seen (request rules, `tls: terminate`)? */
  inspects(policy: Policy, binary: BinaryIdentity | null, dest: Destination): boolean;
}

/**
 * A secret the sandbox knows only as a placeholder: the gateway puts the value into requests to `hosts`
 * (over connections it terminated) and denies the placeholder anywhere else. The value lives only here.
 */
export interface Credential {
  /** The variable name (ANTHROPIC_API_KEY). */
  readonly name: string;
  /** What the sandbox's variable holds. */
  readonly placeholder: string;
  readonly secret: string;
  /** Host patterns (endpoint host syntax) the secret may go to. */
  readonly hosts: readonly string[];
  /** Also substitute as the whole value of a key parameter of the query (KEY_PARAMS). @default false */
  readonly query?: boolean;
  /** Header names (lower case) it also goes into, besides KEY_HEADERS (`xi-api-key`). @default [] */
  readonly headers?: readonly string[];
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
  /**
   * The holder's start time (see holder.ts): with pid and netns, who this registration is. Null (or absent,
   * in fakes) when not checked: proxy-only mode.
   */
  readonly started?: string | null;
  /** The holder's open comm file (holder.ts holdHolder): the per-decision check; absent in fakes. */
  readonly holder?: HolderHandle;
  /** The container id the registering client named, for messages. */
  readonly container?: string | null;
  /** What decisions use: the written policy plus what its binary paths resolved to in the sandbox. */
  policy: Policy;
  /** The policy as registered or last set (absent: same as `policy`). */
  written?: Policy;
  /** What each binary path resolved to (empty in proxy-only mode). */
  bindings?: readonly BinaryBinding[];
  readonly pool: SyntheticPool;
  /** What the sandbox may make the gateway hold (connections, names, queries, bytes, attribution). */
  readonly budget: Budget;
  /** Secrets substituted for their placeholders on requests to their hosts. @default none */
  credentials?: readonly Credential[];
  /** The eval phase its decisions are stamped with (`setup` from registration, `verify` set with a policy); none for the agent's. */
  phase?: string;
  /**
   * How its TCP connections are attributed: `connect-time` (init's seccomp listener, taken by identd under
   * `identityKey`) or `procfs` (read from /proc when they arrive). @default 'procfs'
   */
  attribution?: 'connect-time' | 'procfs';
  /**
   * Its cgroup directory (the one with the cpu controller): /proc attribution takes the sandbox's processes
   * from its `cgroup.procs` instead of looking at every pid of the host. Absent: every pid is looked at.
   */
  readonly cgroup?: string;
  /** Its key in the identity helper, when connect-time. */
  identityKey?: string;
  /** Its socket tables' shared readers, by path (locate.ts), made on first use. */
  tables?: Map<string, SharedRead>;
  /** Frees what the gateway holds for this sandbox alone (its own DNS socket); called once it is forgotten. */
  readonly release?: () => void;
}

/** Forget a sandbox's registration and free what the gateway held for it. True when there was one. */
export function forget(ctx: GatewayContext, name: string): boolean {
  const entry = ctx.sandboxes.get(name);
  if (!entry) return false;
  ctx.sandboxes.delete(name);
  entry.release?.();
  return true;
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
  /** The connect-time identity helper (identity/helper.ts); absent in proxy-only mode and in fakes. */
  readonly identity?: IdentityHelper;
  /** The session CA and upstream roots; absent (fakes), no connection can be terminated: those that need it are denied. */
  readonly tls?: GatewayTls;
  /** How long an inspected connection's client may take to finish its handshake and heads. @default INSPECT_TIMEOUTS */
  readonly inspectTimeouts?: InspectTimeouts;
  /** Session-wide audit switch: denials are allowed and logged as `audit`. */
  readonly audit: boolean;
  readonly sandboxes: Map<string, SandboxEntry>;
  /** Addresses whose registration was dropped because its holder is gone → why (until re-registered). */
  readonly gone: Map<string, string>;
  readonly log: (line: string) => void;
}

/**
 * The sandbox a peer address belongs to, checked on every decision: a registration whose holder is no
 * longer there (removed without `delete`, crashed, pid reused) is dropped, never used, and the address is
 * then unknown for the reason `whyUnknown` gives. `reads` null: the first registration at the address,
 * unchecked (for work that decides nothing, such as claiming a connect-time record at accept).
 */
export function sandboxByIp(
  ctx: GatewayContext,
  ip: string,
  reads: HolderReads | null = procHolder,
): SandboxEntry | undefined {
  const plain = ip.replace(/^::ffff:/, '');
  for (const s of ctx.sandboxes.values()) {
    if (s.ip !== plain) continue;
    if (reads === null) return s;
    const stale =
      s.started == null
        ? undefined
        : s.holder
          ? s.holder.alive()
            ? undefined
            : `holder pid ${s.pid} is gone`
          : staleHolder({ pid: s.pid, started: s.started, netns: s.netns }, reads);
    if (!stale) return s;
    dropRegistration(ctx, s, stale);
  }
  return undefined;
}

/** Why an address has no live registration, when it had one; undefined for an address never registered. */
export function whyUnknown(ctx: GatewayContext, ip: string): string | undefined {
  return ctx.gone.get(ip.replace(/^::ffff:/, ''));
}

/** Forget a registration that no longer describes the sandbox at its address, and remember why. */
function dropRegistration(ctx: GatewayContext, entry: SandboxEntry, why: string): void {
  forget(ctx, entry.name);
  const container = entry.container ? ` (container ${entry.container.slice(0, 12)})` : '';
  const reason = `stale registration: ${entry.ip} was sandbox ${entry.name}${container}, whose ${why}; dropped`;
  ctx.gone.set(entry.ip, reason);
  ctx.log(reason);
}

/**
 * Make room for `name` at `ip`: any other registration of that address is dropped (its sandbox is gone,
 * or no longer has that address). Returns the names dropped.
 */
export function claimAddress(ctx: GatewayContext, name: string, ip: string): string[] {
  const dropped: string[] = [];
  for (const s of [...ctx.sandboxes.values()]) {
    if (s.name === name || s.ip !== ip) continue;
    forget(ctx, s.name);
    dropped.push(s.name);
    ctx.log(`registration of sandbox ${s.name} at ${ip} dropped: sandbox ${name} registers that address now`);
  }
  ctx.gone.delete(ip);
  return dropped;
}
