import type { Socket } from 'node:net';
import { Duplex } from 'node:stream';
import { TLSSocket } from 'node:tls';
import { errorMessage } from '../common/errors.js';
import { normalizeHost } from '../policy/glob.js';
import type { Admission, AdmissionChains } from './admission/index.js';
import { admission } from './admission/index.js';
import { carrying, splicedRecheck } from './carried.js';
import type { SandboxEntry } from './context.js';
import { inspectsConnection, type Target } from './decision.js';
import {
  FIRST_BYTES_MS,
  HEAD_MS,
  headEnds,
  httpStart,
  isH2c,
  isTls,
  MAX_HEAD,
  readFirst,
  readHttpHead,
} from './hello.js';
import { serveStreams } from './http/h2.js';
import { UpstreamLink } from './http/link.js';
import { INSPECT_TIMEOUTS, serveRequests } from './http/serve.js';
import { httpHost, httpNames, sniFromClientHello } from './peek.js';
import { splice } from './splice.js';

/**
 * Carry a connection admission allowed. The client's first bytes must name the host the connection was allowed
 * for (TLS SNI, or HTTP Host): no domain fronting through an allowed name. When its requests must be seen
 * (request rules, `tls: terminate`, a credential for its host, or any HTTP(S) of a sandbox that holds
 * credentials), the gateway terminates TLS with a certificate from the session CA for that host and decides
 * each request; otherwise the bytes are spliced.
 * Resolves when the connection is over.
 */
export async function carry(chains: AdmissionChains, a: Admission, client: Socket): Promise<void> {
  const { ctx, sandbox, target, upstream } = a;
  if (!sandbox || !target || !upstream) throw new Error('carry without an allowed connection');
  const inspect = a.carrying?.inspect ?? inspectsConnection(ctx, sandbox, a.who, target);
  const reading = () => a.carrying?.first ?? readFirst(client, inspect ? FIRST_BYTES_MS : 0);
  // Without inspection or credentials the connection is spliced whatever its first bytes say (or refused).
  const spliced = !inspect && (sandbox.credentials?.length ?? 0) === 0;
  // Until it is known to be inspected, a policy reload decides it again: its first bytes may come after one,
  // and then it is spliced unread.
  const unlist = inspect
    ? null
    : carrySpliced(chains, a, sandbox, target, () => {
        upstream.destroy();
        client.destroy();
      });
  if (unlist) client.once('close', unlist);
  if (client.destroyed) return; // cut as it was listed: a reload came while its upstream opened
  let first: Buffer | null;
  if (inspect) first = await reading();
  else {
    // The server may speak first: its bytes flow while the client's first ones are read (no time limit).
    upstream.pipe(client, { end: true });
    first = await reading();
    if (!spliced) upstream.unpipe(client);
  }
  // A request head sent in pieces is read whole first: its Host may come after the first chunk.
  if (first && !isTls(first)) first = await readHttpHead(client, first);
  if (!first) {
    upstream.destroy();
    client.destroy();
    return;
  }
  const wrong = misnamed(first, target.host, target.ip);
  if (wrong) {
    upstream.destroy();
    client.destroy();
    return refuse(chains, a, wrong);
  }
  // A sandbox with credentials has every HTTP and TLS connection inspected, so a placeholder is seen anywhere.
  const speaksHttp = isTls(first) || httpHost(first) !== null;
  if (spliced || (!inspect && !speaksHttp)) {
    // The first bytes (put back by readFirst) go out now, not on the pipe's next turn.
    if (client.readableLength > 0) upstream.write(client.read() as Buffer);
    await splice(client, upstream, spliced);
    return;
  }
  unlist?.();
  if (!isTls(first)) {
    const link = new UpstreamLink(a, chains.openUpstream, false);
    // Through a JS stream: Node's HTTP parser would read the socket's handle directly, past the bytes put back.
    const stream = Duplex.from({ readable: client, writable: client });
    client.once('close', () => stream.destroy());
    await serveRequests(chains, { a, client, stream, secure: false, link });
    return;
  }
  if (!ctx.tls) {
    upstream.destroy();
    client.destroy();
    return refuse(
      chains,
      a,
      'this connection must be inspected, and the gateway has no CA to terminate TLS with',
    );
  }
  const name = target.host ?? target.ip ?? '';
  let context: Awaited<ReturnType<typeof ctx.tls.ca.contextFor>>;
  try {
    context = await ctx.tls.ca.contextFor(name);
  } catch (error) {
    upstream.destroy();
    client.destroy();
    return refuse(chains, a, `cannot mint a certificate for ${name}: ${errorMessage(error)}`);
  }
  const tls = new TLSSocket(client, {
    isServer: true,
    secureContext: context,
    ALPNProtocols: ['h2', 'http/1.1'],
  });
  // A client that never finishes its handshake is refused once the wait is over: it would hold its slot.
  const { handshake } = ctx.inspectTimeouts ?? INSPECT_TIMEOUTS;
  let timer: NodeJS.Timeout | undefined;
  const secured = await new Promise<'secure' | 'failed' | 'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), handshake);
    tls.once('secure', () => resolve('secure'));
    tls.once('error', () => resolve('failed'));
    tls.once('close', () => resolve('failed'));
  });
  clearTimeout(timer);
  if (secured !== 'secure') {
    // The client refused our certificate, sent garbage or stalled: recorded once.
    upstream.destroy();
    tls.destroy();
    return refuse(
      chains,
      a,
      secured === 'late'
        ? `TLS handshake with the client not finished within ${handshake / 1000} s`
        : 'TLS handshake with the client failed (does it trust the session CA?)',
    );
  }
  const link = new UpstreamLink(a, chains.openUpstream, true);
  const serve = tls.alpnProtocol === 'h2' ? serveStreams : serveRequests;
  await serve(chains, { a, client, stream: tls, secure: true, link });
  // The TLS socket may be gone while the TCP one under it is not (an HTTP/2 session destroyed on bad input).
  client.destroy();
}

/**
 * Why the first bytes do not belong to a connection allowed for `host` (or the address `ip`): a TLS SNI
 * naming another host, a ClientHello without SNI for a named host, or an HTTP Host naming another host.
 * Null when they do (or say nothing: another protocol).
 */
export function misnamed(first: Buffer, host: string | null, ip: string | null): string | null {
  const allowed = host ?? ip;
  if (isTls(first)) {
    const sni = sniFromClientHello(first);
    if (sni === null && host === null) return null;
    if (sni === null) return `TLS ClientHello without a server name, on a connection allowed for ${allowed}`;
    if (sni.replace(/\.$/, '') === allowed) return null;
    return `TLS server name ${sni} does not match ${allowed}, the host the connection was allowed for (domain fronting refused)`;
  }
  // h2c names its host in HPACK-compressed headers, which are not decoded here: nothing to check it against.
  if (isH2c(first))
    return host === null
      ? null
      : `cleartext HTTP/2 (h2c) on a connection allowed for ${allowed}: its host is in compressed headers the gateway does not read (domain fronting refused)`;
  // Bytes that begin a request head (readHttpHead read on) but never finish it: a Host could still come.
  if (httpStart(first) && !headEnds(first))
    return `an HTTP request head not finished within ${MAX_HEAD} bytes or ${HEAD_MS / 1000} s, on a connection allowed for ${allowed} (domain fronting refused)`;
  const names = httpNames(first);
  // A request line servers take but the strict reading does not (`M-SEARCH`, `HTTP/1.2`, two spaces, a tab): its
  // Host is not read here, so it is refused. Before (7 Dec 2026) such a head was spliced whatever its Host named.
  if (names === null)
    return httpStart(first)
      ? `an HTTP request line the gateway does not read (${first.subarray(0, 40).toString('latin1').split(/\r?\n/)[0]}), on a connection allowed for ${allowed} (domain fronting refused)`
      : null;
  const named = [...names.hosts, ...(names.target === null ? [] : [names.target])];
  if (names.hosts.length > 1)
    return `HTTP Host given ${names.hosts.length} times (${names.hosts.join(', ')}), on a connection allowed for ${allowed} (domain fronting refused)`;
  const want = allowed === null ? undefined : normalizeHost(allowed);
  const other = named.find((n) => n !== want);
  if (other === undefined) return null;
  return `HTTP Host ${other} does not match ${allowed}, the host the connection was allowed for (domain fronting refused)`;
}

/** Record a refusal of the connection `a` allowed: one more event, with its sandbox, binary and target. */
/**
 * List a connection whose bytes are not read past its first ones (or its head) among the sandbox's carried
 * connections: a policy reload that now refuses it calls `close` and records why. Returns the unlisting.
 */
export function carrySpliced(
  chains: AdmissionChains,
  a: Admission,
  sandbox: SandboxEntry,
  target: Target,
  close: () => void,
): () => void {
  const recheck = () => splicedRecheck(a.ctx, sandbox, a.who, a.unknown, target);
  const cut = (reason: string) => {
    close();
    void refuse(chains, a, reason);
  };
  return carrying(sandbox, { recheck, cut }, a.since ?? -1);
}

export async function refuse(chains: AdmissionChains, a: Admission, reason: string): Promise<void> {
  const r = admission(a.ctx, {
    layer: a.layer,
    protocol: 'tcp',
    peer: a.peer,
    ...(a.target ? { target: a.target } : {}),
  });
  r.sandbox = a.sandbox;
  r.who = a.who;
  r.unknown = a.unknown;
  r.decision = a.decision;
  await chains.refusal(reason)(r);
}
