import type { GatewayContext, SandboxEntry } from '../context.js';
import { type Located, type LocateOptions, locate as locateProc, writableFor } from '../locate.js';
import type { SocketRow } from '../procnet.js';
import type { Peer } from './helper.js';
import type { Found } from './store.js';
import { attributedOf } from './who.js';

/**
 * How long a lookup waits for a record still in identd's pipe. identd writes it before the connect proceeds,
 * so it is normally there before the connection is; this is the deadline past which it is not coming.
 */
export const RECORD_WAIT_MS = 1000;

/** A transparent connection's record, claimed as the connection was accepted, with its peer asked for then. */
interface Claim {
  readonly key: string;
  readonly port: number;
  readonly found: Found;
  readonly peer: Promise<Peer> | null;
}

const claims = new WeakMap<object, Claim>();

/**
 * As a transparent connection is accepted: claim its record (when it is here, as it normally is) and ask
 * identd for its peer at once, so that round trip runs while admission's first steps do instead of after them.
 * Nothing is decided here: the lookup (locateConnectTime, given the same client) uses the claim.
 */
export function claimEarly(ctx: GatewayContext, client: object, ip: string, port: number): void {
  const helper = ctx.identity;
  if (!helper) return;
  const plain = ip.replace(/^::ffff:/, '');
  for (const s of ctx.sandboxes.values()) {
    if (s.ip !== plain || s.attribution !== 'connect-time' || !s.identityKey) continue;
    const found = helper.store.claim(s.identityKey, port);
    if (!found) return;
    const peer = 'record' in found ? helper.take(found.record.id) : null;
    claims.set(client, { key: s.identityKey, port, found, peer });
    return;
  }
}

/**
 * Who made a TCP connection from `sandbox.ip:port`, from the record identd made when connect() was called,
 * and, when `destination`, its original destination from the socket itself (getpeername on identd's copy;
 * otherwise the socket is let go unread). No record: `refuse`,
 * the connection is denied as unattributed whatever the policy says.
 */
export async function locateConnectTime(
  ctx: GatewayContext,
  sandbox: SandboxEntry,
  port: number,
  destination = true,
  client?: object,
): Promise<Located> {
  const helper = ctx.identity;
  const key = sandbox.identityKey;
  const refuse = (why: string): Located => ({
    row: null,
    who: null,
    unknown: why,
    refuse: `unattributed: ${why}`,
  });
  if (!helper || !key) return refuse('connect-time identity is not attached to this sandbox');
  const early = client ? claims.get(client) : undefined;
  if (client) claims.delete(client);
  // A claim made for another registration (re-registered meanwhile) is not this connection's answer.
  const claimed = early && early.key === key && early.port === port ? early : undefined;
  const found = claimed ? claimed.found : await helper.store.find(key, port, RECORD_WAIT_MS);
  if ('why' in found) return refuse(found.why);
  if (!destination) {
    if (!claimed?.peer) helper.drop(found.record.id);
    return { row: null, who: attributedOf(found.record, writableFor(sandbox)) };
  }
  // Asked first: the record's taint is worked out while identd reads the peer (it is on the latency path).
  const asked = claimed?.peer ?? helper.take(found.record.id);
  const who = attributedOf(found.record, writableFor(sandbox));
  const peer = await asked;
  if ('why' in peer) return refuse(`the recorded socket's destination cannot be read: ${peer.why}`);
  const row: SocketRow = {
    localIp: sandbox.ip,
    localPort: port,
    remoteIp: peer.ip,
    remotePort: peer.port,
    state: 1,
    uid: -1,
    inode: found.record.inode,
  };
  return { row, who };
}

/** The attribution a sandbox has: connect-time for its TCP connections, /proc for the rest and elsewhere. */
export function locate(
  ctx: GatewayContext,
  sandbox: SandboxEntry,
  protocol: 'tcp' | 'udp',
  port: number,
  options: LocateOptions = {},
): Promise<Located> {
  if (sandbox.attribution === 'connect-time' && protocol === 'tcp')
    return locateConnectTime(ctx, sandbox, port, options.destination ?? true, options.client);
  return locateProc(ctx, sandbox, protocol, port, options);
}
