import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, isIP, type Server, type Socket } from 'node:net';
import { errorMessage } from '../common/errors.js';
import { http } from '../common/http.js';
import {
  type Admission,
  type AdmissionChains,
  admission,
  admissionChains,
  holdAtAccept,
} from './admission/index.js';
import type { GatewayContext } from './context.js';
import { denialBody, inspectsConnection, type Target } from './decision.js';
import { SANDBOX_PROXY_PORT } from './fence.js';
import { FIRST_BYTES_MS, readFirst } from './hello.js';
import { connectHead } from './http/connect-head.js';
import { UpstreamLink } from './http/link.js';
import type { Address } from './identity/helper.js';
import { claimEarly } from './identity/locate.js';
import type { PeerUse } from './locate.js';
import { bareHost } from './peek.js';
import { carry, carrySpliced } from './relay.js';

/** How long the explicit proxy waits for a client's bytes (ms). */
export interface ProxyTimeouts {
  /** For a connection's first bytes; a connection that sends none is closed. */
  readonly firstBytes: number;
  /** For a whole request head once Node's server reads it (its `headersTimeout`: 408 past it). */
  readonly head: number;
  /** How often Node's server looks for heads past `head` (its `connectionsCheckingInterval`). */
  readonly checkEvery: number;
}

/** Node's own defaults for the head; the first bytes as for any inspected connection. */
export const PROXY_TIMEOUTS: ProxyTimeouts = { firstBytes: FIRST_BYTES_MS, head: 60_000, checkEvery: 30_000 };

/**
 * The explicit proxy (HTTP forward + CONNECT) for clients that honour HTTP(S)_PROXY. A connection's first read
 * is looked at here: a CONNECT head (connect-head.ts) opens its tunnel at once; anything else goes, as read, to
 * Node's HTTP server, which parses it as it always did (and times out a head that does not come: 408).
 */
export function proxyServer(
  ctx: GatewayContext,
  chains: AdmissionChains = admissionChains(),
  timeouts: ProxyTimeouts = PROXY_TIMEOUTS,
): Server {
  // What a sandbox dials to reach this proxy (a connect-time record's socket must be connected to it): its
  // address, filled in once it listens, and SANDBOX_PROXY_PORT on the bridge. Empty before (every record fails).
  const addresses: Address[] = [];
  const dialled: PeerUse = { proxy: addresses };
  const open = (target: string, socket: Socket) =>
    tunnel(ctx, chains, dialled, target, socket).catch((error) => {
      ctx.log(`proxy: ${errorMessage(error)}`);
      socket.destroy();
    });
  const options = {
    noDelay: true,
    headersTimeout: timeouts.head,
    connectionsCheckingInterval: timeouts.checkEvery,
  };
  const node = http.createServer(options, (req, res) => {
    // Guards the listener; the chain itself turns every error into a recorded denial.
    forward(ctx, chains, dialled, req, res).catch((error) => {
      ctx.log(`proxy: ${errorMessage(error)}`);
      if (!res.headersSent) res.writeHead(502).end();
      else res.destroy();
    });
  });
  node.on('connect', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    if (head.length > 0) socket.unshift(head);
    open(req.url ?? '', socket);
  });
  // Node's server starts checking heads against `headersTimeout` once it is listening. It never listens itself
  // (its connections come from the listener below), so it is told: without this, a head sent in part and then
  // never finished held its connection open for good (proxy.test.ts).
  node.emit('listening');
  const server = createServer({ noDelay: true, pauseOnConnect: true }, (socket) => {
    socket.on('error', () => undefined); // every socket of the proxy, tunnel or not: a reset is no crash
    // Its sandbox's connection slot is taken now, not at admission after its first bytes or head (up to 60 s).
    if (!holdAtAccept(ctx, socket)) {
      // None left: admission records the over-budget denial (once a window), and the connection is reset.
      admit(ctx, chains, dialled, socket, 'connect', null, 'no connection slot at accept').then(
        () => socket.resetAndDestroy(),
        () => socket.resetAndDestroy(),
      );
      return;
    }
    claimEarly(ctx, socket, socket.remoteAddress ?? '', socket.remotePort ?? 0);
    readFirst(socket, timeouts.firstBytes).then((first) => {
      const head = first ? connectHead(first) : null;
      if (head) {
        socket.read(head.length); // the head (put back by readFirst); the rest is the tunnel's
        open(head.target, socket);
      } else if (first) {
        node.emit('connection', socket);
        socket.resume(); // Node's server reads what readFirst put back, then the socket itself
      } else socket.destroy();
    });
  });
  server.on('listening', () => {
    const self = server.address();
    if (self && typeof self === 'object')
      addresses.push({ ip: self.address, port: self.port }, { ip: ctx.bridgeIp, port: SANDBOX_PROXY_PORT });
  });
  return server;
}

function targetOf(host: string, port: number): Target {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  return isIP(bare) ? { host: null, ip: bare, port } : { host: bare, ip: null, port };
}

function admit(
  ctx: GatewayContext,
  chains: AdmissionChains,
  dialled: PeerUse,
  socket: Socket,
  layer: 'connect' | 'http',
  target: Target | null,
  refuse: string | null,
  beforeRecord?: () => void,
): Promise<Admission> {
  const a = admission(ctx, {
    layer,
    protocol: 'tcp',
    peer: { ip: socket.remoteAddress ?? '', port: socket.remotePort ?? 0 },
    client: socket,
    dialled,
    ...(target ? { target } : {}),
    ...(beforeRecord ? { beforeRecord } : {}),
  });
  return chains
    .proxy(refuse)(a)
    .then(() => a);
}

function reason(a: Admission): string {
  return a.decision?.reason ?? 'no decision';
}

/** A CONNECT to `url` (host:port as the request wrote it); the socket holds what the client sent after the head. */
async function tunnel(
  ctx: GatewayContext,
  chains: AdmissionChains,
  dialled: PeerUse,
  url: string,
  socket: Socket,
): Promise<void> {
  const m = /^(\[[^\]]+\]|[^:]+):(\d{1,5})$/.exec(url);
  const target = m ? targetOf(m[1] ?? '', Number(m[2] ?? 0)) : null;
  // The 200 goes out as soon as the connection is let through, while its event is written (~30 µs); nothing is
  // relayed until admission returns, and a decision that could not be recorded closes the tunnel instead.
  let answered = false;
  const a = await admit(
    ctx,
    chains,
    dialled,
    socket,
    'connect',
    target,
    m ? null : 'bad CONNECT target',
    () => {
      answered = true;
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    },
  );
  const upstream = a.upstream;
  if (answered && (!upstream || a.decision?.action === 'deny')) {
    socket.destroy(); // its decision could not be recorded after the 200: nothing is relayed
    return;
  }
  if (a.decision?.action !== 'deny' && !upstream) {
    socket.end('HTTP/1.1 502 Bad Gateway\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    return;
  }
  if (!upstream || a.decision?.action === 'deny') {
    upstream?.destroy();
    const body = denialBody(target ?? { host: null, ip: null, port: 0 }, a.who, reason(a));
    socket.end(
      `HTTP/1.1 403 Forbidden\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
    return;
  }
  if (!answered) socket.write('HTTP/1.1 200 Connection Established\r\n\r\n'); // allowed, but not recorded (quiet)
  await carry(chains, a, socket);
}

/** Does the request carry one of the sandbox's credential placeholders anywhere in its head? */
function carriesPlaceholder(a: Admission, req: IncomingMessage): boolean {
  const head = `${req.url ?? ''}\n${req.rawHeaders.join('\n')}`;
  return (a.sandbox?.credentials ?? []).some((c) => head.includes(c.placeholder));
}

/**
 * Why a forward's `Host` may not go with its URL: it names another host than the one the request is decided
 * for (domain fronting: a CDN in front of the allowed host routes by Host), or there are several. Null when it
 * names the URL's host (port, case and a trailing dot aside), or is absent (the URL's is sent then).
 */
function hostMismatch(req: IncomingMessage, url: URL): string | null {
  const values = req.headersDistinct.host ?? [];
  if (values.length === 0) return null;
  const named = values.map(bareHost);
  const want = bareHost(url.host);
  if (named.length === 1 && named[0] === want) return null;
  return `Host ${values.join(', ')} does not name ${want}, the host the request is for (domain fronting refused)`;
}

function parseUrl(text: string | undefined): URL | null {
  // URL.parse returns null on bad input (no exception to catch).
  const url = URL.parse(text ?? '');
  return url && url.protocol === 'http:' ? url : null;
}

async function forward(
  ctx: GatewayContext,
  chains: AdmissionChains,
  dialled: PeerUse,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const url = parseUrl(req.url);
  const target = url ? targetOf(url.hostname, Number(url.port || 80)) : null;
  const refuse = url ? hostMismatch(req, url) : 'not a proxy request';
  const a = await admit(ctx, chains, dialled, req.socket, 'http', target, refuse);
  const upstream = a.upstream;
  if (!url) {
    res
      .writeHead(400, { 'content-type': 'text/plain' })
      .end('paddock gateway: expected an absolute http:// URL\n');
    return;
  }
  if (a.decision?.action !== 'deny' && !upstream) {
    res.writeHead(502, { connection: 'close' }).end();
    return;
  }
  if (!upstream || !target || a.decision?.action === 'deny') {
    upstream?.destroy();
    res.writeHead(403, { 'content-type': 'application/json', connection: 'close' });
    res.end(denialBody(target ?? { host: null, ip: null, port: 0 }, a.who, reason(a)));
    return;
  }
  if ((a.sandbox && inspectsConnection(ctx, a.sandbox, a.who, target)) || carriesPlaceholder(a, req)) {
    // Request rules or credentials: the request is decided (and recorded) once more, as on a terminated connection.
    req.url = `${url.pathname}${url.search}`;
    const link = new UpstreamLink(a, chains.openUpstream, false);
    res.once('close', () => link.close());
    const x = { req, res, link, secure: false, expectsContinue: false };
    const r = admission(ctx, {
      layer: 'http',
      protocol: 'tcp',
      peer: a.peer,
      client: req.socket,
      dialled,
      target,
    });
    await chains.request(x)(r);
    if (!res.headersSent) res.writeHead(r.decision?.action === 'deny' ? 403 : 502).end();
    return;
  }
  // Not read past its head: until it is answered, a policy reload decides it again, as a new one would be.
  const sandbox = a.sandbox;
  const unlist = sandbox
    ? carrySpliced(chains, a, sandbox, target, () => {
        upstream.destroy();
        res.destroy();
      })
    : null;
  if (unlist) res.once('close', unlist);
  if (upstream.destroyed) return; // cut as it was listed: a reload came while its upstream opened
  // The Host names the URL's host (hostMismatch), or is absent: then it is the URL's.
  const headers: IncomingMessage['headers'] = { ...req.headers, host: req.headers.host ?? url.host };
  for (const h of ['proxy-connection', 'proxy-authorization', 'connection', 'keep-alive']) delete headers[h];
  const out = http.request({
    method: req.method,
    path: `${url.pathname}${url.search}`,
    headers: { ...headers, connection: 'close' },
    createConnection: () => upstream,
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
