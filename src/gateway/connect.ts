import { connect, type Socket } from 'node:net';
import type { Decision } from '../policy/types.js';
import type { GatewayContext } from './context.js';
import type { Target } from './decision.js';

/** @default 10 s to open an upstream connection. */
const CONNECT_TIMEOUT_MS = 10_000;

/**
 * After an allow: resolve the real name upstream (only now) and open the connection. A name resolved
 * by DNS is decided again with its real address (`recheck`), so the private-address guard and
 * `allowed_ips` apply; addresses from the host-override map are trusted as configured.
 */
export async function openUpstream(
  ctx: GatewayContext,
  target: Target,
  recheck: (ip: string) => Decision,
): Promise<{ socket: Socket } | { deny: Decision }> {
  let ip = target.ip ?? '';
  if (target.host !== null) {
    const resolved = await ctx.upstream.resolve(target.host);
    if (resolved.source === 'dns') {
      const again = recheck(resolved.ip);
      if (again.action === 'deny') return { deny: again };
    }
    ip = resolved.ip;
  }
  const socket = await new Promise<Socket>((resolve, reject) => {
    const s = connect({ host: ip, port: target.port, allowHalfOpen: true, noDelay: true });
    const timer = setTimeout(
      () => s.destroy(new Error(`connect to ${ip}:${target.port} timed out`)),
      CONNECT_TIMEOUT_MS,
    );
    s.once('connect', () => {
      clearTimeout(timer);
      resolve(s);
    });
    s.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
  return { socket };
}
