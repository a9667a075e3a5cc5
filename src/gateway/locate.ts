import type { Attributed } from './attribution.js';
import type { GatewayContext, SandboxEntry } from './context.js';
import { readSocketTable } from './procfs.js';
import { findClientRowIn, type SocketRow } from './procnet.js';

export interface Located {
  /** The client socket's row in the sandbox netns; null when it vanished or is ambiguous. */
  readonly row: SocketRow | null;
  /** Who holds it; null = unknown (fails closed for per-binary rules). */
  readonly who: Attributed | null;
}

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
  if (!ctx.attribution) return { row: null, who: null };
  const text = await readSocketTable(`/proc/${sandbox.pid}/net/${protocol}`).catch(() => '');
  const row = findClientRowIn(text, sandbox.ip, port);
  if (!row || row.inode === 0) return { row, who: null };
  const who = await ctx.attribution.owner(sandbox.netns, row.inode).catch(() => null);
  return { row, who };
}
