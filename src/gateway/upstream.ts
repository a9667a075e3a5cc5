import { createSocket } from 'node:dgram';
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import dnsPacket from 'dns-packet';

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

/** `ADDR[:PORT]` → [addr, port]; port 53 by default. */
export function parseDnsAddress(text: string): [string, number] {
  const m = /^(\d{1,3}(?:\.\d{1,3}){3})(?::(\d{1,5}))?$/.exec(text.trim());
  const port = Number(m?.[2] ?? 53);
  if (!m?.[1] || isIP(m[1]) !== 4 || port < 1 || port > 65535) {
    throw new TypeError(
      `Expected \`upstreamDns\` to be ADDR[:PORT] with an IPv4 address, got ${JSON.stringify(text)}`,
    );
  }
  return [m[1], port];
}

/** Resolves the real name of an allowed destination, only when the connection has been allowed. */
export class Upstream {
  readonly #hosts: Map<string, string>;
  readonly #dns: [string, number] | null;
  readonly #timeoutMs: number;

  constructor(options: UpstreamOptions = {}) {
    this.#hosts = new Map(Object.entries(options.hosts ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
    this.#dns = options.upstreamDns ? parseDnsAddress(options.upstreamDns) : null;
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

  #query(name: string, [addr, port]: [string, number]): Promise<string> {
    return new Promise((resolve, reject) => {
      const socket = createSocket('udp4');
      const id = Math.floor(Math.random() * 65535);
      const timer = setTimeout(
        () => finish(new Error(`upstream DNS ${addr}:${port} timed out for ${name}`)),
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
