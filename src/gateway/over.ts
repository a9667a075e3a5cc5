import { createServer, type Server } from 'node:net';
import { errorMessage } from '../common/errors.js';
import { type AdmissionChains, admission } from './admission/index.js';
import type { GatewayContext } from './context.js';

/**
 * New TCP connections past their sandbox's connection rate: the fence sends OVER_LOGGED a second of them
 * here and resets the rest itself (fence.ts). Each is reset at once, without attribution or a socket-table
 * read; the first of each window is recorded as over budget, the rest counted.
 */
export function overServer(ctx: GatewayContext, chains: AdmissionChains): Server {
  return createServer({ pauseOnConnect: true }, (socket) => {
    socket.on('error', () => undefined);
    const a = admission(ctx, {
      layer: 'connect',
      protocol: 'tcp',
      peer: { ip: socket.remoteAddress ?? '', port: socket.remotePort ?? 0 },
    });
    chains
      .overRate(a)
      .catch((e) => ctx.log(`over: ${errorMessage(e)}`))
      .finally(() => socket.resetAndDestroy());
  });
}
