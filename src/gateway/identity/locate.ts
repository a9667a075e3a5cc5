import { type GatewayContext, type SandboxEntry, sandboxByIp } from '../context.js';
import {
  type Located,
  type LocateOptions,
  locate as locateProc,
  type PeerUse,
  writableFor,
} from '../locate.js';
import type { SocketRow } from '../procnet.js';
import type { Address, Held, Peer } from './helper.js';
import type { Found } from './store.js';
import { attributedOf } from './who.js';

/**
 * How long a lookup waits for a record still in identd's pipe. identd writes it right after it lets the connect
 * go on (and before it takes another notification), so it is there within a fraction of a millisecond; this is
 * the deadline past which it is not coming.
 */
export const RECORD_WAIT_MS = 1000;

/**
 * A connection's record, claimed as the connection was accepted (or as it arrives, when it was still in identd's
 * pipe then), and the socket identd held on its port, asked for at once.
 */
interface Claim {
  readonly key: string;
  readonly port: number;
  readonly found: Promise<Found>;
  readonly held: Promise<Held>;
}

const claims = new WeakMap<object, Claim>();

/**
 * As a transparent or proxy connection is accepted: claim its record (now, or as it arrives) and ask identd at
 * once for the socket it holds on that port (identd answers right after writing the record, so no round trip
 * waits for the record to arrive first). A claimed record serves no later connection from the same port.
 * Nothing is decided here: the lookup (locateConnectTime, given the same client) uses the claim, and checks the
 * held socket is the record's.
 */
export function claimEarly(ctx: GatewayContext, client: object, ip: string, port: number): void {
  const helper = ctx.identity;
  const s = helper ? sandboxByIp(ctx, ip, null) : undefined; // the holder is checked by admission, as always
  if (!helper || !s || s.attribution !== 'connect-time' || !s.identityKey) return;
  const found = helper.store.find(s.identityKey, port, RECORD_WAIT_MS);
  claims.set(client, { key: s.identityKey, port, found, held: helper.claimPort(s.identityKey, port) });
}

/**
 * Who made a TCP connection from `sandbox.ip:port`, from the record identd made when connect() was called. The
 * recorded socket must be this connection's: bound to `sandbox.ip:port`, and connected to what `peer` says (its
 * original destination, read from the socket even after DNAT, or the proxy); `unread` lets it go unread. No
 * record, or one whose socket is not this connection's (a loopback or refused connect from the same port):
 * `refuse`, the connection is denied as unattributed whatever the policy says.
 */
export async function locateConnectTime(
  ctx: GatewayContext,
  sandbox: SandboxEntry,
  port: number,
  peer: PeerUse = 'destination',
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
  const found = await (claimed ? claimed.found : helper.store.find(key, port, RECORD_WAIT_MS));
  if ('why' in found) return refuse(found.why);
  if (peer === 'unread') {
    if (!claimed) helper.drop(found.record.id);
    return { row: null, who: attributedOf(found.record, writableFor(sandbox)) };
  }
  // Asked first: the record's taint is worked out while identd reads the socket (it is on the latency path).
  const asked: Promise<Held | Peer> = claimed ? claimed.held : helper.take(found.record.id);
  const who = attributedOf(found.record, writableFor(sandbox));
  const got = await asked;
  if ('why' in got) return refuse(`the recorded socket's addresses cannot be read: ${got.why}`);
  if ('id' in got && got.id !== found.record.id)
    return refuse(
      `the record of source port ${port} is of another socket: identd holds record ${got.id} there`,
    );
  const wrong = notThisConnection(got, sandbox.ip, port, peer);
  if (wrong) return refuse(`the record of source port ${port} is of another socket: ${wrong}`);
  if (peer !== 'destination') return { row: null, who };
  const row: SocketRow = {
    localIp: sandbox.ip,
    localPort: port,
    remoteIp: got.ip,
    remotePort: got.port,
    state: 1,
    uid: -1,
    inode: found.record.inode,
  };
  return { row, who };
}

/** Why a recorded socket is not the one behind a connection from `ip:port` (null when it is). */
export function notThisConnection(
  got: Address & { readonly local: Address },
  ip: string,
  port: number,
  peer: Exclude<PeerUse, 'unread'>,
): string | null {
  const { local } = got;
  if (local.ip !== ip || local.port !== port) return `it is bound to ${local.ip}:${local.port}`;
  if (peer !== 'destination' && !peer.proxy.some((p) => p.ip === got.ip && p.port === got.port))
    return `it is connected to ${got.ip}:${got.port}, not to the proxy`;
  return null;
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
    return locateConnectTime(ctx, sandbox, port, options.peer, options.client);
  return locateProc(ctx, sandbox, protocol, port, options);
}
