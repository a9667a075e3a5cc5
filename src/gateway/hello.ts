import type { Socket } from 'node:net';

/** How long an inspected connection may take to send its first bytes. @default 30 s */
export const FIRST_BYTES_MS = 30_000;

/** The largest TLS record a ClientHello can take (16 KiB plus its 5-byte header). */
const MAX_RECORD = 16_384 + 5;

/**
 * The client's first bytes: a whole TLS record when they start one (a ClientHello can span TCP segments),
 * else the first chunk. Null when the client sent nothing within `timeoutMs` or closed. The bytes are put
 * back (unshift), so whoever reads the socket next sees them again.
 */
export function readFirst(socket: Socket, timeoutMs: number): Promise<Buffer | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    // 0: wait as long as the client keeps the connection open.
    const timer = timeoutMs > 0 ? setTimeout(() => done(), timeoutMs) : undefined;
    const done = () => {
      clearTimeout(timer);
      socket.removeListener('data', onData);
      socket.removeListener('end', done);
      socket.removeListener('close', done);
      socket.pause();
      const first = chunks.length > 0 ? Buffer.concat(chunks) : null;
      if (first) socket.unshift(first);
      resolve(first);
    };
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      const head = chunks.length === 1 ? chunk : Buffer.concat(chunks);
      if (head[0] !== 0x16) return done();
      if (head.length < 5) return;
      const want = Math.min(5 + head.readUInt16BE(3), MAX_RECORD);
      if (size >= want) done();
    };
    socket.on('data', onData);
    socket.once('end', done);
    socket.once('close', done);
    socket.resume();
  });
}

/**
 * A TLS handshake record (what a ClientHello starts with), whatever its version bytes say: servers ignore a first
 * ClientHello's record version (RFC 8446 5.1; Go's takes any below 0x1000), so one of version 2.1 carried a server
 * name nobody looked at (battery row "… a ClientHello naming evil.test in a record of version 2.1").
 */
export const isTls = (first: Buffer): boolean => first.length >= 1 && first[0] === 0x16;

/** HTTP/2 with prior knowledge (h2c): the connection preface's first line. */
export const isH2c = (first: Buffer): boolean =>
  first.subarray(0, 16).toString('latin1') === 'PRI * HTTP/2.0\r\n';

/**
 * Methods servers know (HTTP, WebDAV, CalDAV, UPnP's, caches' PURGE, h2c's PRI): a first write of letters alone
 * waits for the rest of its request line only when it begins one of these.
 */
const METHODS = [
  ...['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH', 'QUERY', 'PRI'],
  ...['PROPFIND', 'PROPPATCH', 'MKCOL', 'COPY', 'MOVE', 'LOCK', 'UNLOCK', 'SEARCH', 'REPORT', 'MKCALENDAR'],
  ...['MKACTIVITY', 'CHECKOUT', 'MERGE', 'BIND', 'REBIND', 'UNBIND', 'ACL', 'LINK', 'UNLINK', 'SOURCE'],
  ...['M-SEARCH', 'NOTIFY', 'SUBSCRIBE', 'UNSUBSCRIBE', 'PURGE'],
];

/** The largest request head read before the Host is judged (Node's server allows 16 KiB). */
export const MAX_HEAD = 16_384;
/** How long a client that began a request head may take to finish it. @default 10 s */
export const HEAD_MS = 10_000;

/**
 * Could these first bytes begin an HTTP/1 request (or h2c's preface, `PRI * HTTP/2.0`)? Read as loosely as servers
 * read a request line: empty lines first (skipped), a method of letters, `_` and `-` (nginx takes any such; others
 * any letters), blanks (one or more spaces or tabs), and a first line naming an HTTP version. A first line not yet
 * ended (the head sent in pieces, the method cut short) may still become one: the gateway must read it whole before
 * judging it. A whole first line without an HTTP version is another protocol (SSH's banner, SMTP's EHLO), and so
 * is a first write of letters alone that begins no known method (`x`).
 * Before (7 Dec 2026) only ten methods were known, so `PROPFIND` with its Host in a second write was spliced.
 */
export function httpStart(first: Buffer): boolean {
  const text = first
    .subarray(0, MAX_HEAD)
    .toString('latin1')
    .replace(/^(\r?\n)+/, '');
  if (text === '') return true;
  const eol = text.indexOf('\n');
  const line = eol < 0 ? text : text.slice(0, eol);
  // Letters only, no blank yet: a method cut short, when it begins a known one. Any other word is another
  // protocol's (a client that sends `x` and waits for its echo must not wait HEAD_MS here for a head).
  if (eol < 0 && /^[A-Za-z_-]+$/.test(line)) return METHODS.some((m) => m.startsWith(line.toUpperCase()));
  if (!/^[A-Za-z_-]+[ \t]/.test(line)) return false;
  return eol < 0 || /HTTP\/\d/i.test(line);
}

/** Does the head end (an empty line) within these bytes, past the empty lines before it? */
export function headEnds(bytes: Buffer): boolean {
  let at = 0;
  while (at < bytes.length && (bytes[at] === 0x0d || bytes[at] === 0x0a)) at++;
  const rest = bytes.subarray(at);
  return rest.length > 0 && (rest.includes('\r\n\r\n') || rest.includes('\n\n'));
}

/**
 * The first bytes read on until the HTTP request head they begin is whole (httpStart), MAX_HEAD bytes came, the
 * client stopped, or `timeoutMs` passed: a Host sent after the first chunk is then seen too. The bytes are put
 * back, as readFirst does. Bytes that begin no head, or a whole head, are returned as they are.
 */
export function readHttpHead(socket: Socket, first: Buffer, timeoutMs = HEAD_MS): Promise<Buffer> {
  if (!httpStart(first) || headEnds(first) || first.length >= MAX_HEAD) return Promise.resolve(first);
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const timer = setTimeout(() => done(), timeoutMs);
    const done = () => {
      clearTimeout(timer);
      socket.removeListener('data', onData);
      socket.removeListener('end', done);
      socket.removeListener('close', done);
      socket.pause();
      const head = chunks.length > 0 ? Buffer.concat(chunks) : first;
      if (chunks.length > 0) socket.unshift(head);
      resolve(head);
    };
    // The first chunk comes again first (readFirst put it back).
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      const head = Buffer.concat(chunks);
      // Its first line ended without naming HTTP: another protocol, nothing more to wait for.
      if (size >= MAX_HEAD || headEnds(head) || !httpStart(head)) done();
    };
    socket.on('data', onData);
    socket.once('end', done);
    socket.once('close', done);
    socket.resume();
  });
}
