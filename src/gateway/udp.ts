import { createSocket, type Socket } from 'node:dgram';
import { errorMessage } from '../common/errors.js';
import { type AdmissionChains, admission, admissionChains } from './admission/index.js';
import type { GatewayContext } from './context.js';

/** The UDP catch-all: every fenced UDP datagram that is not DNS lands here, is logged, and is dropped. */
export function udpCatchAll(ctx: GatewayContext, chains: AdmissionChains = admissionChains()): Socket {
  const socket = createSocket('udp4');
  socket.on('message', (_msg, rinfo) => {
    const a = admission(ctx, {
      layer: 'udp',
      protocol: 'udp',
      peer: { ip: rinfo.address, port: rinfo.port },
    });
    chains.udp(a).catch((e) => ctx.log(`udp: ${errorMessage(e)}`));
  });
  socket.on('error', (e) => ctx.log(`udp: ${errorMessage(e)}`));
  return socket;
}
