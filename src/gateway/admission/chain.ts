import type { Socket } from 'node:net';
import type { Packet } from 'dns-packet';
import type { EgressEvent } from '../../common/event.js';
import type { Decision } from '../../policy/types.js';
import type { Attributed } from '../attribution.js';
import type { GatewayContext, SandboxEntry } from '../context.js';
import type { Target } from '../decision.js';
import type { PeerUse } from '../locate.js';
import type { SocketRow } from '../procnet.js';

/**
 * One connection, request, query or datagram on its way through admission. Listeners create it, the
 * steps fill it in (attribute → decide → connect upstream), the record step turns it into one event.
 */
export interface Admission {
  readonly ctx: GatewayContext;
  readonly layer: EgressEvent['layer'];
  readonly protocol: EgressEvent['protocol'];
  /** The client address as the gateway saw it. */
  readonly peer: { readonly ip: string; readonly port: number };
  /** What attribution is memoised on (the client socket: keep-alive requests share one lookup). */
  readonly client?: object;
  /**
   * What the client dialled, which a connect-time record's socket must be connected to (locate.ts, PeerUse):
   * set by the proxy listener (its addresses); otherwise the original destination, or unread for DNS.
   */
  readonly dialled?: PeerUse;
  /** DNS only: the decoded query, and the reply the decide step chose. */
  readonly query?: Packet;
  response?: Packet;
  sandbox?: SandboxEntry;
  /** The sandbox's policy generation as admission found it (carried.ts: a reload since decides it again). */
  since?: number;
  who: Attributed | null;
  /** Why `who` is null, when attribution said (over budget, socket closed, holders of different binaries). */
  unknown: string | null;
  /** Attribution's verdict that the connection is denied whatever the policy says (no connect-time record). */
  refuse?: string | null;
  /** The client socket's row in the sandbox netns (transparent TCP, UDP). */
  row: SocketRow | null;
  target: Target | null;
  decision: Decision | null;
  /** Set by the upstream step on an allow. */
  upstream: Socket | null;
  /** Transparent TCP: whether the allowed connection's requests are inspected, and its first bytes being read. */
  carrying?: { readonly inspect: boolean; readonly first: Promise<Buffer | null> };
  /** Why an allowed connection has no upstream (resolution or connect failed); goes into the event. */
  upstreamError?: string;
  /** No event: an allowed DNS answer, or a repeat inside a throttle window (logged once). */
  quiet: boolean;
  /** Extra words for a denial's reason, asked for only when it is recorded (the SNI a client sent). */
  explain?: () => Promise<string | null>;
  /** The listener closes the client's connection after this answer (a request past the denial rate). */
  hangUp?: boolean;
  /** A request on an inspected connection: what its `http` event says besides the decision. */
  http?: HttpFacts;
  /** Run once when the connection ends: budget slots are given back here. */
  readonly releases: (() => void)[];
  /** See AdmissionStart. */
  readonly beforeRecord?: () => void;
}

/** What an `http` event records about one request. */
export interface HttpFacts {
  readonly method: string;
  /** Query values redacted. */
  readonly path: string;
  status: number | null;
  bytes: number;
}

/** The rest of the chain. */
export type Dispatch = (a: Admission) => Promise<void>;
/** One concern of admission, wrapped around the rest (undici's interceptor shape, as a plain function). */
export type Step = (next: Dispatch) => Dispatch;

const END: Dispatch = async () => undefined;

/** `compose(a, b, c)` runs a around b around c; the first step is the outermost. */
export function compose(...steps: readonly Step[]): Dispatch {
  return steps.reduceRight<Dispatch>((next, step) => step(next), END);
}

export interface AdmissionStart {
  readonly layer: EgressEvent['layer'];
  readonly protocol: EgressEvent['protocol'];
  readonly peer: { readonly ip: string; readonly port: number };
  readonly client?: object;
  readonly dialled?: PeerUse;
  readonly query?: Packet;
  readonly target?: Target;
  readonly explain?: () => Promise<string | null>;
  /**
   * Called once the connection is let through (not denied, its upstream open), just before its event is
   * written: a CONNECT's 200 goes out while the event is written. Nothing may be relayed before admission
   * returns: a failed write closes the upstream and makes the decision a denial.
   */
  readonly beforeRecord?: () => void;
}

export function admission(ctx: GatewayContext, start: AdmissionStart): Admission {
  return {
    ctx,
    ...start,
    target: start.target ?? null,
    who: null,
    unknown: null,
    row: null,
    decision: null,
    upstream: null,
    quiet: false,
    releases: [],
  };
}

/** A hard denial (never turned into `audit`: the gateway could not decide on policy). */
export function deny(a: Admission, reason: string, policy: string | null = null): void {
  a.decision = { action: 'deny', policy, reason };
}

/** Give back what the admission holds (budget slots); safe to call more than once. */
export function release(a: Admission): void {
  for (const r of a.releases.splice(0)) r();
}
