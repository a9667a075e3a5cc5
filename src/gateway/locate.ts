import { writablePaths } from '../policy/writable.js';
import type { Attributed } from './attribution.js';
import type { GatewayContext, SandboxEntry } from './context.js';
import { readSocketTable } from './procfs.js';
import { findClientRowIn, parseSocketTable, type SocketRow } from './procnet.js';

export interface Located {
  /** The client socket's row in the sandbox netns; null when it vanished or is ambiguous. */
  readonly row: SocketRow | null;
  /** Who holds it; null = unknown (fails closed for per-binary rules). */
  readonly who: Attributed | null;
  /** Why `who` is null, when it is. */
  readonly unknown?: string | null;
}

/** /dev/shm is read-only unless the policy lists it; it counts as writable for taint all the same. */
const SHM = '/dev/shm';

/**
 * The client socket behind a gateway connection from `sandbox.ip:port`: its row in the sandbox's
 * `/proc/<pid>/net/tcp|udp` (remote address = the original destination, even after DNAT), and its owner.
 */
export async function locate(
  ctx: GatewayContext,
  sandbox: SandboxEntry,
  protocol: 'tcp' | 'udp',
  port: number,
): Promise<Located> {
  if (!ctx.attribution) return { row: null, who: null, unknown: 'proxy-only mode: no attribution' };
  const path = `/proc/${sandbox.pid}/net/${protocol}`;
  const { row, text } = await findRow(path, sandbox.ip, port);
  if (!row)
    ctx.log(`locate: no single client socket ${sandbox.ip}:${port} in ${path}: ${rowsFor(text, port)}`);
  if (!row) return { row, who: null, unknown: 'client socket not found' };
  if (row.inode === 0) return { row, who: null, unknown: 'the client socket has no owner left' };
  const writable = [...writablePaths(sandbox.policy), SHM];
  // Nobody holding a socket whose row is still live is looked at again: the row read may have been another
  // socket's, or the holder's descriptor table read mid-change. A row gone or closing is denied as closed.
  const recheck = async () => {
    const again = (await findRow(path, sandbox.ip, port)).row;
    return again && again.inode !== 0 && isLive(protocol, again.state) ? again.inode : null;
  };
  const found = await ctx.attribution
    .lookup(sandbox.netns, row.inode, { writable, recheck })
    .catch((error: unknown) => ({ who: null, unknown: `attribution failed: ${String(error)}`, looks: 1 }));
  if ((found.looks ?? 1) > 1)
    ctx.log(
      `locate: ${sandbox.ip}:${port} inode ${row.inode} (state ${row.state}) had no holder at first; ${found.looks} looks: ${found.unknown ?? 'found'}`,
    );
  return { row, ...found };
}

/** TCP states in which a client may still hold its socket: SYN_SENT, SYN_RECV, ESTABLISHED, CLOSE_WAIT. */
const LIVE_TCP = new Set([1, 2, 3, 8]);

function isLive(protocol: 'tcp' | 'udp', state: number): boolean {
  return protocol === 'udp' || LIVE_TCP.has(state);
}

/** The client socket's row (tcp, else tcp6 for an AF_INET6 socket speaking IPv4), and the table text read. */
async function findRow(
  path: string,
  ip: string,
  port: number,
): Promise<{ row: SocketRow | null; text: string }> {
  let text = await readSocketTable(path).catch(() => '');
  let row = findClientRowIn(text, ip, port);
  if (!row) {
    // The kernel hands the table out a page at a time and resumes by offset: a row that vanished before
    // ours between two pages can make it skip ours. Read once more before calling it unknown.
    text = await readSocketTable(path).catch(() => '');
    row = findClientRowIn(text, ip, port);
  }
  // An AF_INET6 socket speaking IPv4 (::ffff:a.b.c.d) has its row in tcp6/udp6.
  row ??= findClientRowIn(await readSocketTable(`${path}6`).catch(() => ''), ip, port);
  return { row, text };
}

/** The rows with local port `port`, for the log (state and inode of each). */
function rowsFor(text: string, port: number): string {
  const rows = parseSocketTable(text).filter((r) => r.localPort === port);
  return rows.length === 0
    ? 'no row'
    : rows
        .map((r) => `${r.localIp} -> ${r.remoteIp}:${r.remotePort} state ${r.state} inode ${r.inode}`)
        .join('; ');
}
