import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Http2ServerRequest, Http2ServerResponse } from 'node:http2';
import type { Duplex } from 'node:stream';
import { parseTarget, redactedTarget } from '../../policy/request-path.js';
import type { HttpRequest } from '../../policy/types.js';
import { carrying, policyGeneration } from '../carried.js';
import { decideRequest, denialBody } from '../decision.js';
import { masked, useCredentials } from '../http/credentials.js';
import { type Answer, forward, forwardUpgrade } from '../http/forward.js';
import { forwardStream } from '../http/forward-h2.js';
import type { UpstreamLink } from '../http/link.js';
import { type Admission, deny, type HttpFacts, type Step } from './chain.js';

/** One request on an inspected connection, as its listener hands it over. */
export interface Exchange {
  readonly req: IncomingMessage | Http2ServerRequest;
  /** Null for a protocol upgrade (WebSocket): the answer goes to `upgrade.socket`. */
  readonly res: ServerResponse | Http2ServerResponse | null;
  /** An HTTP/2 stream (`req` and `res` are the HTTP/2 ones). @default false */
  readonly h2?: boolean;
  readonly upgrade?: { readonly socket: Duplex; readonly head: Buffer };
  readonly link: UpstreamLink;
  /** The client spoke TLS that the gateway terminated. */
  readonly secure: boolean;
  /** The client waits for `100 Continue` before its body. */
  readonly expectsContinue: boolean;
}

/**
 * The authority a request names (`Host`; HTTP/2's `:authority`, which a `Host` beside it must equal);
 * null when absent or when the two disagree.
 */
function authorityOf(req: Exchange['req']): string | null {
  const authority = req.headers[':authority'];
  const host = req.headers.host;
  if (typeof authority === 'string' && host !== undefined && host !== authority) return null;
  return typeof authority === 'string' ? authority : (host ?? null);
}

/**
 * Every `Host` of the raw header list: Node's parser keeps the first in `headers` and forwards the rest, and
 * an upstream (or a CDN in front of it) may route by another. Before (8 Dec 2026) a second `Host: evil.test`
 * went upstream.
 */
function hostsOf(req: Exchange['req']): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2)
    if (req.rawHeaders[i]?.toLowerCase() === 'host') out.push(req.rawHeaders[i + 1] ?? '');
  return out;
}

/** `Host` without its port, lower case; null when absent. */
function hostOf(req: Exchange['req']): string | null {
  const host = authorityOf(req);
  if (!host) return null;
  return host
    .replace(/:\d+$/, '')
    .replace(/^\[(.*)\]$/, '$1')
    .toLowerCase();
}

/** A request as the rules see it (canonical path, decoded query), or why its target is malformed. */
export function httpRequestOf(method: string, url: string): HttpRequest | { error: string } {
  const parsed = parseTarget(url, true);
  if ('error' in parsed) return parsed;
  return {
    method: method.toUpperCase(),
    ...parsed.request,
    ...(/%2f/i.test(url.split('?')[0] ?? '') ? { encodedSlash: true } : {}),
  };
}

/**
 * Why a protocol upgrade is refused: anything but WebSocket. After a `101` the joined sockets are not read, so
 * an upgrade the upstream takes to keep speaking HTTP (`h2c`) would carry requests no rule sees. Null: none.
 */
function upgradeRefused(x: Exchange): string | null {
  if (!x.upgrade) return null;
  const asked = String(x.req.headers.upgrade ?? '').trim();
  if (asked.toLowerCase() === 'websocket') return null;
  return `upgrade to ${asked || '(none)'}: only websocket is joined (the gateway does not read past the upgrade)`;
}

/** Answer a refused request: 403 with the JSON denial body; the connection stays usable. */
function refuse(a: Admission, x: Exchange, status = 403): void {
  const target = a.target ?? { host: null, ip: null, port: 0 };
  const body = denialBody(target, a.who, a.decision?.reason ?? 'denied');
  if (a.http) {
    a.http.status = status;
    a.http.bytes = Buffer.byteLength(body);
  }
  if (x.upgrade) {
    const head = `HTTP/1.1 ${status} ${status === 400 ? 'Bad Request' : 'Forbidden'}\r\nContent-Type: application/json\r\n`;
    x.upgrade.socket.end(
      `${head}Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
    return;
  }
  x.res?.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  x.res?.end(body);
}

/**
 * Decide one request (Host, credentials, then the policy's request rules) and, when allowed, forward it
 * and wait for the response, so the recorded event has its status and bytes. A refusal answers 403.
 */
export function requestStep(x: Exchange): Step {
  return () => async (a) => {
    const { req } = x;
    a.http = { method: req.method ?? '?', path: redactedTarget(req.url ?? ''), status: null, bytes: 0 };
    const { sandbox, target } = a;
    if (!sandbox || !target) {
      deny(a, 'gateway error: request without a connection');
      return refuse(a, x);
    }
    const expected = target.host ?? target.ip;
    const hosts = hostsOf(req);
    if (hosts.length > 1) {
      deny(
        a,
        `Host given ${hosts.length} times (${hosts.join(', ')}): the upstream may read another than the gateway`,
      );
      return refuse(a, x);
    }
    const host = hostOf(req);
    if (host !== expected) {
      deny(a, `Host ${host ?? '(none)'} does not name ${expected}, the host the connection was allowed for`);
      return refuse(a, x);
    }
    const upgrade = upgradeRefused(x);
    if (upgrade) {
      deny(a, upgrade);
      return refuse(a, x);
    }
    const url = req.url ?? '';
    const parsed = httpRequestOf(req.method ?? '', url);
    if ('error' in parsed) {
      deny(a, `malformed request target: ${parsed.error}`);
      return refuse(a, x, 400);
    }
    const creds = useCredentials(sandbox.credentials ?? [], target.host, x.secure, req.rawHeaders, url);
    if (!creds.ok) {
      deny(a, creds.reason);
      return refuse(a, x);
    }
    a.decision = decideRequest(a.ctx, sandbox, a.who, target, parsed);
    if (a.decision.action === 'deny') return refuse(a, x);
    if (creds.used.length > 0)
      a.decision = {
        ...a.decision,
        reason: `${a.decision.reason}; credential ${creds.used.join(', ')} substituted`,
      };
    if (x.expectsContinue) x.res?.writeContinue();
    // A key the host answers back in a header (a redirect keeping the query) goes back as its placeholder.
    const answer = (value: string) => masked(sandbox.credentials ?? [], value);
    // Until it is answered, a policy reload decides it again: a body still being sent would go on unread.
    const unlist = carrying(
      sandbox,
      {
        recheck: () => {
          const again = decideRequest(a.ctx, sandbox, a.who, target, parsed);
          return again.action === 'deny' ? again.reason : null;
        },
        cut: (reason) => {
          deny(a, reason, a.decision?.policy ?? null);
          x.res?.destroy();
          x.upgrade?.socket.destroy();
        },
      },
      policyGeneration(sandbox),
    );
    let failure: string | null;
    try {
      failure = await send(x, a.http, creds, authorityOf(req) ?? expected ?? '', answer);
    } finally {
      unlist();
    }
    if (failure) a.upstreamError = failure;
  };
}

/** Forward one allowed request as its kind is (an HTTP/2 stream, an upgrade, an HTTP/1.1 request). */
function send(
  x: Exchange,
  facts: HttpFacts,
  creds: { readonly headers: string[]; readonly url: string },
  authority: string,
  answer: Answer,
): Promise<string | null> {
  const req = x.req as IncomingMessage;
  if (x.h2)
    return forwardStream(
      x.link,
      x.req as Http2ServerRequest,
      x.res as Http2ServerResponse,
      creds.headers,
      creds.url,
      authority,
      facts,
      answer,
    );
  if (x.upgrade) return forwardUpgrade(x.link, req, x.upgrade, creds.headers, creds.url, facts, answer);
  if (!x.res) return Promise.resolve('gateway error: a request without a response');
  return forward(x.link, req, x.res as ServerResponse, creds.headers, creds.url, facts, answer);
}
