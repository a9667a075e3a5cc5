import { writablePaths } from '../policy/writable.js';
import type { Attributed } from './attribution.js';
import type { GatewayContext, SandboxEntry } from './context.js';
import type { Address } from './identity/helper.js';
import { readSocketTable } from './procfs.js';
import { findClientRow, portRows, type SocketRow } from './procnet.js';
import { SharedRead } from './shared-read.js';

export interface Located {
  /** The client socket's row in the sandbox netns; null when it vanished or is ambiguous. */
  readonly row: SocketRow | null;
  /** Who holds it; null = unknown (fails closed for per-binary rules). */
  readonly who: Attributed | null;
  /** Why `who` is null, when it is. */
  readonly unknown?: string | null;
  /** Set: deny the connection for this reason whatever the policy says (connect-time: no record). */
  readonly refuse?: string;
}

/** /dev/shm is read-only unless the policy lists it; it counts as writable for taint all the same. */
export const SHM = '/dev/shm';

const writableOf = new WeakMap<SandboxEntry['policy'], readonly string[]>();

/** What taint counts as writable in the sandbox: its policy's writable paths and /dev/shm, once per policy. */
export function writableFor(sandbox: SandboxEntry): readonly string[] {
  let writable = writableOf.get(sandbox.policy);
  if (!writable) {
    writable = [...writablePaths(sandbox.policy), SHM];
    writableOf.set(sandbox.policy, writable);
  }
  return writable;
}

/**
 * What a connect-time lookup reads from the recorded socket (identd's duplicate of it), which must also be bound
 * to the sandbox's address and the connection's port: `destination` (transparent capture: its peer is the
 * original destination), `{ proxy }` (its peer must be one of these, the gateway's proxy as the sandbox dialled
 * it), or `unread` (DNS over TCP, answered whoever asks: let go unread).
 */
export type PeerUse = 'destination' | 'unread' | { readonly proxy: readonly Address[] };

/**
 * The client socket behind a gateway connection from `sandbox.ip:port`: its row in the sandbox's
 * `/proc/<pid>/net/tcp|udp` (remote address = the original destination, even after DNAT), and its owner.
 */
export interface LocateOptions {
  /** Given the row, a reason not to look for its holder (the binary would change nothing), or null to look. */
  readonly skipOwner?: (row: SocketRow) => string | null;
  /** What a connect-time lookup reads from the recorded socket (PeerUse). @default 'destination' */
  readonly peer?: PeerUse;
  /** The client socket: a connect-time record claimed as it was accepted (claimEarly) is looked up by it. */
  readonly client?: object;
}

export async function locate(
  ctx: GatewayContext,
  sandbox: SandboxEntry,
  protocol: 'tcp' | 'udp',
  port: number,
  options: LocateOptions = {},
): Promise<Located> {
  if (!ctx.attribution) return { row: null, who: null, unknown: 'proxy-only mode: no attribution' };
  const path = `/proc/${sandbox.pid}/net/${protocol}`;
  const table = sharedTable(sandbox, path);
  let rows: SocketRow[] = [];
  let row: SocketRow | null = null;
  // The kernel hands the table out a page at a time and resumes by offset in a hash bucket: a row that
  // vanished before ours between two pages makes it skip ours. Under churn (64 connections at once) one
  // re-read was not always enough (1 in 20,000): read up to READS times before calling it unknown.
  for (let read = 0; read < READS && !row; read++) {
    rows = portRows(await table.read().catch(() => ''), port);
    row = findClientRow(rows, sandbox.ip, port);
  }
  // An AF_INET6 socket speaking IPv4 (::ffff:a.b.c.d) has its row in tcp6/udp6. It is read even when tcp/udp
  // has a row: an AF_INET6 socket can share the port (SO_REUSEPORT) with an AF_INET one, and the connection
  // could be either's. Judged by the other's row (its destination, its holder), an intruder's connection rode
  // python3's to pypi.org (battery row "source-port reuse across tcp and tcp6").
  const text6 = await sharedTable(sandbox, `${path}6`)
    .read()
    .catch(() => '');
  // Both tables' rows of the port, judged together (two AF_INET6 sockets on it must not read as none).
  const rows6 = portRows(text6, port);
  if (rows6.length > 0) row = findClientRow([...rows, ...rows6], sandbox.ip, port);
  if (!row)
    ctx.log(`locate: no single client socket ${sandbox.ip}:${port} in ${path}: ${rowsFor(rows, port)}`);
  if (!row) return { row, who: null, unknown: 'client socket not found' };
  if (row.inode === 0) return { row, who: null, unknown: 'the client socket has no owner left' };
  const skip = options.skipOwner?.(row) ?? null;
  if (skip) return { row, who: null, unknown: skip };
  const found = await ctx.attribution
    .lookup(sandbox.netns, row.inode, {
      writable: writableFor(sandbox),
      ...(sandbox.cgroup ? { cgroup: sandbox.cgroup } : {}),
    })
    .catch((error: unknown) => ({ who: null, unknown: `attribution failed: ${String(error)}` }));
  return { row, ...found };
}

/** Reads of a socket table before a row is called not found. */
const READS = 3;

/** The sandbox's reader of one socket table: lookups that wait together share one read. */
function sharedTable(sandbox: SandboxEntry, path: string): SharedRead {
  sandbox.tables ??= new Map();
  let table = sandbox.tables.get(path);
  if (!table) {
    table = new SharedRead(() => readSocketTable(path));
    sandbox.tables.set(path, table);
  }
  return table;
}

/** The rows with local port `port`, for the log (state and inode of each). */
function rowsFor(found: readonly SocketRow[], port: number): string {
  const rows = found.filter((r) => r.localPort === port);
  return rows.length === 0
    ? 'no row'
    : rows
        .map((r) => `${r.localIp} -> ${r.remoteIp}:${r.remotePort} state ${r.state} inode ${r.inode}`)
        .join('; ');
}
