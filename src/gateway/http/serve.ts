import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { errorMessage } from '../../common/errors.js';
import { http } from '../../common/http.js';
import {
  type Admission,
  type AdmissionChains,
  admission,
  type Exchange,
  httpRequestOf,
} from '../admission/index.js';
import { carrying } from '../carried.js';
import { decideRequest, explained } from '../decision.js';
import type { UpstreamLink } from './link.js';

/** How long an inspected connection may sit idle between requests. @default 60 s */
const IDLE_MS = 60_000;

/** How long the client of an inspected connection may take (ms); past either, it is refused and closed. */
export interface InspectTimeouts {
  /** To finish the TLS handshake the gateway terminates, once its ClientHello is read. */
  readonly handshake: number;
  /** To send a whole request head (HTTP/1.1), from the connection's start or the previous response. */
  readonly head: number;
}

export const INSPECT_TIMEOUTS: InspectTimeouts = { handshake: 10_000, head: 30_000 };

/**
 * The client went away (a reset or a broken pipe): the end of a connection, not malformed input, so no
 * event. A killed agent, or curl closing a TLS connection with bytes unread, resets it.
 */
export function clientLeft(error: NodeJS.ErrnoException): boolean {
  return error.code === 'ECONNRESET' || error.code === 'EPIPE';
}

/** The connection admission allowed, and what its requests are read from. */
export interface Inspected {
  /** The connection's admission (its sandbox, target and attribution are reused for each request). */
  readonly a: Admission;
  /** The client's TCP socket (attribution and budgets are keyed on it). */
  readonly client: object;
  /** Plain HTTP, or the TLS socket the gateway terminated. */
  readonly stream: Duplex;
  readonly secure: boolean;
  readonly link: UpstreamLink;
}

/**
 * Read HTTP/1.1 requests from an inspected connection (keep-alive, chunked bodies, `Expect: 100-continue`)
 * and hand each to the request chain: one `http` event per request. Malformed HTTP (Node's strict parser
 * refuses CL+TE, duplicate Content-Length, bad chunking) is a denial plus one event, answered 400 and closed.
 * An upgrade (WebSocket) is decided as its request, then the sockets are joined. Resolves when the connection is closed.
 */
export function serveRequests(chains: AdmissionChains, c: Inspected): Promise<void> {
  const { start, onRequest, refuse } = requestsOf(chains, c);
  const { head } = c.a.ctx.inspectTimeouts ?? INSPECT_TIMEOUTS;
  const server = http.createServer(
    {
      requireHostHeader: true,
      keepAliveTimeout: IDLE_MS,
      headersTimeout: head,
      requestTimeout: 0,
      connectionsCheckingInterval: Math.ceil(head / 4),
    },
    (req, res) => onRequest({ req, res, expectsContinue: false }),
  );
  // Node's server checks heads against `headersTimeout` only once listening; this one never listens (its one
  // connection is handed to it), so it is told: without this, a head never finished held its slot for good.
  server.emit('listening');
  server.on('checkContinue', (req, res) => onRequest({ req, res, expectsContinue: true }));
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (clientLeft(error)) {
      socket.destroy();
      return;
    }
    if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
      refuse(
        `an HTTP request head not finished within ${head / 1000} s`,
        socket,
        'HTTP/1.1 408 Request Timeout\r\nConnection: close\r\nContent-Length: 0\r\n\r\n',
      );
      return;
    }
    refuse(
      `malformed HTTP request: ${error.code ?? errorMessage(error)}`,
      socket,
      'HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n',
    );
  });
  // A tunnel inside the inspected connection would carry bytes no rule reads: refused, with an event.
  server.on('connect', (req: IncomingMessage, socket: Duplex) =>
    refuse(
      `CONNECT ${req.url ?? ''} inside an inspected connection: no tunnel in a tunnel`,
      socket,
      'HTTP/1.1 405 Method Not Allowed\r\nConnection: close\r\nContent-Length: 0\r\n\r\n',
    ),
  );
  // A protocol upgrade (WebSocket) is decided as the request it starts with; once joined, frames are not read.
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const a = start();
    const x = {
      req,
      res: null,
      upgrade: { socket, head },
      link: c.link,
      secure: c.secure,
      expectsContinue: false,
    };
    chains
      .request(x)(a)
      .then(() => {
        if (a.http?.status == null) socket.destroy();
        else if (a.http.status === 101) watchJoined(c, a, req, socket, refuse);
      })
      .catch(() => socket.destroy());
  });
  return serveUntilClose(c, server, c.stream);
}

/**
 * A joined WebSocket is no longer read: a policy reload decides its upgrade request again, and closes it (one
 * event) when the request is now denied.
 */
function watchJoined(
  c: Inspected,
  a: Admission,
  req: IncomingMessage,
  socket: Duplex,
  refuse: Requests['refuse'],
): void {
  const { ctx, sandbox, target } = a;
  if (!sandbox || !target) return;
  const done = carrying(
    sandbox,
    {
      recheck: () => {
        const request = httpRequestOf(req.method ?? '', req.url ?? '');
        if ('error' in request) return request.error;
        const decision = explained(decideRequest(ctx, sandbox, c.a.who, target, request), c.a.unknown);
        return decision.action === 'deny' ? decision.reason : null;
      },
      cut: (reason) => refuse(reason, socket, ''),
    },
    a.since ?? -1,
  );
  socket.once('close', done);
}

/**
 * Hand the connection to `server` as `socket` (the stream itself, or a JS stream over it) and resolve when it
 * closes: then the upstream link and the server close too. An error on the stream ends it.
 */
export function serveUntilClose(
  c: Inspected,
  server: { close(): unknown; emit(event: 'connection', socket: Duplex): boolean },
  socket: Duplex,
): Promise<void> {
  return new Promise((resolve) => {
    c.stream.once('close', () => {
      if (socket !== c.stream) socket.destroy();
      c.link.close();
      server.close();
      resolve();
    });
    c.stream.on('error', () => c.stream.destroy());
    server.emit('connection', socket);
  });
}

/** What a listener of an inspected connection does with each request and each refusal. */
export interface Requests {
  /** A fresh admission for one request, with the connection's sandbox and binary. */
  start(): Admission;
  /** Hand one request to the request chain (one event); answer it if the chain did not. */
  onRequest(x: Pick<Exchange, 'req' | 'res' | 'expectsContinue' | 'h2'>): void;
  /** Record a refusal of what could not be parsed, then send `answer` (if any) and end the socket. */
  refuse(reason: string, socket: Duplex, answer: string): void;
}

/** The per-request side of an inspected connection, shared by the HTTP/1.1 and HTTP/2 listeners. */
export function requestsOf(chains: AdmissionChains, c: Inspected): Requests {
  const start = (): Admission => {
    const next = admission(c.a.ctx, {
      layer: 'http',
      protocol: 'tcp',
      peer: c.a.peer,
      client: c.client,
      ...(c.a.target ? { target: c.a.target } : {}),
    });
    // Refusals are recorded with the connection's sandbox and binary (the request chain finds its own).
    next.sandbox = c.a.sandbox;
    next.who = c.a.who;
    next.unknown = c.a.unknown;
    return next;
  };
  const onRequest: Requests['onRequest'] = (r) => {
    const a = start();
    const { res } = r;
    chains
      .request({ ...r, link: c.link, secure: c.secure })(a)
      .then(() => {
        // The record step turned any error into a denial; make sure the client got an answer.
        if (res && !res.headersSent) res.writeHead(a.decision?.action === 'deny' ? 403 : 502).end();
        // Past the denial rate: the connection goes, with whatever it has pipelined or multiplexed.
        if (a.hangUp) c.stream.destroy();
      })
      .catch((error: unknown) => {
        c.a.ctx.log(`inspect: ${errorMessage(error)}`);
        res?.destroy();
      });
  };
  const refuse: Requests['refuse'] = (reason, socket, answer) => {
    const a = start();
    void chains
      .refusal(reason)(a)
      .finally(() => {
        if (socket.writable && answer !== '') socket.end(answer);
        else socket.destroy();
      });
  };
  return { start, onRequest, refuse };
}
