import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  constants,
  type Http2ServerRequest,
  type Http2ServerResponse,
  type IncomingHttpHeaders,
  type OutgoingHttpHeaders,
} from 'node:http2';
import { errorMessage } from '../../common/errors.js';
import type { HttpFacts } from '../admission/chain.js';
import { type Answer, endToEnd, forward } from './forward.js';
import type { UpstreamLink } from './link.js';

/**
 * A raw header list (name, value, …) as an HTTP/2 header object: no pseudo-headers, no `Host`, no hop-by-hop
 * headers (which HTTP/2 forbids); repeated names become arrays. Pure.
 */
export function h2Headers(raw: readonly string[]): OutgoingHttpHeaders {
  const out: Record<string, string | string[]> = {};
  const list = endToEnd(raw);
  for (let i = 0; i + 1 < list.length; i += 2) {
    const name = (list[i] ?? '').toLowerCase();
    if (name.startsWith(':') || name === 'host') continue;
    const value = list[i + 1] ?? '';
    const had = out[name];
    out[name] = had === undefined ? value : [...(Array.isArray(had) ? had : [had]), value];
  }
  return out;
}

/** Response headers or trailers of the upstream, to pass on: without pseudo-headers, values through `answer`. */
function passOn(headers: IncomingHttpHeaders, answer: Answer): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {};
  for (const [k, v] of Object.entries(headers))
    if (!k.startsWith(':') && v !== undefined) out[k] = Array.isArray(v) ? v.map(answer) : answer(v);
  return out;
}

/**
 * Send one allowed HTTP/2 stream upstream: as a stream of the link's HTTP/2 session when the upstream offers
 * h2 (trailers passed on both ways, so gRPC works), else as an HTTP/1.1 request. Resolves when the client has
 * the whole response; `facts` gets the status and body bytes; an upstream failure before the response
 * answers 502 and returns why.
 */
export async function forwardStream(
  link: UpstreamLink,
  req: Http2ServerRequest,
  res: Http2ServerResponse,
  headers: readonly string[],
  url: string,
  authority: string,
  facts: HttpFacts,
  answer: Answer,
): Promise<string | null> {
  const failed = (failure: string): string => {
    const body = JSON.stringify({ error: 'upstream_failed', reason: failure });
    facts.status = 502;
    facts.bytes = Buffer.byteLength(body);
    if (!res.headersSent)
      res.writeHead(502, { 'content-type': 'application/json', 'content-length': facts.bytes }).end(body);
    else res.stream.close(constants.NGHTTP2_INTERNAL_ERROR);
    return failure;
  };
  let session: Awaited<ReturnType<UpstreamLink['h2']>>;
  try {
    session = await link.h2();
  } catch (error) {
    return failed(`upstream failed: ${errorMessage(error)}`);
  }
  if (session === null) {
    // The upstream speaks HTTP/1.1: the pseudo-headers become the request line and Host.
    const h1: string[] = [];
    for (let i = 0; i + 1 < headers.length; i += 2)
      if (!(headers[i] ?? '').startsWith(':')) h1.push(headers[i] ?? '', headers[i + 1] ?? '');
    h1.push('Host', authority);
    const h1req = req as unknown as IncomingMessage;
    return forward(link, h1req, res as unknown as ServerResponse, h1, url, facts, answer);
  }
  const open = session;
  return new Promise((resolve) => {
    let failure: string | null = null;
    const out = open.request({
      ...h2Headers(headers),
      ':method': req.method,
      ':path': url,
      ':authority': authority,
      ':scheme': 'https',
    });
    res.once('close', () => {
      if (!out.closed) out.close(constants.NGHTTP2_CANCEL);
      resolve(failure);
    });
    out.on('response', (h) => {
      facts.status = Number(h[':status'] ?? 502);
      res.writeHead(facts.status, passOn(h, answer));
      out.on('data', (chunk: Buffer) => {
        facts.bytes += chunk.length;
      });
      out.pipe(res);
    });
    out.on('trailers', (t) => res.addTrailers(passOn(t, answer)));
    out.on('error', (error) => {
      failure = failed(`upstream failed: ${errorMessage(error)}`);
    });
    req.pipe(out);
  });
}
