import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { errorMessage } from '../../common/errors.js';
import { http } from '../../common/http.js';
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

/** What the upstream's header values become on their way to the client (the sandbox's keys masked). */
export type Answer = (value: string) => string;
const same: Answer = (value) => value;

/** A raw header list with `answer` applied to its values. */
function answered(raw: readonly string[], answer: Answer): string[] {
  return raw.map((v, i) => (i % 2 === 1 ? answer(v) : v));
}

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
 * Send one allowed protocol upgrade (WebSocket) upstream. On `101` the answer goes to the client and the two
 * sockets are joined (the event is recorded then, with status 101); any other answer is passed on and the
 * connection closed. Resolves with why it failed, or null.
 */
export function forwardUpgrade(
  link: UpstreamLink,
  req: IncomingMessage,
  client: { readonly socket: Duplex; readonly head: Buffer },
  headers: readonly string[],
  url: string,
  facts: HttpFacts,
  answer: Answer = same,
): Promise<string | null> {
  return new Promise((resolve) => {
    const upgrade = String(req.headers.upgrade ?? '');
    const out = http.request({
      agent: link.agent,
      method: req.method ?? 'GET',
      path: url,
      headers: [...endToEnd(headers), 'Connection', 'Upgrade', 'Upgrade', upgrade],
      setHost: false,
    });
    const head = (status: number, message: string | undefined, raw: readonly string[]) => {
      const lines = [`HTTP/1.1 ${status} ${message ?? ''}`.trimEnd()];
      for (let i = 0; i + 1 < raw.length; i += 2) lines.push(`${raw[i]}: ${answer(raw[i + 1] ?? '')}`);
      return `${lines.join('\r\n')}\r\n\r\n`;
    };
    out.on('upgrade', (up, upstream, upHead) => {
      facts.status = up.statusCode ?? 101;
      client.socket.write(head(facts.status, up.statusMessage, up.rawHeaders));
      if (upHead.length > 0) client.socket.write(upHead);
      if (client.head.length > 0) upstream.write(client.head);
      const close = () => {
        upstream.destroy();
        client.socket.destroy();
      };
      upstream.on('error', close);
      client.socket.on('error', close);
      // One side closed (a reload cut the client's): the other goes too.
      upstream.once('close', close);
      client.socket.once('close', close);
      upstream.pipe(client.socket);
      client.socket.pipe(upstream);
      resolve(null);
    });
    out.on('response', (up) => {
      facts.status = up.statusCode ?? 502;
      client.socket.write(
        head(facts.status, up.statusMessage, [...endToEnd(up.rawHeaders), 'Connection', 'close']),
      );
      up.on('data', (chunk: Buffer) => {
        facts.bytes += chunk.length;
      });
      up.pipe(client.socket);
      resolve(null);
    });
    out.on('error', (error) => {
      const failure = `upstream failed: ${errorMessage(error)}`;
      facts.status = 502;
      client.socket.end('HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
      resolve(failure);
    });
    out.end();
  });
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
  answer: Answer = same,
): Promise<string | null> {
  return new Promise((resolve) => {
    let failure: string | null = null;
    const out = http.request({
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
      // An HTTP/2 client's response (an HTTP/1.1 upstream behind it) has no status message.
      const headers = answered(endToEnd(up.rawHeaders), answer);
      if ('stream' in res) res.writeHead(facts.status, headers);
      else res.writeHead(facts.status, up.statusMessage, headers);
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
