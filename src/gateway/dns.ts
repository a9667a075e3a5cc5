import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { createServer, type Server, type Socket } from 'node:net';
import dnsPacket from 'dns-packet';
import { errorMessage } from '../common/errors.js';
import { type GatewayContext, record, type SandboxEntry, sandboxByIp } from './context.js';
import { answerQuery } from './dns-answer.js';
import { locate } from './locate.js';
import { OncePer } from './once-per.js';

/**
 * Answer one wire-format query from `ip:port`. A denial is attributed and recorded before the reply
 * (the client socket is still open then); allowed answers take no procfs read.
 */
async function answer(
  ctx: GatewayContext,
  wire: Buffer,
  ip: string,
  port: number,
  protocol: 'tcp' | 'udp',
): Promise<Buffer | null> {
  let query: dnsPacket.DecodedPacket;
  try {
    query = dnsPacket.decode(wire);
  } catch {
    return null;
  }
  const sandbox = sandboxByIp(ctx, ip);
  if (!sandbox) {
    return dnsPacket.encode({
      type: 'response',
      id: query.id ?? 0,
      flags: 5,
      questions: query.questions ?? [],
    });
  }
  const verdict = answerQuery(query, {
    nameAllowed: (host) => ctx.rules.nameAllowed(sandbox.policy, host),
    addressFor: (host) => sandbox.pool.addressFor(host),
  });
  if (verdict.event && firstInWindow(sandbox, verdict.host ?? '')) {
    await logDenial(ctx, sandbox, verdict.host, port, protocol, verdict.event.reason);
  }
  return dnsPacket.encode(verdict.response);
}

/** One lookup asks for A and AAAA at once: a denied name is logged once per sandbox within this window. */
const DEDUPE_MS = 1000;
const recent = new WeakMap<SandboxEntry, OncePer>();

export function firstInWindow(sandbox: SandboxEntry, host: string, now = Date.now()): boolean {
  let gate = recent.get(sandbox);
  if (!gate) {
    gate = new OncePer(DEDUPE_MS);
    recent.set(sandbox, gate);
  }
  return gate.first(host, now);
}

async function logDenial(
  ctx: GatewayContext,
  sandbox: SandboxEntry,
  host: string | null,
  port: number,
  protocol: 'tcp' | 'udp',
  reason: string,
): Promise<void> {
  const { who } = await locate(ctx, sandbox, protocol, port).catch(() => ({ who: null }));
  record(ctx, sandbox, who, { action: 'deny', layer: 'dns', protocol, host, port: 53, reason });
}

/** DNS over UDP on the bridge IP. */
export function dnsUdpServer(ctx: GatewayContext): UdpSocket {
  const socket = createSocket('udp4');
  socket.on('message', (msg, rinfo) => {
    answer(ctx, msg, rinfo.address, rinfo.port, 'udp').then(
      (out) => {
        if (out) socket.send(out, rinfo.port, rinfo.address);
      },
      (e) => ctx.log(`dns/udp: ${errorMessage(e)}`),
    );
  });
  socket.on('error', (e) => ctx.log(`dns/udp: ${errorMessage(e)}`));
  return socket;
}

/** DNS over TCP (2-byte length prefix per message). */
export function dnsTcpServer(ctx: GatewayContext): Server {
  return createServer((socket: Socket) => {
    let buffered = Buffer.alloc(0);
    let queue = Promise.resolve();
    socket.setTimeout(10_000, () => socket.destroy());
    socket.on('error', () => undefined);
    socket.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      while (buffered.length >= 2) {
        const len = buffered.readUInt16BE(0);
        if (buffered.length < 2 + len) break;
        const msg = buffered.subarray(2, 2 + len);
        buffered = buffered.subarray(2 + len);
        // Answers go out in query order.
        queue = queue.then(async () => {
          const out = await answer(ctx, msg, socket.remoteAddress ?? '', socket.remotePort ?? 0, 'tcp');
          if (!out) return void socket.destroy();
          const frame = Buffer.alloc(2 + out.length);
          frame.writeUInt16BE(out.length, 0);
          out.copy(frame, 2);
          socket.write(frame);
        });
      }
    });
  });
}
