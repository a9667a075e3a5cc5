import type { Socket as UdpSocket } from 'node:dgram';
import { mkdir, rm } from 'node:fs/promises';
import type { Server } from 'node:net';
import { errorMessage, PaddockError } from '../common/errors.js';
import { chownToInvoker } from '../common/files.js';
import { nativeBinary } from '../sandbox/init.js';
import { type AdmissionChains, admissionChains } from './admission/index.js';
import { Attribution } from './attribution.js';
import { forget, type GatewayContext, type Rules } from './context.js';
import { controlServer } from './control.js';
import { dnsTcpServer, dnsUdpServer } from './dns.js';
import { EventLog } from './events.js';
import { type GatewayPorts, TRANSPARENT_PORTS } from './fence.js';
import type { InspectTimeouts } from './http/serve.js';
import { icmpWatch } from './icmp.js';
import { IdentityHelper } from './identity/helper.js';
import { writeLog } from './log.js';
import { overServer } from './over.js';
import { proxyServer } from './proxy.js';
import { privateSocketHashes } from './socket-hash.js';
import type { GatewayOptions } from './start.js';
import { statePaths, trustFiles } from './state.js';
import { optimiseSooner } from './tiering.js';
import { setUpTls } from './tls/settings.js';
import { transparentServer } from './transparent.js';
import { udpCatchAll } from './udp.js';
import { Upstream } from './upstream.js';

/** What the daemon runs with: the start options (every listener binds to `bridgeIp`) plus the policy rules. */
export interface RunGatewayOptions
  extends Omit<GatewayOptions, 'timeoutMs' | 'signal' | 'bridgeIp' | 'onStarting'> {
  readonly bridgeIp: string;
  readonly rules: Rules;
  readonly log?: (line: string) => void;
  /** @default INSPECT_TIMEOUTS (tests shorten them) */
  readonly inspectTimeouts?: InspectTimeouts;
  /**
   * The caller (daemon.ts) already gave new network namespaces socket hashes of their own: this puts them back
   * at close. @default done here, once every listener is up
   */
  readonly sharedHashesBack?: () => void;
}

export interface RunningGateway {
  readonly ports: GatewayPorts;
  readonly socketPath: string;
  readonly eventsPath: string;
  /** The shared state of the listeners (benchmarks and tests add unfenced sandboxes here). */
  readonly context: GatewayContext;
  /** The session CA certificate and the bundle sandboxes trust. */
  readonly trust: { readonly ca: string; readonly bundle: string };
  close(): Promise<void>;
}

function listenTcp(server: Server, host: string, port = 0): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host, port, exclusive: true }, () => {
      server.removeListener('error', reject);
      const addr = server.address();
      resolve(typeof addr === 'object' && addr ? addr.port : 0);
    });
  });
}

function bindUdp(socket: UdpSocket, host: string, port = 0): Promise<number> {
  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.bind({ address: host, port, exclusive: true }, () => {
      socket.removeListener('error', reject);
      resolve(socket.address().port);
    });
  });
}

/** DNS needs UDP and TCP on one port number: take a free UDP port, then the same TCP port (a few tries). */
async function bindDns(
  ctx: GatewayContext,
  chains: AdmissionChains,
  host: string,
): Promise<{ udp: UdpSocket; tcp: Server; port: number }> {
  for (let attempt = 0; attempt < 8; attempt++) {
    const udp = dnsUdpServer(ctx, chains);
    const tcp = dnsTcpServer(ctx, chains);
    const port = await bindUdp(udp, host);
    try {
      await listenTcp(tcp, host, port);
      return { udp, tcp, port };
    } catch {
      // That TCP port is taken: try another pair; after the last try bindDns throws GATEWAY_FAILED.
      udp.close();
    }
  }
  throw new PaddockError('GATEWAY_FAILED', `no port free for DNS on ${host} (UDP and TCP)`);
}

/**
 * The transparent listener's TRANSPARENT_PORTS consecutive ports (the fence DNATs to the range): the
 * first from the kernel, the rest after it; a taken one starts over (a few tries).
 */
async function bindTransparent(
  ctx: GatewayContext,
  chains: AdmissionChains,
  host: string,
): Promise<{ servers: Server[]; port: number }> {
  for (let attempt = 0; attempt < 16; attempt++) {
    const servers: Server[] = [transparentServer(ctx, chains)];
    const first = await listenTcp(servers[0] as Server, host);
    if (first > 65536 - TRANSPARENT_PORTS) {
      servers[0]?.close();
      continue;
    }
    const rest = await Promise.all(
      Array.from({ length: TRANSPARENT_PORTS - 1 }, async (_, i) => {
        const server = transparentServer(ctx, chains);
        servers.push(server);
        return listenTcp(server, host, first + 1 + i).then(
          () => true,
          () => false,
        );
      }),
    );
    if (rest.every(Boolean)) return { servers, port: first };
    for (const server of servers) server.close();
  }
  throw new PaddockError('GATEWAY_FAILED', `no ${TRANSPARENT_PORTS} consecutive TCP ports free on ${host}`);
}

/** Start every listener of the gateway in this process. Root is needed unless proxyOnly. */
export async function runGateway(options: RunGatewayOptions): Promise<RunningGateway> {
  const log = options.log ?? writeLog;
  if (!options.proxyOnly && process.getuid?.() !== 0) {
    throw new PaddockError(
      'PRIVILEGE_REQUIRED',
      'the gateway needs root to fence sandboxes and attribute connections; run it as root or through `sudo -n`',
    );
  }
  await mkdir(options.stateDir, { recursive: true });
  const { socket: socketPath, events: eventsPath } = statePaths(options.stateDir);
  const trust = trustFiles(options.stateDir);
  const tls = await setUpTls(options.session, trust, options.upstreamCa ?? []);
  const events = new EventLog({ path: eventsPath, log });
  await events.open();
  const ctx: GatewayContext = {
    session: options.session,
    bridgeIp: options.bridgeIp,
    rules: options.rules,
    events,
    attribution: options.proxyOnly ? null : new Attribution(),
    ...(options.proxyOnly
      ? {}
      : { identity: new IdentityHelper({ binary: () => nativeBinary('paddock-identd'), log }) }),
    upstream: new Upstream({ hosts: options.hosts, upstreamDns: options.upstreamDns }),
    tls,
    ...(options.inspectTimeouts ? { inspectTimeouts: options.inspectTimeouts } : {}),
    audit: options.audit ?? false,
    sandboxes: new Map(),
    gone: new Map(),
    log,
  };
  const chains = admissionChains();
  const proxy = proxyServer(ctx, chains);
  const udp = udpCatchAll(ctx, chains);
  const icmp = options.proxyOnly ? null : icmpWatch(ctx, chains);
  const over = overServer(ctx, chains);
  let ports: GatewayPorts;
  let dns: Awaited<ReturnType<typeof bindDns>>;
  let transparent: Server[];
  try {
    const [p, t, u, d, o] = await Promise.all([
      listenTcp(proxy, options.bridgeIp),
      bindTransparent(ctx, chains, options.bridgeIp),
      bindUdp(udp, options.bridgeIp),
      bindDns(ctx, chains, options.bridgeIp),
      listenTcp(over, options.bridgeIp),
    ]);
    dns = d;
    transparent = t.servers;
    // A sandbox's first connection: from then on V8 optimises the connection path sooner (tiering.ts).
    for (const server of [proxy, ...transparent, over]) server.once('connection', optimiseSooner);
    ports = { proxy: p, transparent: t.port, udp: u, dns: d.port, over: o };
  } catch (error) {
    throw new PaddockError('GATEWAY_FAILED', `cannot listen on ${options.bridgeIp}: ${errorMessage(error)}`, {
      cause: error,
    });
  }
  const control = controlServer({
    ctx,
    ports,
    proxyOnly: options.proxyOnly ?? false,
    // Each fenced sandbox's DNS over UDP gets a socket of its own: a flood fills only its own receive queue.
    openDnsUdp: async (name) => {
      const socket = dnsUdpServer(ctx, chains, name);
      const port = await bindUdp(socket, options.bridgeIp);
      return { port, close: () => socket.close() };
    },
  });
  await rm(socketPath, { force: true });
  await new Promise<void>((resolve, reject) => {
    control.once('error', reject);
    control.listen(socketPath, () => resolve());
  });
  await chownToInvoker(socketPath);
  if (options.proxyOnly)
    log(
      'WARNING: proxy-only mode: no fence, no attribution, no per-binary rules; only HTTP(S)_PROXY clients are governed',
    );
  // Sandboxes made while the gateway runs get socket hashes of their own: /proc attribution reads only theirs.
  const sharedHashesBack =
    options.sharedHashesBack ?? (options.proxyOnly ? () => undefined : privateSocketHashes(log));
  log(`gateway for session ${options.session} on ${options.bridgeIp}: ${JSON.stringify(ports)}`);
  return {
    ports,
    socketPath,
    eventsPath,
    context: ctx,
    trust,
    async close() {
      for (const s of [proxy, ...transparent, dns.tcp, over, control]) s.close();
      for (const s of [dns.udp, udp]) s.close();
      icmp?.close();
      for (const name of [...ctx.sandboxes.keys()]) forget(ctx, name);
      ctx.identity?.close();
      sharedHashesBack();
      await events.close();
      await rm(socketPath, { force: true });
    },
  };
}
