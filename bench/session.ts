// The gateway benchmark's session: one network, the host servers, the bundled gateway, Squid, and the clients.
// - `box`: a fenced sandbox registered with the gateway; its upstreams are servers on 127.0.0.1 reached
//   through the gateway's host-override map (sink.test, echo.test, small.test → 127.0.0.1);
// - `plain`: an unfenced sandbox on the same network (same image, limits, veth and bridge) for the direct
//   path (servers bound on the bridge IP) and for Squid (bound on the bridge IP like the gateway, to 127.0.0.1).
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { GatewayClient } from '../src/gateway/client.js';
import { parsePolicy } from '../src/policy/index.js';
import type { Policy } from '../src/policy/types.js';
import { bootstrapImage, DEFAULT_IMAGE } from '../src/sandbox/image/bootstrap.js';
import { createSandbox, ensureNetwork } from '../src/sandbox/index.js';
import type { SandboxInfo, SandboxLimits } from '../src/sandbox/types.js';
import { closeSession, Session } from '../src/session/index.js';
import { type Daemon, spawnDaemon } from './lib.js';
import { dnsResponder, echo, freePort, type Listening, type Squid, sink, squid } from './servers.js';

export interface BenchSession {
  readonly bridgeIp: string;
  readonly gateway: Daemon;
  readonly client: GatewayClient;
  /** `bridgeIp:port` of the gateway's explicit proxy. */
  readonly proxy: string;
  readonly squid: Squid;
  /** Servers on 127.0.0.1 (L) and on the bridge IP (B). */
  readonly servers: Record<'sinkL' | 'sinkB' | 'smallL' | 'echoL' | 'echoB' | 'dnsB', Listening>;
  readonly box: SandboxInfo;
  readonly plain: SandboxInfo;
  /** One more fenced sandbox, registered with the same policy (limits: e.g. a higher `openFiles`). */
  fenced(name: string, limits?: SandboxLimits): Promise<SandboxInfo>;
  /**
   * The same under the policy plus `process.identity: connect-time` (issue 17); null where this build's
   * policy has no such field.
   */
  readonly connectTime: ((name: string, limits?: SandboxLimits) => Promise<SandboxInfo>) | null;
  close(): Promise<void>;
}

export interface BenchSessionOptions {
  readonly bundle: string;
  /** Temp dir for the gateway state and Squid. */
  readonly dir: string;
  /** Body size of the download sinks. */
  readonly downloadBytes: number;
}

function benchPolicy(ports: { sink: number; echo: number; small: number }, extra: string[] = []): Policy {
  const endpoints = Object.entries(ports).map(([name, port]) => `{ host: ${name}.test, port: ${port} }`);
  return parsePolicy(
    [
      'version: 1',
      'network_policies:',
      '  bench:',
      // *.wild.test: names the flood benchmark spends the DNS name budget on.
      `    endpoints: [${[...endpoints, '{ host: "*.wild.test", port: 443 }'].join(', ')}]`,
      '    binaries: [{ path: /usr/bin/curl }, { path: /usr/bin/node }]',
      ...extra,
      '',
    ].join('\n'),
    '<bench>',
  ).policy;
}

export async function openBenchSession(options: BenchSessionOptions): Promise<BenchSession> {
  await bootstrapImage();
  const session = `bench-${randomBytes(3).toString('hex')}`;
  const { bridgeIp } = await ensureNetwork(session);
  const [sinkL, sinkB, smallL, echoL, echoB, dnsB] = await Promise.all([
    sink('127.0.0.1', options.downloadBytes),
    sink(bridgeIp, options.downloadBytes),
    sink('127.0.0.1', 1024),
    echo('127.0.0.1'),
    echo(bridgeIp),
    dnsResponder(bridgeIp),
  ]);
  const servers = { sinkL, sinkB, smallL, echoL, echoB, dnsB };
  const stateDir = join(options.dir, 'gw');
  const gateway = await spawnDaemon(options.bundle, {
    session,
    stateDir,
    bridgeIp,
    hosts: { 'sink.test': '127.0.0.1', 'echo.test': '127.0.0.1', 'small.test': '127.0.0.1' },
  });
  // The bench spawns its own daemon (to time it and pass node flags); the session engine attaches to it.
  const attached = await Session.attach({ id: session, stateDir });
  if (!attached) throw new Error(`the bench gateway in ${stateDir} does not answer`);
  const { client } = attached;
  const ports = { sink: sinkL.port, echo: echoL.port, small: smallL.port };
  const policy = benchPolicy(ports);
  const fencedWith = (p: Policy) => (name: string, limits?: SandboxLimits) =>
    attached.createSandbox({
      name,
      run: name,
      image: DEFAULT_IMAGE,
      policy: p,
      ...(limits ? { limits } : {}),
    });
  const fenced = fencedWith(policy);
  let strong: Policy | null = null;
  try {
    strong = benchPolicy(ports, ['process:', '  identity: connect-time']);
  } catch {
    // this build's policy has no process.identity: the connect-time rows are left out
  }
  const box = await fenced('gw');
  const plain = await createSandbox({ session, name: 'plain', image: DEFAULT_IMAGE, policy });
  // The session's teardown: also run when squid fails to start, so nothing outlives a failed start.
  const closeAll = async (): Promise<void> => {
    await gateway.stop();
    const report = await closeSession({ id: session, stateDir });
    if (report.problems.length > 0) console.error(`bench cleanup: ${report.problems.join('; ')}`);
    for (const s of Object.values(servers)) s.close();
  };
  const sq = await squid(join(options.dir, 'squid'), bridgeIp, await freePort(bridgeIp)).catch(
    async (error: unknown) => {
      await closeAll();
      throw error;
    },
  );
  return {
    bridgeIp,
    gateway,
    client,
    proxy: `${bridgeIp}:${gateway.handle.ports.proxy}`,
    squid: sq,
    servers,
    box,
    plain,
    fenced,
    connectTime: strong ? fencedWith(strong) : null,
    async close() {
      sq.close();
      await closeAll();
    },
  };
}

/** Remove the temp dir unless asked to keep it (after a failure, for the gateway log). */
export async function cleanup(dir: string, keep: boolean): Promise<void> {
  if (keep) console.error(`gateway log and events kept in ${join(dir, 'gw')}`);
  else await rm(dir, { recursive: true, force: true });
}
