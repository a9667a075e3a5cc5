import { openUpstream } from '../connect.js';
import { CONNECTION_RATE } from '../fence.js';
import { locate } from '../identity/locate.js';
import { attributeStep, type Locate } from './attribute.js';
import { compose, type Dispatch, deny, type Step } from './chain.js';
import { icmpStep, type SentTo, sentTo, udpDropStep } from './datagrams.js';
import { decideStep, destinationStep } from './decide.js';
import { dnsDecideStep, queryBudget } from './dns.js';
import { firstBytesStep } from './first-bytes.js';
import { recordStep } from './record.js';
import { type Exchange, requestStep } from './request.js';
import { connectionBudget, overBudget, requestBudget, sandboxStep, throttleStep } from './steps.js';
import { type OpenUpstream, upstreamStep } from './upstream.js';

export {
  type Admission,
  type AdmissionStart,
  admission,
  compose,
  type Dispatch,
  release,
  type Step,
} from './chain.js';
export { eventOf } from './record.js';
export { type Exchange, httpRequestOf } from './request.js';
export { holdAtAccept } from './steps.js';

/** What the chains reach outside the process with; unit tests pass fakes. */
export interface AdmissionDeps {
  readonly locate: Locate;
  readonly openUpstream: OpenUpstream;
  readonly sentTo: SentTo;
}

const REAL: AdmissionDeps = { locate, openUpstream, sentTo };

/** A request the listener already knows is bad (a CONNECT target it cannot parse): denied, attributed. */
const refuseStep =
  (reason: string | null): Step =>
  (next) =>
  async (a) => {
    if (reason) return deny(a, reason);
    await next(a);
  };

/** At most one UDP catch-all event per source (address and port) per this many ms. */
const UDP_QUIET_MS = 1000;

const overRateStep: Step = () => async (a) =>
  overBudget(a, 'connection rate', `${CONNECTION_RATE} new connections a second (the fence resets the rest)`);

/** A decision the listener already made about a connection admission allowed (a fronted SNI). */
const verdictStep =
  (reason: string): Step =>
  () =>
  async (a) => {
    deny(a, reason, a.decision?.policy ?? null);
  };

/**
 * A DNS-over-TCP connection from a connect-time sandbox claims its record like any connection (identd lets the
 * socket go only then, so the client's close reaches the gateway); none is a denial. Others take no lookup.
 */
const claimStep =
  (locate: Locate): Step =>
  (next) =>
  async (a) => {
    if (a.sandbox?.attribution !== 'connect-time') return next(a);
    const located = await locate(a.ctx, a.sandbox, 'tcp', a.peer.port, { peer: 'unread' });
    if (located.refuse) return deny(a, located.refuse);
    await next(a);
  };

/** A DNS-over-TCP connection itself is no decision: it takes a connection slot, quietly. */
const acceptStep: Step = () => async (a) => {
  a.decision = { action: 'allow', policy: null, reason: 'DNS connection' };
  a.quiet = true;
};

/**
 * The admission chains, one per listener, all built from the same steps: record (outermost: one event,
 * errors deny) → sandbox → budget → attribute → decide → connect upstream. Build once per listener:
 * the chains hold their throttles and memos.
 */
export function admissionChains(deps: AdmissionDeps = REAL) {
  const attribute = attributeStep({ locate: deps.locate });
  const proxyChain = (refuse: string | null): Dispatch =>
    compose(
      recordStep,
      sandboxStep,
      connectionBudget,
      attribute,
      refuseStep(refuse),
      decideStep,
      upstreamStep(deps.openUpstream),
    );
  const proxy = proxyChain(null);
  return {
    transparent: compose(
      recordStep,
      sandboxStep,
      connectionBudget,
      attribute,
      destinationStep,
      decideStep,
      firstBytesStep,
      upstreamStep(deps.openUpstream),
    ),
    /** `refuse`: the listener's reason to deny a request it could not parse (the usual null's chain is built once). */
    proxy: (refuse: string | null): Dispatch => (refuse === null ? proxy : proxyChain(refuse)),
    /** One request on an inspected connection (the connection's attribution is reused). */
    request: (x: Exchange): Dispatch =>
      compose(recordStep, sandboxStep, requestBudget, attribute, requestStep(x)),
    /** A later refusal of an allowed connection (SNI naming another host, malformed input): one event. */
    refusal: (reason: string): Dispatch => compose(recordStep, verdictStep(reason)),
    /** How inspected connections open more upstream connections (fakes in unit tests). */
    openUpstream: deps.openUpstream,
    dnsQuery: compose(
      recordStep,
      sandboxStep,
      queryBudget,
      attributeStep({ locate: deps.locate, when: 'deny' }),
      dnsDecideStep(),
    ),
    dnsConnection: compose(recordStep, sandboxStep, connectionBudget, claimStep(deps.locate), acceptStep),
    udp: compose(
      recordStep,
      throttleStep(UDP_QUIET_MS, (a) => `${a.peer.ip}:${a.peer.port}`),
      sandboxStep,
      attribute,
      udpDropStep(deps.sentTo),
    ),
    /** A new connection past the sandbox's connection rate (over.ts): over budget, recorded once a window. */
    overRate: compose(recordStep, sandboxStep, overRateStep),
    /** ICMP the fence rejected, read from its record (icmp.ts). */
    icmp: compose(recordStep, sandboxStep, icmpStep),
  };
}

export type AdmissionChains = ReturnType<typeof admissionChains>;
