// A session for gateway integration tests: network, gateway daemon, loopback upstreams, fenced sandboxes.
import assert from 'node:assert/strict';
import { createSocket } from 'node:dgram';
import { mkdtemp } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { GatewayClient, GatewayHandle } from '../../src/gateway/index.js';
import { parsePolicy } from '../../src/policy/index.js';
import type { Policy } from '../../src/policy/types.js';
import { DEFAULT_IMAGE } from '../../src/sandbox/image/bootstrap.js';
import { ensureNetwork, execInSandbox } from '../../src/sandbox/index.js';
import type { SandboxInfo } from '../../src/sandbox/types.js';
import { type CredentialRequest, Session } from '../../src/session/index.js';

// A tiny DNS client (python3 in the image): prints the rcode and answers.
export const pyDns = (
  name: string,
  server: string,
  type: number,
  tcp: boolean,
  port = 53,
) => `python3 - <<'EOF'
import socket, struct
q = struct.pack('>HHHHHH', 0x1234, 0x0100, 1, 0, 0, 0) + b''.join(bytes([len(p)]) + p.encode() for p in '${name}'.split('.')) + b'\\0' + struct.pack('>HH', ${type}, 1)
if ${tcp ? 'True' : 'False'}:
    s = socket.create_connection(('${server}', ${port}), timeout=3); s.sendall(struct.pack('>H', len(q)) + q); r = s.recv(2048)[2:]
else:
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.settimeout(3); s.sendto(q, ('${server}', ${port})); r = s.recv(2048)
print('rcode', r[3] & 15, 'answers', struct.unpack('>H', r[6:8])[0])
EOF`;

export function policyOf(yaml: string): Policy {
  return parsePolicy(yaml, '<test>').policy;
}

function listen(server: Server, host: string): Promise<number> {
  return new Promise((resolve) =>
    server.listen(0, host, () => resolve((server.address() as AddressInfo).port)),
  );
}

export interface GatewaySession {
  readonly session: string;
  readonly stateDir: string;
  readonly bridgeIp: string;
  readonly gateway: GatewayHandle;
  readonly client: GatewayClient;
  /** 127.0.0.1 test server: answers `hello from upstream`. */
  readonly upstreamPort: number;
  /** A server on the bridge IP (the host's other ports); counts connections. */
  readonly hostPort: number;
  hostHits: number;
  /** Queries the fake upstream DNS on 127.0.0.1 received. */
  readonly upstreamDnsQueries: string[];
  /** A fenced sandbox of `image` (default: the base image). */
  sandbox(
    name: string,
    policy: Policy,
    image?: string,
    credentials?: readonly CredentialRequest[],
  ): Promise<SandboxInfo>;
  exec(
    info: SandboxInfo,
    command: string | string[],
    timeoutMs?: number,
  ): Promise<{ code: number | null; out: string }>;
  close(): Promise<void>;
}

export interface GatewaySessionOptions {
  /** CA files upstream TLS servers may chain to (`--upstream-ca`). @default [] */
  readonly upstreamCa?: readonly string[];
}

export async function openGatewaySession(
  hosts: string[],
  options: GatewaySessionOptions = {},
): Promise<GatewaySession> {
  const session = `t-gw${Math.random().toString(36).slice(2, 8)}`;
  const stateDir = await mkdtemp(join(tmpdir(), 'paddock-gw-'));
  const network = await ensureNetwork(session);
  const upstream = createServer((_req, res) => res.end('hello from upstream\n'));
  const upstreamPort = await listen(upstream, '127.0.0.1');
  const self = { hostHits: 0 } as { hostHits: number };
  const host = createServer((_req, res) => {
    self.hostHits++;
    res.end('host service\n');
  });
  const hostPort = await listen(host, network.bridgeIp);
  const upstreamDnsQueries: string[] = [];
  const dns = createSocket('udp4');
  dns.on('message', (msg) => upstreamDnsQueries.push(msg.toString('latin1')));
  await new Promise<void>((r) => dns.bind(0, '127.0.0.1', () => r()));
  const opened = await Session.open({
    id: session,
    stateDir,
    exclusive: true,
    gateway: {
      hosts: Object.fromEntries(hosts.map((h) => [h, '127.0.0.1'])),
      upstreamDns: `127.0.0.1:${dns.address().port}`,
      ...(options.upstreamCa ? { upstreamCa: options.upstreamCa } : {}),
    },
  });
  const { client } = opened;
  return Object.assign(self, {
    session,
    stateDir,
    bridgeIp: network.bridgeIp,
    gateway: opened.gateway,
    client,
    upstreamPort,
    hostPort,
    upstreamDnsQueries,
    sandbox: (
      name: string,
      policy: Policy,
      image = DEFAULT_IMAGE,
      credentials: readonly CredentialRequest[] = [],
    ) => opened.createSandbox({ name, run: name, image, policy, credentials }),
    async exec(info: SandboxInfo, command: string | string[], timeoutMs = 20_000) {
      const chunks: Buffer[] = [];
      const sink = new Writable({
        write(chunk, _enc, cb) {
          chunks.push(chunk as Buffer);
          cb();
        },
      });
      const r = await execInSandbox(info, { command, stdout: sink, stderr: sink, timeoutMs });
      return { code: r.exitCode, out: Buffer.concat(chunks).toString() };
    },
    async close() {
      const report = await opened.close();
      upstream.close();
      host.close();
      dns.close();
      assert.deepEqual(report.problems, [], 'the session closes cleanly');
    },
  });
}
