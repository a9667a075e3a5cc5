import type { SandboxEntry } from '../context.js';
import { binaryMatters, explained, targetFor } from '../decision.js';
import type { Located, LocateOptions } from '../locate.js';
import type { SocketRow } from '../procnet.js';
import { type Admission, deny, type Step } from './chain.js';
import { overBudget } from './steps.js';

export type Locate = (
  ctx: Admission['ctx'],
  sandbox: SandboxEntry,
  protocol: 'tcp' | 'udp',
  port: number,
  options?: LocateOptions,
) => Promise<Located>;

/**
 * A denial no binary could change (a DNS denial; a transparent destination no endpoint of the policy
 * covers) needs its binary only for the event: at most `logLookups` a second per sandbox are looked up,
 * the rest are recorded saying so. A flood of such denials then costs the gateway a socket-table read
 * each, not a walk of the flooder's processes and descriptors.
 */
function skipOwner(a: Admission, sandbox: SandboxEntry, dns: boolean) {
  return (row: SocketRow): string | null => {
    if (!dns) {
      // A proxy CONNECT names its target; the socket row then only says "the gateway's proxy port".
      const target = a.target ?? targetFor(sandbox, row.remoteIp, row.remotePort);
      if ('unknown' in target || binaryMatters(a.ctx, sandbox, target)) return null;
    }
    if (sandbox.budget.takeLogLookup()) return null;
    return `binary not looked up: over ${sandbox.budget.limits.logLookups} a second of denials no binary changes`;
  };
}

export interface AttributeOptions {
  readonly locate: Locate;
  /** `deny`: only after the rest of the chain denied (DNS: allowed answers take no procfs read). @default 'always' */
  readonly when?: 'always' | 'deny';
}

/**
 * Who made the connection: the client socket's row and its owner (behind the `Attribution`
 * interface). Waits for one of the sandbox's attribution slots, so one sandbox's procfs walks cannot
 * take every turn; a full queue is a denial. Memoised per client socket.
 */
export function attributeStep(options: AttributeOptions): Step {
  const memo = new WeakMap<object, Promise<Located | null>>();
  const run = async (a: Admission): Promise<Located | null> => {
    const sandbox = a.sandbox;
    if (!sandbox || !a.ctx.attribution || a.protocol === 'icmp')
      return { row: null, who: null, unknown: null };
    const release = await sandbox.budget.attribution();
    if (!release) return null;
    try {
      const transparent = a.layer === 'connect' && a.protocol === 'tcp';
      const dns = options.when === 'deny';
      // A connect-time record's socket must be connected to what the client dialled: the proxy (it says so), or
      // the original destination (read from the socket); a DNS query's binary only goes into its event.
      const peer = a.dialled ?? (dns ? 'unread' : 'destination');
      const client = a.client ? { client: a.client } : {};
      return await options.locate(
        a.ctx,
        sandbox,
        a.protocol,
        a.peer.port,
        transparent || dns ? { skipOwner: skipOwner(a, sandbox, dns), peer, ...client } : { peer, ...client },
      );
    } finally {
      release();
    }
  };
  const attribute = async (a: Admission): Promise<boolean> => {
    let found: Promise<Located | null>;
    const known = a.client ? memo.get(a.client) : undefined;
    if (known) found = known;
    else {
      found = run(a);
      if (a.client) memo.set(a.client, found);
    }
    const located = await found;
    if (!located) {
      if (a.client) memo.delete(a.client);
      return false;
    }
    a.row = located.row;
    a.who = located.who;
    a.unknown = located.unknown ?? null;
    a.refuse = located.refuse ?? null;
    return true;
  };
  if (options.when === 'deny') {
    return (next) => async (a) => {
      await next(a);
      // Over the attribution budget the denial stands, recorded without its binary, saying why.
      if (a.decision?.action !== 'deny' || a.quiet) return;
      await attribute(a);
      if (!a.who) a.decision = explained(a.decision, a.unknown);
    };
  }
  return (next) => async (a) => {
    if (await attribute(a)) return a.refuse ? deny(a, a.refuse) : next(a);
    overBudget(a, 'attribution', `${a.sandbox?.budget.limits.attributionQueue} lookups waiting`);
  };
}
