// Targets the escape battery aims at: each counts what reaches it, so "reached nothing" is checked, not assumed.
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { createServer, type Server } from 'node:net';
import dnsPacket from 'dns-packet';

/**
 * A TCP listener that counts connections whose bytes reached it and answers those with `hello from <name>` over
 * HTTP. Counted at the first bytes, not at the connection: the gateway opens an allowed transparent connection's
 * upstream before it has judged the client's first bytes (the server may speak first), and a connection it then
 * refuses (domain fronting) carried nothing there; answered at the first bytes too, so a client is greeted only
 * when what it sent got through.
 */
export interface Counted {
  readonly port: number;
  readonly host: string;
  hits: number;
  close(): void;
}

function tcpTarget(name: string, host: string, port: number): Promise<Counted> {
  const server: Server = createServer((socket) => {
    socket.on('error', () => undefined);
    socket.once('data', () => {
      target.hits++;
      socket.end(`HTTP/1.1 200 OK\r\ncontent-length: ${name.length + 12}\r\n\r\nhello from ${name}\n`);
    });
  });
  const target = {
    port,
    host,
    hits: 0,
    close: () => server.close(),
  } as Counted & { port: number };
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      target.port = (server.address() as { port: number }).port;
      resolve(target);
    });
  });
}

/**
 * The upstream every allowed name of the default policy is mapped to (gateway host overrides). It listens
 * on port 443 (the policy's port) of 127.0.0.1, or of another loopback address when that port is taken.
 */
export async function upstreamTarget(): Promise<Counted> {
  try {
    return await tcpTarget('upstream', '127.0.0.1', 443);
  } catch {
    const b = () => 2 + Math.floor(Math.random() * 250);
    return tcpTarget('upstream', `127.${b()}.${b()}.${b()}`, 443);
  }
}

/** The host's "other ports": a TCP server on the bridge IP and a UDP socket on the same port number. */
export async function hostTarget(bridgeIp: string): Promise<Counted> {
  const tcp = await tcpTarget('host', bridgeIp, 0);
  const udp = createSocket('udp4');
  udp.on('message', () => tcp.hits++);
  udp.on('error', () => undefined);
  await new Promise<void>((r) => udp.bind(tcp.port, bridgeIp, () => r()));
  const close = tcp.close;
  return Object.assign(tcp, {
    close: () => {
      close();
      udp.close();
    },
  });
}

/**
 * A fake upstream resolver on 127.0.0.1 (UDP and TCP, same port): records every query, answers none, except
 * the names in `answers` (DNS rebinding: an allowed name resolving to a private address), whose queries are
 * counted in `answered` instead.
 */
export interface FakeResolver {
  readonly address: string;
  readonly queries: string[];
  readonly answered: string[];
  close(): void;
}

export async function fakeResolver(answers: Readonly<Record<string, string>> = {}): Promise<FakeResolver> {
  const queries: string[] = [];
  const answered: string[] = [];
  const udp: UdpSocket = createSocket('udp4');
  udp.on('message', (msg, from) => {
    let question: { name: string; type: string } | undefined;
    try {
      question = dnsPacket.decode(msg).questions?.[0] as { name: string; type: string } | undefined;
    } catch {
      // not DNS: recorded below
    }
    const ip = question && question.type === 'A' ? answers[question.name.toLowerCase()] : undefined;
    if (!question || ip === undefined) {
      queries.push(`udp:${msg.toString('latin1')}`);
      return;
    }
    answered.push(question.name);
    const reply = dnsPacket.encode({
      type: 'response',
      id: dnsPacket.decode(msg).id ?? 0,
      flags: dnsPacket.RECURSION_DESIRED | dnsPacket.RECURSION_AVAILABLE,
      questions: [{ type: 'A', name: question.name }],
      answers: [{ type: 'A', name: question.name, ttl: 5, data: ip }],
    });
    udp.send(reply, from.port, from.address);
  });
  await new Promise<void>((r) => udp.bind(0, '127.0.0.1', () => r()));
  const port = udp.address().port;
  const tcp = createServer((socket) => {
    socket.on('error', () => undefined);
    socket.on('data', (d) => queries.push(`tcp:${d.toString('latin1')}`));
  });
  await new Promise<void>((resolve) => {
    // Best effort on TCP: the UDP port's TCP twin is almost always free.
    tcp.once('error', () => resolve());
    tcp.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    address: `127.0.0.1:${port}`,
    queries,
    answered,
    close: () => {
      udp.close();
      tcp.close();
    },
  };
}
