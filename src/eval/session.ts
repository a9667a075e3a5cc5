import { rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { GatewayClient, startGateway, stopGateway } from '../gateway/index.js';
import { loadPolicy, parsePolicy, resolveExtends } from '../policy/index.js';
import { bootstrapImage, DEFAULT_IMAGE } from '../sandbox/image/bootstrap.js';
import {
  copyIn,
  copyOut,
  createSandbox,
  deleteSandbox,
  ensureImage,
  ensureNetwork,
  execInSandbox,
  getSandbox,
  imageDigest,
  prune,
  type SandboxInfo,
} from '../sandbox/index.js';
import type { Drivers, EvalSession, RunSandbox, SessionOptions } from './drivers.js';
import { fenceHook } from './fence-hook.js';

/**
 * The one place that wires a sandbox to the gateway: a session is the network plus the gateway;
 * each sandbox is registered (fenced) before user code runs, and unregistered before it is deleted.
 */
export async function openSession(options: SessionOptions): Promise<EvalSession> {
  const { id, stateDir } = options;
  const network = await ensureNetwork(id);
  let gateway: Awaited<ReturnType<typeof startGateway>>;
  try {
    gateway = await startGateway({
      session: id,
      stateDir,
      bridgeIp: network.bridgeIp,
      hosts: { ...options.hosts },
      ...(options.upstreamDns ? { upstreamDns: options.upstreamDns } : {}),
      audit: options.audit ?? false,
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (error) {
    await prune({ session: id }).catch(() => undefined);
    throw error;
  }
  const client = new GatewayClient(gateway.socketPath);
  const enforcement =
    (gateway as { enforcement?: string }).enforcement === 'proxy-only' ? 'proxy-only' : 'enforce';
  return {
    id,
    eventsPath: gateway.eventsPath,
    enforcement,
    async createSandbox(request) {
      try {
        const info = await createSandbox(
          {
            session: id,
            name: request.name,
            run: request.run,
            image: request.image,
            policy: request.policy,
            env: request.env,
            proxy: { url: gateway.proxyUrl, noProxy: gateway.noProxy },
            ...(request.signal ? { signal: request.signal } : {}),
          },
          { beforeUserCode: fenceHook(client, request.policy) },
        );
        return runSandbox(info, client);
      } catch (error) {
        await client.unregister(request.name).catch(() => undefined);
        await deleteSandbox(id, request.name).catch(() => undefined);
        throw error;
      }
    },
    async close() {
      const stopped = await stopGateway(stateDir).catch(() => false);
      await prune({ session: id }).catch(() => undefined);
      // Keep the gateway's log when it did not stop cleanly: it is what explains the failure.
      if (stopped) await rm(stateDir, { recursive: true, force: true }).catch(() => undefined);
    },
  };
}

function runSandbox(info: SandboxInfo, client: GatewayClient): RunSandbox {
  return {
    name: info.name,
    copyIn: async (files) => {
      if (files.length > 0) await copyIn(info, files);
    },
    exec: (request) =>
      execInSandbox(info, {
        command: request.command,
        timeoutMs: request.timeoutMs,
        stdout: request.stdout,
        stderr: request.stderr,
        maxOutputBytes: request.maxOutputBytes,
        ...(request.signal ? { signal: request.signal } : {}),
      }),
    copyOut: (globs, destDir) => copyOut(info, [...globs], destDir),
    health: async () => {
      // Without its gateway a sandbox reaches nothing (fail closed): that is an infrastructure error.
      if (
        !(await client.health().then(
          () => true,
          () => false,
        ))
      )
        return 'the gateway stopped';
      return getSandbox(info.session, info.name).then(
        (s) =>
          s.state === 'running'
            ? undefined
            : s.state === 'removing'
              ? 'the sandbox was removed'
              : `the sandbox stopped (${s.state})`,
        () => 'the sandbox was removed',
      );
    },
    events: () => client.events({ sandbox: info.name }),
    delete: async () => {
      await client.unregister(info.name).catch(() => undefined);
      await deleteSandbox(info.session, info.name).catch(() => undefined);
    },
  };
}

export const realDrivers: Drivers = {
  openSession,
  async prepareImage(ref, signal) {
    if (ref === DEFAULT_IMAGE) await bootstrapImage();
    else await ensureImage(ref, signal);
    return { digest: await imageDigest(ref).catch(() => null) };
  },
  async loadPolicy(ref, where) {
    const baseDir = dirname(where.specFile);
    if (ref.kind === 'ref') return loadPolicy(ref.ref, { baseDir });
    return resolveExtends(parsePolicy(where.specText, where.specFile, { at: ['policy'] }), { baseDir });
  },
};
