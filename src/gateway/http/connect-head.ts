/**
 * A CONNECT request head recognised in the first bytes of an explicit-proxy connection, so that the common
 * case does not go through Node's HTTP server (about 35 µs a connection; BENCHMARKS.md, "seventh pass").
 *
 * Only one strict shape is recognised: the request line `CONNECT <target> HTTP/1.0` or `1.1`, then header lines
 * of a token, a colon and printable ASCII or tabs, every line ended by CRLF, the whole head in the first read
 * and at most MAX_HEAD bytes. Node's parser reads every such head the same way (same target, the same bytes
 * after it; connect-head.test.ts checks that against Node's). Anything else — another method, a head not
 * complete in the first read, a byte this does not vouch for — is not recognised, and the connection goes to
 * Node's HTTP server as read, which stays the gateway's one HTTP/1 parser and answers it as before.
 */
export interface ConnectHead {
  /** The request target as written (host:port, checked by the proxy). */
  readonly target: string;
  /** Bytes of the head, its blank line included; what follows is the tunnel's. */
  readonly length: number;
}

/** Node's default limit on a request head (`--max-http-header-size`); a longer one is Node's to refuse. */
export const MAX_HEAD = 16 * 1024;

const REQUEST_LINE = /^CONNECT ([\x21-\x7e]+) HTTP\/1\.[01]$/;
const HEADER_LINE = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+:[\t\x20-\x7e]*$/;
const PREFIX = Buffer.from('CONNECT ');

/** The CONNECT head at the start of `first`, or null when it is not one this recognises (see above). */
export function connectHead(first: Buffer): ConnectHead | null {
  if (first.length < PREFIX.length || first.compare(PREFIX, 0, PREFIX.length, 0, PREFIX.length) !== 0)
    return null;
  const end = first.indexOf('\r\n\r\n');
  if (end < 0 || end + 4 > MAX_HEAD) return null;
  const lines = first.toString('latin1', 0, end).split('\r\n');
  const line = REQUEST_LINE.exec(lines[0] ?? '');
  if (!line?.[1]) return null;
  for (let i = 1; i < lines.length; i++) if (!HEADER_LINE.test(lines[i] ?? '')) return null;
  return { target: line[1], length: end + 4 };
}
