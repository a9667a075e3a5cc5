import { createServer, type Server, type Socket } from 'node:net';
import { errorMessage } from '../common/errors.js';
import { openUpstream } from './connect.js';
import { type GatewayContext, record, sandboxByIp } from './context.js';
import { decideConnection, recordDecision, type Target, targetFor } from './decision.js';
import { locate } from './locate.js';
import { peekHost } from './peek.js';
import { splice } from './splice.js';

/** How long a denied connection is read for its SNI / Host (event only). */
const PEEK_MS = 150;

/** The transparent TCP listener: every fenced TCP connection that is not for the proxy or DNS lands here. */
export function transparentServer(ctx: GatewayContext): Server {
  return createServer({ allowHalfOpen: true, noDelay: true, pauseOnConnect: true }, (socket) => {
    handle(ctx, socket).catch((error) => {
      ctx.log(`transparent: ${errorMessage(error)}`);
      socket.destroy();
    });
  });
}

async function handle(ctx: GatewayContext, socket: Socket): Promise<void> {
  socket.on('error', () => undefined);
  const peerIp = socket.remoteAddress ?? '';
  const peerPort = socket.remotePort ?? 0;
  const sandbox = sandboxByIp(ctx, peerIp);
  if (!sandbox) {
    record(ctx, undefined, null, {
      action: 'deny',
      layer: 'connect',
      protocol: 'tcp',
      ip: peerIp,
      reason: 'connection from an unregistered address',
    });
    socket.destroy();
    return;
  }
  const { row, who } = await locate(ctx, sandbox, 'tcp', peerPort);
  if (!row) {
    record(ctx, sandbox, who, {
      action: 'deny',
      layer: 'connect',
      protocol: 'tcp',
      reason: 'original destination unknown (client socket not found)',
    });
    socket.destroy();
    return;
  }
  const target = targetFor(sandbox, row.remoteIp, row.remotePort);
  if ('unknown' in target) {
    await deny(
      ctx,
      socket,
      { host: null, ip: row.remoteIp, port: row.remotePort },
      target.unknown,
      sandbox,
      who,
    );
    return;
  }
  let decision = decideConnection(ctx, sandbox, who, target);
  if (decision.action === 'deny') {
    await deny(ctx, socket, target, decision.reason, sandbox, who, decision.policy);
    return;
  }
  let upstream: Socket;
  try {
    const opened = await openUpstream(ctx, target, (ip) => decideConnection(ctx, sandbox, who, target, ip));
    if ('deny' in opened) {
      decision = opened.deny;
      await deny(ctx, socket, target, decision.reason, sandbox, who);
      return;
    }
    upstream = opened.socket;
  } catch (error) {
    recordDecision(ctx, sandbox, who, target, 'connect', decision);
    ctx.log(
      `transparent: upstream for ${target.host ?? target.ip}:${target.port} failed: ${errorMessage(error)}`,
    );
    socket.resetAndDestroy();
    return;
  }
  recordDecision(ctx, sandbox, who, target, 'connect', decision);
  socket.resume();
  await splice(socket, upstream);
}

/** Record a denial (with the SNI / Host the client sends, for the event only) and reset the connection. */
async function deny(
  ctx: GatewayContext,
  socket: Socket,
  target: Target,
  reason: string,
  sandbox: Parameters<typeof record>[1],
  who: Parameters<typeof record>[2],
  policy: string | null = null,
): Promise<void> {
  const seen = target.host === null ? await peek(socket) : null;
  const why = seen ? `${reason} (client asked for ${seen})` : reason;
  recordDecision(ctx, sandbox, who, target, 'connect', { action: 'deny', policy, reason: why });
  socket.resetAndDestroy();
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
