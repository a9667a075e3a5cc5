import { createRequire as __paddockRequire } from 'node:module'; import { dirname as __paddockDirname } from 'node:path'; import { fileURLToPath as __paddockPath } from 'node:url'; const require = __paddockRequire(import.meta.url); const __filename = __paddockPath(import.meta.url); const __dirname = __paddockDirname(__filename);
import {
  fenceHook
} from "./chunk-N2DMCACV.js";
import {
  DEFAULT_IMAGE,
  bootstrapImage
} from "./chunk-STHL3RIF.js";
import "./chunk-M6RKYGDO.js";
import "./chunk-SLOUIFEV.js";
import "./chunk-LULFB5K4.js";
import {
  GatewayClient,
  stopGateway
} from "./chunk-QFBSLZIS.js";
import {
  startGateway
} from "./chunk-WYYN5YIU.js";
import {
  copyIn,
  copyOut,
  createSandbox,
  deleteSandbox,
  ensureImage,
  execInSandbox,
  getSandbox,
  imageDigest
} from "./chunk-BCWXPYNO.js";
import {
  ensureNetwork,
  prune
} from "./chunk-PFZ7AY7B.js";
import "./chunk-M5XM77EN.js";
import "./chunk-HMOPORX4.js";
import {
  loadPolicy,
  parsePolicy,
  resolveExtends
} from "./chunk-YER4BX4J.js";
import "./chunk-5HXBOZL7.js";

// src/eval/session.ts
import { rm } from "node:fs/promises";
import { dirname } from "node:path";
async function openSession(options) {
  const { id, stateDir } = options;
  const network = await ensureNetwork(id);
  let gateway;
  try {
    gateway = await startGateway({
      session: id,
      stateDir,
      bridgeIp: network.bridgeIp,
      hosts: { ...options.hosts },
      ...options.upstreamDns ? { upstreamDns: options.upstreamDns } : {},
      audit: options.audit ?? false,
      ...options.signal ? { signal: options.signal } : {}
    });
  } catch (error) {
    await prune({ session: id }).catch(() => void 0);
    throw error;
  }
  const client = new GatewayClient(gateway.socketPath);
  const enforcement = gateway.enforcement === "proxy-only" ? "proxy-only" : "enforce";
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
            ...request.signal ? { signal: request.signal } : {}
          },
          { beforeUserCode: fenceHook(client, request.policy) }
        );
        return runSandbox(info, client);
      } catch (error) {
        await client.unregister(request.name).catch(() => void 0);
        await deleteSandbox(id, request.name).catch(() => void 0);
        throw error;
      }
    },
    async close() {
      const stopped = await stopGateway(stateDir).catch(() => false);
      await prune({ session: id }).catch(() => void 0);
      if (stopped) await rm(stateDir, { recursive: true, force: true }).catch(() => void 0);
    }
  };
}
function runSandbox(info, client) {
  return {
    name: info.name,
    copyIn: async (files) => {
      if (files.length > 0) await copyIn(info, files);
    },
    exec: (request) => execInSandbox(info, {
      command: request.command,
      timeoutMs: request.timeoutMs,
      stdout: request.stdout,
      stderr: request.stderr,
      maxOutputBytes: request.maxOutputBytes,
      ...request.signal ? { signal: request.signal } : {}
    }),
    copyOut: (globs, destDir) => copyOut(info, [...globs], destDir),
    health: async () => {
      if (!await client.health().then(
        () => true,
        () => false
      ))
        return "the gateway stopped";
      return getSandbox(info.session, info.name).then(
        (s) => s.state === "running" ? void 0 : s.state === "removing" ? "the sandbox was removed" : `the sandbox stopped (${s.state})`,
        () => "the sandbox was removed"
      );
    },
    events: () => client.events({ sandbox: info.name }),
    delete: async () => {
      await client.unregister(info.name).catch(() => void 0);
      await deleteSandbox(info.session, info.name).catch(() => void 0);
    }
  };
}
var realDrivers = {
  openSession,
  async prepareImage(ref, signal) {
    if (ref === DEFAULT_IMAGE) await bootstrapImage();
    else await ensureImage(ref, signal);
    return { digest: await imageDigest(ref).catch(() => null) };
  },
  async loadPolicy(ref, where) {
    const baseDir = dirname(where.specFile);
    if (ref.kind === "ref") return loadPolicy(ref.ref, { baseDir });
    return resolveExtends(parsePolicy(where.specText, where.specFile, { at: ["policy"] }), { baseDir });
  }
};
export {
  openSession,
  realDrivers
};
