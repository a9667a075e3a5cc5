import { createServer, type Server, type Socket } from 'node:net';
import { type AdmissionChains, admission, admissionChains, release } from './admission/index.js';
import type { GatewayContext } from './context.js';
import { claimEarly } from './identity/locate.js';
import { peekHost } from './peek.js';
import { carry } from './relay.js';

/** How long a denied connection is read for its SNI / Host (event only). */
const PEEK_MS = 150;

/** The transparent TCP listener: every fenced TCP connection that is not for the proxy or DNS lands here. */
export function transparentServer(ctx: GatewayContext, chains: AdmissionChains = admissionChains()): Server {
  return createServer({ allowHalfOpen: true, noDelay: true, pauseOnConnect: true }, (socket) => {
    // The chain never rejects (its record step turns every error into a denial); this guards the listener.
    handle(ctx, chains, socket).catch((error: unknown) => {
      ctx.log(`transparent: ${String(error)}`);
      socket.destroy();
    });
  });
}

async function handle(ctx: GatewayContext, chains: AdmissionChains, socket: Socket): Promise<void> {
  socket.on('error', () => undefined);
  claimEarly(ctx, socket, socket.remoteAddress ?? '', socket.remotePort ?? 0);
  const a = admission(ctx, {
    layer: 'connect',
    protocol: 'tcp',
    peer: { ip: socket.remoteAddress ?? '', port: socket.remotePort ?? 0 },
    client: socket,
    // The SNI / Host the client sends, for a denied bare-IP connection's event only.
    explain: () => (a.target?.host == null && a.target?.ip != null ? peek(socket) : Promise.resolve(null)),
  });
  socket.once('close', () => release(a));
  await chains.transparent(a);
  const upstream = a.upstream;
  if (a.decision?.action === 'deny' || !upstream) {
    upstream?.destroy();
    socket.resetAndDestroy();
    return;
  }
  await carry(chains, a, socket);
}

function peek(socket: Socket): Promise<string | null> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => done(null), PEEK_MS);
    const done = (host: string | null) => {
      clearTimeout(timer);
      socket.removeListener('data', onData);
      socket.pause();
      resolve(host);
    };
    const onData = (chunk: Buffer) => done(peekHost(chunk));
    socket.on('data', onData);
    socket.once('end', () => done(null));
    socket.resume();
  });
}
