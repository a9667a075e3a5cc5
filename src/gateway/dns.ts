import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { createServer, type Server, type Socket } from 'node:net';
import dnsPacket, { type Packet } from 'dns-packet';
import { errorMessage } from '../common/errors.js';
import { type AdmissionChains, admission, admissionChains } from './admission/index.js';
import type { GatewayContext } from './context.js';

/** Decode one wire message; null for bytes that are not DNS (the chain denies and records them). */
function decode(wire: Buffer): Packet | null {
  try {
    return dnsPacket.decode(wire);
  } catch {
    // Not DNS: answered as a denial by the pipeline (dnsDecideStep), never thrown further.
    return null;
  }
}

const REFUSED = 5;

/**
 * Answer one wire-format query from `ip:port` through the admission chain. A denial is attributed and
 * recorded before the reply (the client socket is still open then); allowed answers take no procfs read.
 * Null: send nothing back (not DNS, or over budget).
 */
async function answer(
  ctx: GatewayContext,
  chains: AdmissionChains,
  wire: Buffer,
  peer: { ip: string; port: number },
  protocol: 'tcp' | 'udp',
): Promise<Buffer | null> {
  const query = decode(wire);
  const a = admission(ctx, { layer: 'dns', protocol, peer, ...(query ? { query } : {}) });
  await chains.dnsQuery(a);
  if (!a.sandbox && query) {
    return dnsPacket.encode({
      type: 'response',
      id: query.id ?? 0,
      flags: REFUSED,
      questions: query.questions ?? [],
    });
  }
  let response = a.response;
  // An allowed answer that could not be recorded, or a gateway error: refuse rather than answer.
  if (query && (!response || (a.decision?.action === 'deny' && (response.flags ?? 0) % 16 === 0))) {
    response = {
      type: 'response',
      id: query.id ?? 0,
      flags: (1 << 15) | REFUSED,
      questions: query.questions ?? [],
    };
  }
  return response ? dnsPacket.encode(response) : null;
}

/**
 * DNS over UDP on the bridge IP. `sandbox`: the socket is that sandbox's own (its fence sends its queries here),
 * so past its query rate a datagram is dropped before any decoding: a flood costs the gateway a map lookup per
 * datagram, not a pipeline run. The first drop of each window still goes through the chain, which records it.
 */
export function dnsUdpServer(
  ctx: GatewayContext,
  chains: AdmissionChains = admissionChains(),
  sandbox?: string,
): UdpSocket {
  const socket = createSocket('udp4');
  socket.on('message', (msg, rinfo) => {
    const budget = sandbox === undefined ? undefined : ctx.sandboxes.get(sandbox)?.budget;
    if (budget?.rateExhausted() && budget.droppedQuietly('query rate')) return;
    answer(ctx, chains, msg, { ip: rinfo.address, port: rinfo.port }, 'udp').then(
      (out) => {
        if (out) socket.send(out, rinfo.port, rinfo.address);
      },
      (e) => ctx.log(`dns/udp: ${errorMessage(e)}`),
    );
  });
  socket.on('error', (e) => ctx.log(`dns/udp: ${errorMessage(e)}`));
  return socket;
}

/** A client that sends more than this many queries before reading answers is paused (TCP back-pressure). */
const MAX_PENDING = 8;
/** Unread answers held for one connection before reading from it pauses. */
const MAX_UNREAD = 16 * 1024;
/** @default 10 s without a byte: the connection is closed. */
const IDLE_MS = 10_000;

/**
 * DNS over TCP (2-byte length prefix per message). Each connection takes one of its sandbox's
 * connection slots. Past the sandbox's query rate the connection is closed (the first over-rate query of a
 * window is recorded); a flood of pipelined queries then costs a map lookup each, not a pipeline run. Its unanswered input counts against the sandbox's buffered-bytes budget (over it,
 * the connection is closed); with MAX_PENDING queries unanswered or MAX_UNREAD bytes of answers unread,
 * reading pauses, so a client that pipelines without reading is slowed by TCP itself. Answers go out in
 * query order.
 */
export function dnsTcpServer(ctx: GatewayContext, chains: AdmissionChains = admissionChains()): Server {
  return createServer({ pauseOnConnect: true }, (socket: Socket) => {
    socket.on('error', () => undefined);
    serve(ctx, chains, socket).catch((error: unknown) => {
      ctx.log(`dns/tcp: ${errorMessage(error)}`);
      socket.destroy();
    });
  });
}

async function serve(ctx: GatewayContext, chains: AdmissionChains, socket: Socket): Promise<void> {
  const peer = { ip: socket.remoteAddress ?? '', port: socket.remotePort ?? 0 };
  const a = admission(ctx, { layer: 'dns', protocol: 'tcp', peer, client: socket });
  await chains.dnsConnection(a);
  const budget = a.sandbox?.budget;
  if (a.decision?.action === 'deny' || !budget) {
    socket.resetAndDestroy();
    return;
  }
  let held = 0;
  const hold = (n: number): boolean => {
    if (!budget.take('bufferedBytes', n)) return false;
    held += n;
    return true;
  };
  socket.once('close', () => budget.give('bufferedBytes', held));
  let buffered: Buffer = Buffer.alloc(0);
  let pending = 0;
  let queue = Promise.resolve();
  const flow = () => {
    if (socket.destroyed) return;
    if (pending >= MAX_PENDING || socket.writableLength > MAX_UNREAD) socket.pause();
    else socket.resume();
  };
  socket.setTimeout(IDLE_MS, () => socket.destroy());
  socket.on('drain', flow);
  socket.on('data', (chunk: Buffer) => {
    if (!hold(chunk.length)) {
      ctx.log(
        `dns/tcp: sandbox ${a.sandbox?.name} over its buffered-bytes budget; closing ${peer.ip}:${peer.port}`,
      );
      socket.destroy();
      return;
    }
    buffered = buffered.length === 0 ? chunk : Buffer.concat([buffered, chunk]);
    while (buffered.length >= 2) {
      const len = buffered.readUInt16BE(0);
      if (buffered.length < 2 + len) break;
      const msg = buffered.subarray(2, 2 + len);
      buffered = buffered.subarray(2 + len);
      pending++;
      queue = queue
        .then(async () => {
          // Closed (over budget, or by the client): the queries still queued take no work. Past the
          // sandbox's query rate the connection is closed before any work, as a UDP datagram is dropped;
          // the first of each window still goes through the chain, which records it.
          const closed = socket.destroyed || (budget.rateExhausted() && budget.droppedQuietly('query rate'));
          const out = closed ? null : await answer(ctx, chains, msg, peer, 'tcp');
          pending--;
          budget.give('bufferedBytes', 2 + len);
          held -= 2 + len;
          if (!out) return void socket.destroy();
          const frame = Buffer.alloc(2 + out.length);
          frame.writeUInt16BE(out.length, 0);
          out.copy(frame, 2);
          socket.write(frame);
          flow();
        })
        .catch((error: unknown) => {
          // An answer that cannot be encoded ends this connection (it was recorded by the chain).
          ctx.log(`dns/tcp: ${errorMessage(error)}`);
          socket.destroy();
        });
    }
    flow();
  });
  socket.resume();
}
