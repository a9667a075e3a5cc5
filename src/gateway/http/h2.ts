import { createServer } from 'node:http2';
import { Duplex } from 'node:stream';
import { errorMessage } from '../../common/errors.js';
import type { AdmissionChains } from '../admission/index.js';
import { clientLeft, type Inspected, requestsOf, serveUntilClose } from './serve.js';

/** Streams one HTTP/2 connection may have open at once (the client is told in SETTINGS). */
const MAX_STREAMS = 100;
/** How long an HTTP/2 connection may sit idle. @default 60 s */
const IDLE_MS = 60_000;

/**
 * Read HTTP/2 streams from an inspected connection (TLS the gateway terminated, ALPN h2) and hand each to the
 * request chain, as HTTP/1.1 requests are: its `:method`, `:authority` and `:path` are decided by the same
 * rules, one `http` event per stream. A denied stream is answered 403 and the connection's other streams go
 * on. Malformed HTTP/2 (a bad preface, frame or header block) is a denial plus one event, and the connection
 * closes. Resolves when the connection is closed.
 */
export function serveStreams(chains: AdmissionChains, c: Inspected): Promise<void> {
  const { onRequest, refuse } = requestsOf(chains, c);
  // Bounded: one connection cannot make the gateway hold more than this many requests at once.
  const server = createServer({ maxSessionMemory: 16, settings: { maxConcurrentStreams: MAX_STREAMS } });
  server.on('request', (req, res) => onRequest({ req, res, expectsContinue: false, h2: true }));
  server.on('session', (session) => session.setTimeout(IDLE_MS, () => session.close()));
  server.on('sessionError', (error: NodeJS.ErrnoException) => {
    if (clientLeft(error)) c.stream.destroy();
    else refuse(`malformed HTTP/2: ${error.code ?? errorMessage(error)}`, c.stream, '');
  });
  // Through a JS stream: the HTTP/2 session would read the TLS handle directly, past what is buffered already.
  return serveUntilClose(c, server, Duplex.from({ readable: c.stream, writable: c.stream }));
}
