import type { IncomingMessage, ServerResponse } from 'node:http';
import { request } from 'node:http';
import { errorMessage } from '../../common/errors.js';
import type { HttpFacts } from '../admission/chain.js';
import type { UpstreamLink } from './link.js';

/** Hop-by-hop headers (RFC 9110 7.6.1) and proxy headers: never forwarded either way. */
const HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authorization',
  'proxy-authenticate',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'expect',
]);

/** A raw header list (name, value, …) without hop-by-hop headers and those `Connection` names. */
export function endToEnd(raw: readonly string[]): string[] {
  const named = new Set<string>();
  for (let i = 0; i < raw.length; i += 2)
    if (raw[i]?.toLowerCase() === 'connection')
      for (const t of (raw[i + 1] ?? '').split(',')) named.add(t.trim().toLowerCase());
  const out: string[] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = (raw[i] ?? '').toLowerCase();
    if (HOP.has(name) || named.has(name)) continue;
    out.push(raw[i] ?? '', raw[i + 1] ?? '');
  }
  return out;
}

/**
 * Send one allowed request upstream over the connection's link and stream the answer back. Resolves when the
 * client has the whole response (or either side gave up); `facts` gets the status and body bytes. An upstream
 * failure before the response answers 502 and returns why.
 */
export function forward(
  link: UpstreamLink,
  req: IncomingMessage,
  res: ServerResponse,
  headers: readonly string[],
  url: string,
  facts: HttpFacts,
): Promise<string | null> {
  return new Promise((resolve) => {
    let failure: string | null = null;
    const out = request({
      agent: link.agent,
      method: req.method ?? 'GET',
      path: url,
      headers: endToEnd(headers),
      setHost: false,
    });
    res.once('close', () => {
      out.destroy();
      resolve(failure);
    });
    out.on('response', (up) => {
      facts.status = up.statusCode ?? 502;
      res.writeHead(facts.status, up.statusMessage, endToEnd(up.rawHeaders));
      up.on('data', (chunk: Buffer) => {
        facts.bytes += chunk.length;
      });
      up.pipe(res);
      up.on('error', () => res.destroy());
    });
    out.on('error', (error) => {
      failure = `upstream failed: ${errorMessage(error)}`;
      if (res.headersSent) res.destroy();
      else {
        const body = JSON.stringify({ error: 'upstream_failed', reason: failure });
        facts.status = 502;
        facts.bytes = Buffer.byteLength(body);
        res.writeHead(502, { 'content-type': 'application/json', 'content-length': facts.bytes }).end(body);
      }
    });
    req.pipe(out);
  });
}
