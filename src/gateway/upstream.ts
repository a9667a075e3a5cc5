import { createSocket } from 'node:dgram';
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import dnsPacket from 'dns-packet';
import { formatHostPort, type HostPort, parseHostPort } from '../common/address.js';

export interface UpstreamOptions {
  /** Name → IP overrides (`--add-host`, the spec's `gateway.hosts`). Trusted as given. */
  readonly hosts?: Readonly<Record<string, string>>;
  /** `ADDR[:PORT]` of the resolver for allowed names. @default the host's resolver */
  readonly upstreamDns?: string;
  /** @default 3000 */
  readonly timeoutMs?: number;
}

export interface Resolved {
  readonly ip: string;
  /** `hosts`: from the override map (trusted even when private). */
  readonly source: 'hosts' | 'literal' | 'dns';
}

/** Resolves the real name of an allowed destination, only when the connection has been allowed. */
export class Upstream {
  readonly #hosts: Map<string, string>;
  readonly #dns: HostPort | null;
  readonly #timeoutMs: number;

  constructor(options: UpstreamOptions = {}) {
    this.#hosts = new Map(Object.entries(options.hosts ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
    this.#dns = options.upstreamDns ? parseHostPort(options.upstreamDns, 53) : null;
    this.#timeoutMs = options.timeoutMs ?? 3000;
  }

  async resolve(host: string): Promise<Resolved> {
    const name = host.toLowerCase().replace(/\.$/, '');
    const override = this.#hosts.get(name);
    if (override) return { ip: override, source: 'hosts' };
    if (isIP(name)) return { ip: name, source: 'literal' };
    if (this.#dns) return { ip: await this.#query(name, this.#dns), source: 'dns' };
    const { address } = await lookup(name, { family: 4 });
    return { ip: address, source: 'dns' };
  }

  #query(name: string, { host: addr, port, family }: HostPort): Promise<string> {
    return new Promise((resolve, reject) => {
      const socket = createSocket(family === 6 ? 'udp6' : 'udp4');
      const id = Math.floor(Math.random() * 65535);
      const timer = setTimeout(
        () => finish(new Error(`upstream DNS ${formatHostPort({ host: addr, port })} timed out for ${name}`)),
        this.#timeoutMs,
      );
      const finish = (error: Error | null, ip?: string) => {
        clearTimeout(timer);
        socket.close();
        if (error) reject(error);
        else resolve(ip ?? '');
      };
      socket.on('error', (e) => finish(e));
      socket.on('message', (msg) => {
        try {
          const reply = dnsPacket.decode(msg);
          if (reply.id !== id) return;
          const a = reply.answers?.find((r) => r.type === 'A') as { data?: unknown } | undefined;
          if (a && typeof a.data === 'string') finish(null, a.data);
          else finish(new Error(`upstream DNS has no A record for ${name}`));
        } catch (e) {
          finish(e as Error);
        }
      });
      const query = dnsPacket.encode({
        type: 'query',
        id,
        flags: dnsPacket.RECURSION_DESIRED,
        questions: [{ type: 'A', name }],
      });
      socket.send(query, port, addr);
    });
  }
}
