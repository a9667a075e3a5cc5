import { createServer, type IncomingMessage, request, type Server, type ServerResponse } from 'node:http';
import { isIP, type Socket } from 'node:net';
import { errorMessage } from '../common/errors.js';
import type { Decision } from '../policy/types.js';
import type { Attributed } from './attribution.js';
import { openUpstream } from './connect.js';
import { type GatewayContext, record, type SandboxEntry, sandboxByIp } from './context.js';
import { decideConnection, denialBody, recordDecision, type Target } from './decision.js';
import { locate } from './locate.js';
import { splice } from './splice.js';

/** The explicit proxy (HTTP forward + CONNECT) for clients that honour HTTP(S)_PROXY. */
export function proxyServer(ctx: GatewayContext): Server {
  const server = createServer({ noDelay: true }, (req, res) => {
    forward(ctx, req, res).catch((error) => {
      ctx.log(`proxy: ${errorMessage(error)}`);
      if (!res.headersSent) res.writeHead(502).end();
      else res.destroy();
    });
  });
  server.on('connect', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    tunnel(ctx, req, socket, head).catch((error) => {
      ctx.log(`proxy: ${errorMessage(error)}`);
      socket.destroy();
    });
  });
  return server;
}

interface Client {
  readonly sandbox: SandboxEntry | undefined;
  readonly who: Attributed | null;
}

const clients = new WeakMap<Socket, Promise<Client>>();

/** Attribution once per client connection (keep-alive requests share it). */
function clientOf(ctx: GatewayContext, socket: Socket): Promise<Client> {
  let known = clients.get(socket);
  if (!known) {
    known = (async () => {
      const sandbox = sandboxByIp(ctx, socket.remoteAddress ?? '');
      if (!sandbox) return { sandbox, who: null };
      const { who } = await locate(ctx, sandbox, 'tcp', socket.remotePort ?? 0);
      return { sandbox, who };
    })();
    clients.set(socket, known);
  }
  return known;
}

function targetOf(host: string, port: number): Target {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  return isIP(bare) ? { host: null, ip: bare, port } : { host: bare, ip: null, port };
}

function decide(ctx: GatewayContext, client: Client, target: Target, resolvedIp?: string): Decision {
  if (!client.sandbox)
    return { action: 'deny', policy: null, reason: 'request from an unregistered address' };
  return decideConnection(ctx, client.sandbox, client.who, target, resolvedIp);
}

async function tunnel(
  ctx: GatewayContext,
  req: IncomingMessage,
  socket: Socket,
  head: Buffer,
): Promise<void> {
  socket.on('error', () => undefined);
  const client = await clientOf(ctx, socket);
  const m = /^(\[[^\]]+\]|[^:]+):(\d{1,5})$/.exec(req.url ?? '');
  const target = targetOf(m?.[1] ?? '', Number(m?.[2] ?? 0));
  let decision = m
    ? decide(ctx, client, target)
    : { action: 'deny' as const, policy: null, reason: 'bad CONNECT target' };
  let upstream: Socket | undefined;
  if (decision.action !== 'deny') {
    const opened = await openUpstream(ctx, target, (ip) => decide(ctx, client, target, ip)).catch(
      (e: Error) => e,
    );
    if (opened instanceof Error) {
      recordDecision(ctx, client.sandbox, client.who, target, 'connect', decision);
      socket.end('HTTP/1.1 502 Bad Gateway\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    if ('deny' in opened) decision = opened.deny;
    else upstream = opened.socket;
  }
  recordDecision(ctx, client.sandbox, client.who, target, 'connect', decision);
  if (!upstream) {
    const body = denialBody(target, client.who, decision.reason);
    socket.end(
      `HTTP/1.1 403 Forbidden\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
    return;
  }
  socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
  if (head.length > 0) upstream.write(head);
  await splice(socket, upstream);
}

async function forward(ctx: GatewayContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const client = await clientOf(ctx, req.socket);
  let url: URL | null = null;
  try {
    url = new URL(req.url ?? '');
  } catch {
    url = null;
  }
  if (!url || url.protocol !== 'http:') {
    if (!client.sandbox)
      record(ctx, undefined, null, {
        action: 'deny',
        layer: 'http',
        protocol: 'tcp',
        reason: 'not a proxy request',
      });
    res
      .writeHead(400, { 'content-type': 'text/plain' })
      .end('paddock gateway: expected an absolute http:// URL\n');
    return;
  }
  const target = targetOf(url.hostname, Number(url.port || 80));
  let decision = decide(ctx, client, target);
  let upstream: Socket | undefined;
  if (decision.action !== 'deny') {
    const opened = await openUpstream(ctx, target, (ip) => decide(ctx, client, target, ip));
    if ('deny' in opened) decision = opened.deny;
    else upstream = opened.socket;
  }
  recordDecision(ctx, client.sandbox, client.who, target, 'http', decision);
  if (!upstream) {
    res.writeHead(403, { 'content-type': 'application/json', connection: 'close' });
    res.end(denialBody(target, client.who, decision.reason));
    return;
  }
  const headers = { ...req.headers };
  for (const h of ['proxy-connection', 'proxy-authorization', 'connection', 'keep-alive']) delete headers[h];
  const opened = upstream;
  const out = request({
    method: req.method,
    path: `${url.pathname}${url.search}`,
    headers: { ...headers, connection: 'close' },
    createConnection: () => opened,
  });
  out.on('response', (up) => {
    res.writeHead(up.statusCode ?? 502, up.headers);
    up.pipe(res);
  });
  out.on('error', (e) => {
    ctx.log(`proxy: upstream ${url.host}: ${errorMessage(e)}`);
    if (!res.headersSent) res.writeHead(502).end();
    else res.destroy();
  });
  req.pipe(out);
}
