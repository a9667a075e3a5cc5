import { createSocket, type Socket } from 'node:dgram';
import { errorMessage } from '../common/errors.js';
import { type GatewayContext, record, sandboxByIp } from './context.js';
import { locate } from './locate.js';
import { OncePer } from './once-per.js';

/** At most one event per (source, destination) per this many ms, so a UDP flood cannot flood the log. */
const QUIET_MS = 1000;

/** The UDP catch-all: every fenced UDP datagram that is not DNS lands here, is logged, and is dropped. */
export function udpCatchAll(ctx: GatewayContext): Socket {
  const socket = createSocket('udp4');
  const recent = new OncePer(QUIET_MS);
  socket.on('message', (_msg, rinfo) => {
    if (!recent.first(`${rinfo.address}:${rinfo.port}`)) return;
    void logDrop(ctx, rinfo.address, rinfo.port).catch((e) => ctx.log(`udp: ${errorMessage(e)}`));
  });
  socket.on('error', (e) => ctx.log(`udp: ${errorMessage(e)}`));
  return socket;
}

async function logDrop(ctx: GatewayContext, ip: string, port: number): Promise<void> {
  const sandbox = sandboxByIp(ctx, ip);
  const { row, who } = sandbox ? await locate(ctx, sandbox, 'udp', port) : { row: null, who: null };
  // A connected UDP socket keeps the original destination as its remote address.
  const dest = row && row.remoteIp !== '0.0.0.0' ? row : null;
  record(ctx, sandbox, who, {
    action: 'deny',
    layer: 'udp',
    protocol: 'udp',
    ip: dest?.remoteIp ?? null,
    port: dest?.remotePort ?? null,
    reason: 'UDP other than DNS is not allowed',
  });
}
