import type { Agent } from 'node:http';
import { type ClientHttp2Session, connect as h2Connect } from 'node:http2';
import type { Socket } from 'node:net';
import { type TLSSocket, connect as tlsConnect } from 'node:tls';
import { http } from '../../common/http.js';
import type { Admission } from '../admission/chain.js';
import type { OpenUpstream } from '../admission/upstream.js';
import { decideConnection, explained } from '../decision.js';

/**
 * The upstream side of one inspected client connection: an HTTP/1.1 agent (one connection at a time, kept
 * alive) and, for an HTTP/2 client, one HTTP/2 session when the upstream offers h2. The first connection is the
 * one admission opened; later ones are opened (resolved and checked again) the same way. Over TLS the
 * upstream's certificate is verified for the host the connection was allowed for, against the system store
 * plus `--upstream-ca`.
 */
export class UpstreamLink {
  readonly agent: Agent;
  #first: Socket | null;
  /** A TLS connection that offered h2 and got http/1.1: the agent's next connection. */
  #secured: TLSSocket | null = null;
  #h2: ClientHttp2Session | null = null;
  /** The upstream answered h2 with http/1.1: it is not asked again. */
  #h1 = false;
  #opening: Promise<ClientHttp2Session | null> | null = null;
  readonly #raw: () => Promise<Socket>;
  readonly #wrap: (raw: Socket, alpn: string[]) => Socket;

  constructor(a: Admission, open: OpenUpstream, secure: boolean) {
    this.#first = a.upstream;
    const { ctx } = a;
    if (!a.sandbox || !a.target) throw new Error('upstream link without a sandbox and target');
    const sandbox = a.sandbox;
    const target = a.target;
    this.#wrap = (raw, alpn) => {
      if (!secure) return raw;
      return tlsConnect({
        socket: raw,
        ...(target.host !== null ? { servername: target.host } : {}),
        host: target.host ?? target.ip ?? '',
        ...(ctx.tls ? { secureContext: ctx.tls.upstream } : { ca: [] }),
        ALPNProtocols: alpn,
      });
    };
    this.#raw = async () => {
      const first = this.#first;
      this.#first = null;
      if (first && !first.destroyed) return first;
      const recheck = (ip: string) => explained(decideConnection(ctx, sandbox, a.who, target, ip), a.unknown);
      const opened = await open(ctx, target, recheck);
      if ('deny' in opened) throw new Error(opened.deny.reason);
      return opened.socket;
    };
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    agent.createConnection = (_options, done) => {
      const secured = this.#secured;
      this.#secured = null;
      if (secured && !secured.destroyed) {
        done?.(null, secured);
        return undefined;
      }
      this.#raw().then(
        (raw) => done?.(null, this.#wrap(raw, ['http/1.1'])),
        (error: Error) => done?.(error, undefined as unknown as Socket),
      );
      return undefined;
    };
    this.agent = agent;
  }

  /**
   * The HTTP/2 session to the upstream, opened on first use with ALPN h2 and http/1.1; null when the upstream
   * chose http/1.1 (that connection then serves the agent). Throws when it cannot be opened.
   */
  h2(): Promise<ClientHttp2Session | null> {
    if (this.#h2 && !this.#h2.closed && !this.#h2.destroyed) return Promise.resolve(this.#h2);
    if (this.#h1) return Promise.resolve(null);
    // Streams that start together share one connection attempt.
    this.#opening ??= this.#openH2().finally(() => {
      this.#opening = null;
    });
    return this.#opening;
  }

  async #openH2(): Promise<ClientHttp2Session | null> {
    const tls = this.#wrap(await this.#raw(), ['h2', 'http/1.1']) as TLSSocket;
    await new Promise<void>((resolve, reject) => {
      tls.once('secureConnect', () => resolve());
      tls.once('error', reject);
    });
    if (tls.alpnProtocol !== 'h2') {
      this.#h1 = true;
      this.#secured = tls;
      return null;
    }
    const session = h2Connect('https://upstream.invalid', { createConnection: () => tls });
    session.on('error', () => session.destroy());
    this.#h2 = session;
    return session;
  }

  close(): void {
    this.#first?.destroy();
    this.#first = null;
    this.#secured?.destroy();
    this.#secured = null;
    this.#h2?.destroy();
    this.#h2 = null;
    this.agent.destroy();
  }
}
