import { Agent } from 'node:http';
import type { Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import type { Admission } from '../admission/chain.js';
import type { OpenUpstream } from '../admission/upstream.js';
import { decideConnection, explained } from '../decision.js';

/**
 * The upstream side of one inspected client connection: an agent (one connection at a time, kept alive)
 * whose first connection is the one admission opened; later ones are opened (resolved and checked again)
 * the same way. Over TLS the upstream's certificate is verified for the host the connection was allowed
 * for, against the system store plus `--upstream-ca`.
 */
export class UpstreamLink {
  readonly agent: Agent;
  #first: Socket | null;

  constructor(a: Admission, open: OpenUpstream, secure: boolean) {
    this.#first = a.upstream;
    const { ctx } = a;
    if (!a.sandbox || !a.target) throw new Error('upstream link without a sandbox and target');
    const sandbox = a.sandbox;
    const target = a.target;
    const wrap = (raw: Socket): Socket => {
      if (!secure) return raw;
      return tlsConnect({
        socket: raw,
        ...(target.host !== null ? { servername: target.host } : {}),
        host: target.host ?? target.ip ?? '',
        ...(ctx.tls ? { secureContext: ctx.tls.upstream } : { ca: [] }),
        ALPNProtocols: ['http/1.1'],
      });
    };
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    agent.createConnection = (_options, done) => {
      const first = this.#first;
      this.#first = null;
      if (first && !first.destroyed) {
        done?.(null, wrap(first));
        return undefined;
      }
      const recheck = (ip: string) => explained(decideConnection(ctx, sandbox, a.who, target, ip), a.unknown);
      open(ctx, target, recheck).then(
        (opened) => {
          if ('deny' in opened) done?.(new Error(opened.deny.reason), undefined as unknown as Socket);
          else done?.(null, wrap(opened.socket));
        },
        (error: Error) => done?.(error, undefined as unknown as Socket),
      );
      return undefined;
    };
    this.agent = agent;
  }

  close(): void {
    this.#first?.destroy();
    this.#first = null;
    this.agent.destroy();
  }
}
