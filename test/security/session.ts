// One session for the escape battery: network, gateway (default policy, every allowed name mapped to a
// loopback upstream), counting targets, and a few fenced sandboxes the probes share.
import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { EgressEvent } from '../../src/common/event.js';
import type { GatewayClient, GatewayHandle } from '../../src/gateway/index.js';
import { loadPolicy } from '../../src/policy/index.js';
import type { Policy } from '../../src/policy/types.js';
import { bootstrapImage, DEFAULT_IMAGE } from '../../src/sandbox/image/bootstrap.js';
import { type ExecResult, ensureNetwork, execInSandbox, type SandboxInfo } from '../../src/sandbox/index.js';
import { closeSession, Session } from '../../src/session/index.js';
import { type Counted, type FakeResolver, fakeResolver, hostTarget, upstreamTarget } from './targets.js';

/** Secrets put into the test process's environment: none may appear inside a sandbox. */
export const HOST_SECRETS = {
  GITHUB_TOKEN: 'ghs_battery_secret_never_inside',
  ACTIONS_RUNTIME_TOKEN: 'actions_runtime_secret_never_inside',
} as const;

export interface ProbeOutput extends ExecResult {
  readonly out: string;
}

export interface BatterySession {
  readonly id: string;
  readonly stateDir: string;
  readonly bridgeIp: string;
  readonly policy: Policy;
  readonly gateway: GatewayHandle;
  readonly client: GatewayClient;
  readonly upstream: Counted;
  readonly host: Counted;
  readonly resolver: FakeResolver;
  readonly boxes: Readonly<Record<string, SandboxInfo>>;
  exec(
    box: SandboxInfo,
    command: string,
    options?: { timeoutMs?: number; maxOutputBytes?: number },
  ): Promise<ProbeOutput>;
  events(box: SandboxInfo): Promise<EgressEvent[]>;
  close(): Promise<void>;
}

/** The host node may reach under the default policy (its gemini entry): the identity rows' target. */
export const NODE_HOST = 'generativelanguage.googleapis.com';

/**
 * An allowed wildcard name (`*.cursor.sh`, the cursor-agent entry) whose upstream answer is the loopback
 * upstream: DNS rebinding. That entry's binaries live under /sandbox/.local/share/cursor-agent/, which a
 * sandbox can write, so the probe runs a copy of node from there (REBIND_BINARY).
 */
export const REBIND_NAME = 'rebind-loopback.cursor.sh';
export const REBIND_BINARY = '/sandbox/.local/share/cursor-agent/node';

/** Exact (non-wildcard) hosts of a policy: the names the gateway must map to the loopback upstream. */
export function namedHosts(policy: Policy): string[] {
  const hosts = policy.network_policies.flatMap((p) => p.endpoints.map((e) => e.host ?? ''));
  return [...new Set(hosts.filter((h) => h !== '' && !h.includes('*')))];
}

/**
 * A sandbox that is not like the others: its own image and filesystem policy (the Landlock rows), or fields
 * added to the policy's `process` section (the connect-time identity rows).
 */
export interface SpecialBox {
  readonly image?: string;
  readonly filesystem?: Policy['filesystem_policy'];
  readonly process?: Record<string, unknown>;
}

/** Open the battery's session with sandboxes named `names`, under the default policy (`special` ones differ). */
export async function openBattery(
  names: readonly string[],
  special: Readonly<Record<string, () => Promise<SpecialBox>>> = {},
): Promise<BatterySession> {
  await bootstrapImage();
  Object.assign(process.env, HOST_SECRETS);
  const id = `t-${randomBytes(4).toString('hex')}`;
  const stateDir = await mkdtemp(join(tmpdir(), 'paddock-sec-'));
  const { policy } = await loadPolicy('default');
  // The session's teardown (gateway, sandboxes, network, then the state folder once the gateway is stopped).
  const cleanups: (() => unknown)[] = [() => closeSession({ id, stateDir }, { removeState: true })];
  const close = async () => {
    for (const c of cleanups.reverse()) await Promise.resolve(c()).catch(() => undefined);
  };
  try {
    const network = await ensureNetwork(id);
    const upstream = await upstreamTarget();
    const host = await hostTarget(network.bridgeIp);
    const resolver = await fakeResolver({ [REBIND_NAME]: upstream.host });
    cleanups.push(upstream.close, host.close, resolver.close);
    const session = await Session.open({
      id,
      stateDir,
      exclusive: true,
      gateway: {
        hosts: Object.fromEntries(namedHosts(policy).map((h) => [h, upstream.host])),
        upstreamDns: resolver.address,
      },
    });
    const { gateway, client } = session;
    const made = await Promise.all(
      names.map(async (name) => {
        const own = await special[name]?.();
        const p: Policy = {
          ...policy,
          filesystem_policy: own?.filesystem ?? policy.filesystem_policy,
          process: { ...policy.process, ...own?.process },
        };
        return session.createSandbox({ name, run: name, image: own?.image ?? DEFAULT_IMAGE, policy: p });
      }),
    );
    const boxes = Object.fromEntries(made.map((b) => [b.name, b]));
    return {
      id,
      stateDir,
      bridgeIp: network.bridgeIp,
      policy,
      gateway,
      client,
      upstream,
      host,
      resolver,
      boxes,
      async exec(box, command, options = {}) {
        const chunks: Buffer[] = [];
        let kept = 0;
        const sink = new Writable({
          write(chunk: Buffer, _enc, done) {
            if (kept < 64 * 1024) chunks.push(chunk);
            kept += chunk.length;
            done();
          },
        });
        const r = await execInSandbox(box, {
          command,
          stdout: sink,
          stderr: sink,
          timeoutMs: options.timeoutMs ?? 20_000,
          ...(options.maxOutputBytes ? { maxOutputBytes: options.maxOutputBytes } : {}),
        });
        return { ...r, out: Buffer.concat(chunks).toString() };
      },
      events: (box) => client.events({ sandbox: box.name }),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
