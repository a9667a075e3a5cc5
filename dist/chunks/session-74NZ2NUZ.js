import { createRequire as __paddockRequire } from 'node:module'; import { dirname as __paddockDirname } from 'node:path'; import { fileURLToPath as __paddockPath } from 'node:url'; const require = __paddockRequire(import.meta.url); const __filename = __paddockPath(import.meta.url); const __dirname = __paddockDirname(__filename);
import {
  DEFAULT_IMAGE,
  bootstrapImage
} from "./chunk-2A5L4NOG.js";
import {
  Session,
  describeClose
} from "./chunk-5PN5FHSY.js";
import "./chunk-M2VQG5J7.js";
import {
  commitSandbox,
  copyIn,
  copyOut,
  execInSandbox,
  findImage,
  getSandbox,
  proxyEnv,
  removeImage,
  startHeldRun,
  stopSandboxProcesses,
  tagImage
} from "./chunk-SK5GQBPL.js";
import {
  ensureImage
} from "./chunk-FZYK36Y7.js";
import "./chunk-CMXTYWWY.js";
import "./chunk-FMMQI7D6.js";
import "./chunk-27NLCFX3.js";
import "./chunk-OTUHDGGY.js";
import "./chunk-QHHH2ICV.js";
import "./chunk-HMOPORX4.js";
import {
  loadPolicy,
  parsePolicy,
  resolveExtends
} from "./chunk-4AY27MHB.js";
import {
  PaddockError
} from "./chunk-SOSAWCCV.js";

// src/eval/session.ts
import { dirname } from "node:path";
async function openSession(options) {
  const session = await Session.start({
    id: options.id,
    stateDir: options.stateDir,
    gateway: {
      hosts: options.hosts,
      ...options.upstreamDns ? { upstreamDns: options.upstreamDns } : {},
      ...options.upstreamCa?.length ? { upstreamCa: options.upstreamCa } : {},
      audit: options.audit ?? false,
      proxyOnly: options.proxyOnly ?? false
    },
    exclusive: !options.shared,
    ...options.log ? { log: options.log } : {},
    ...options.signal ? { signal: options.signal } : {}
  });
  return {
    id: session.id,
    eventsPath: session.eventsPath,
    enforcement: session.enforcement === "proxy-only" ? "proxy-only" : "enforce",
    ready: async () => {
      await session.ready();
    },
    async createSandbox(request) {
      const info = await session.createSandbox({
        ...request,
        ...request.setup ? { phase: "setup", setup: true } : {}
      });
      return runSandbox(info, session, request.setup ? proxyEnv(session.proxy) : {});
    },
    quiesce: () => session.stopOwnGateway(),
    async close() {
      const report = await session.close();
      return report.problems.length > 0 ? [describeClose(report)] : [];
    }
  };
}
function runSandbox(info, session, execEnv) {
  const client = session.client;
  return {
    name: info.name,
    ...info.landlock ? { landlock: info.landlock } : {},
    ...info.attribution ? { attribution: info.attribution } : {},
    copyIn: async (files) => {
      if (files.length > 0) await copyIn(info, files);
    },
    run: async (request) => {
      if (!info.held) throw new PaddockError("SANDBOX_FAILED", `${info.name} was created without a command`);
      return startHeldRun(info.held, {
        timeoutMs: request.timeoutMs,
        stdout: request.stdout,
        stderr: request.stderr,
        maxOutputBytes: request.maxOutputBytes,
        ...request.signal ? { signal: request.signal } : {}
      });
    },
    exec: (request) => execInSandbox(info, {
      command: request.command,
      env: { ...execEnv, ...request.env },
      timeoutMs: request.timeoutMs,
      stdout: request.stdout,
      stderr: request.stderr,
      maxOutputBytes: request.maxOutputBytes,
      ...request.signal ? { signal: request.signal } : {}
    }),
    copyOut: (globs, destDir) => copyOut(info, [...globs], destDir),
    health: async (exited = false) => {
      if (!await client.health().then(
        () => true,
        () => false
      ))
        return "the gateway stopped";
      if (exited) return void 0;
      return getSandbox(info.session, info.name).then(
        (s) => s.state === "running" ? void 0 : s.state === "removing" ? "the sandbox was removed" : `the sandbox stopped (${s.state})`,
        () => "the sandbox was removed"
      );
    },
    events: () => client.events({ sandbox: info.name }),
    enterPhase: async (phase, policy) => {
      await stopSandboxProcesses(info);
      await client.setPolicy(info.name, policy, phase);
    },
    commit: (labels) => commitSandbox(info, labels),
    // Cleanup may swallow: a sandbox that will not go is still removed by the session's close (owned) or prune.
    delete: () => session.deleteSandbox(info.name, info.id).catch(() => void 0)
  };
}
var realDrivers = {
  openSession,
  async prepareImage(ref, signal) {
    if (ref === DEFAULT_IMAGE) await bootstrapImage();
    const info = await ensureImage(ref, signal);
    return { digest: info.RepoDigests?.[0] ?? info.Id, id: info.Id };
  },
  findImage,
  tagImage,
  removeImage,
  async loadPolicy(ref, where) {
    const baseDir = dirname(where.specFile);
    if (ref.kind === "ref") return loadPolicy(ref.ref, { baseDir });
    const at = [...ref.at ?? ["policy"]];
    return resolveExtends(parsePolicy(where.specText, where.specFile, { at }), { baseDir });
  }
};
export {
  openSession,
  realDrivers
};
