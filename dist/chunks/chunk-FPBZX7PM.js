import { createRequire as __paddockRequire } from 'node:module'; import { dirname as __paddockDirname } from 'node:path'; import { fileURLToPath as __paddockPath } from 'node:url'; const require = __paddockRequire(import.meta.url); const __filename = __paddockPath(import.meta.url); const __dirname = __paddockDirname(__filename);
import {
  placeholderFor
} from "./chunk-2XJRNPFN.js";
import {
  createSandbox,
  deleteSandbox,
  ensureNetwork,
  getSandbox,
  listSandboxes,
  probeLandlock,
  prune,
  restartSandbox
} from "./chunk-SMAIKCFZ.js";
import {
  GatewayClient,
  gatewayStatus,
  startGateway,
  stopGateway
} from "./chunk-YG7GVW2Y.js";
import {
  plural
} from "./chunk-R5NBDDV7.js";
import {
  writeFileAtomic
} from "./chunk-HMOPORX4.js";
import {
  PaddockError,
  errorMessage
} from "./chunk-SOSAWCCV.js";

// src/session/close.ts
import { rm as rm2 } from "node:fs/promises";

// src/session/ready.ts
import { readFile, rm } from "node:fs/promises";
import { join } from "node:path";
var dir = (stateDir) => join(stateDir, "ready");
var file = (stateDir, name) => join(dir(stateDir), encodeURIComponent(name));
async function markReady(stateDir, info) {
  await writeFileAtomic(file(stateDir, info.name), `${info.id}
`);
}
async function clearReady(stateDir, name) {
  await rm(file(stateDir, name), { force: true });
}
async function clearAllReady(stateDir) {
  await rm(dir(stateDir), { recursive: true, force: true });
}
async function readyId(stateDir, name) {
  const text = await readFile(file(stateDir, name), "utf8").catch((error) => {
    if (error.code === "ENOENT") return "";
    throw error;
  });
  return text.trim() === "" ? null : text.trim();
}
async function readySandbox(session, name) {
  const state = await getSandbox(session.id, name);
  if (state.state !== "running") {
    throw new PaddockError(
      "SANDBOX_FAILED",
      `sandbox ${name} is ${state.state}; restart it with: paddock sandbox restart ${name}`
    );
  }
  if (await readyId(session.stateDir, name) !== state.id) {
    throw new PaddockError(
      "SANDBOX_NOT_READY",
      `sandbox ${name} is not ready: its fence is not in place yet (it is being created or restarted, or the process creating it stopped); try again, or: paddock sandbox restart ${name}`
    );
  }
  return state;
}

// src/session/close.ts
async function closeSession(session, options = {}) {
  const problems = [];
  const gateway = await stopGateway(session.stateDir).then(
    (was) => was ? "stopped" : "none",
    (error) => {
      problems.push(`gateway: ${errorMessage(error)}`);
      return "running";
    }
  );
  const removed = await prune({
    session: session.id,
    ...options.signal ? { signal: options.signal } : {}
  }).catch((error) => {
    problems.push(`prune: ${errorMessage(error)}`);
    return null;
  });
  if (removed) await clearAllReady(session.stateDir).catch((e) => problems.push(errorMessage(e)));
  let stateRemoved = false;
  if (options.removeState && gateway !== "running") {
    stateRemoved = await rm2(session.stateDir, { recursive: true, force: true }).then(
      () => true,
      (error) => {
        problems.push(`state folder ${session.stateDir}: ${errorMessage(error)}`);
        return false;
      }
    );
  }
  return { gateway, removed, stateRemoved, problems };
}
function describeClose(report) {
  const parts = [];
  if (report.gateway === "stopped") parts.push("gateway stopped");
  if (report.gateway === "left") parts.push("gateway left running for the rest of the session");
  if (report.removed) {
    const r = report.removed;
    parts.push(
      `removed ${plural(r.containers, "container")}, ${plural(r.networks, "network")}, ${plural(r.volumes, "volume")}`
    );
  }
  if (report.problems.length > 0) parts.push(`NOT cleaned up: ${report.problems.join("; ")}`);
  return parts.join("; ");
}

// src/session/fence-hook.ts
function fenceHook(client, policy, phase, credentials = [], keepCredentials = false) {
  return async (info) => {
    await client.register({
      sandbox: info.name,
      run: info.run,
      ip: info.ip,
      pid: info.pid,
      container: info.id,
      resolvConfPath: info.resolvConfPath,
      policy,
      ...phase ? { phase } : {},
      ...credentials.length > 0 ? { credentials } : {},
      ...keepCredentials ? { keepCredentials } : {}
    });
  };
}

// src/session/session.ts
var Session = class _Session {
  id;
  stateDir;
  /**
   * The running gateway: pid, ports, proxy URL, enforcement, and `eventsPath`, the JSONL decision log of the
   * whole session (it outlives sandboxes and the gateway).
   */
  gateway;
  /** The gateway's control API. */
  client;
  /** Opened exclusive: the whole session is this handle's, and `close()` removes all of it. */
  owned;
  /** This handle started the gateway (it did not run before). */
  startedGateway;
  #made = /* @__PURE__ */ new Set();
  /** What each sandbox this handle made was registered with (a restart registers them again). Memory only. */
  #credentials = /* @__PURE__ */ new Map();
  /** paddock-init's Landlock probe, asked once: the kernel's ABI does not change within a session. */
  #probe;
  #landlockProbe = (container) => {
    this.#probe ??= probeLandlock(container).catch((error) => {
      this.#probe = void 0;
      throw error;
    });
    return this.#probe;
  };
  constructor(ref, gateway, owned, started) {
    this.id = ref.id;
    this.stateDir = ref.stateDir;
    this.gateway = gateway;
    this.client = new GatewayClient(gateway.socketPath);
    this.owned = owned;
    this.startedGateway = started;
  }
  /** The session with its gateway running: attach to the one that runs, or make the network and start one. */
  static async open(options) {
    const ref = { id: options.id, stateDir: options.stateDir };
    const running = await attached(ref);
    if (running) {
      if (options.exclusive) {
        throw new PaddockError(
          "GATEWAY_FAILED",
          `session ${ref.id} already has a gateway (${ref.stateDir}); a new session needs an id of its own`
        );
      }
      const g = options.gateway;
      if (Object.keys(g?.hosts ?? {}).length > 0 || g?.upstreamDns || g?.upstreamCa?.length) {
        options.log?.(
          `the gateway of session ${ref.id} already runs: its hosts, upstream DNS and upstream CAs are kept`
        );
      }
      const wanted = options.gateway?.proxyOnly ? "proxy-only" : "enforce";
      if (running.enforcement === "proxy-only" !== (wanted === "proxy-only")) {
        throw new PaddockError(
          "GATEWAY_FAILED",
          `session ${ref.id}: its gateway runs with enforcement ${running.enforcement}, not ${wanted}; use another session`
        );
      }
      return new _Session(ref, running, false, false);
    }
    if (options.exclusive && (await listSandboxes(ref.id)).length > 0) {
      throw new PaddockError(
        "SANDBOX_EXISTS",
        `session ${ref.id} already has sandboxes; it is not a new session`
      );
    }
    try {
      const bridgeIp = ensureNetwork(ref.id).then((network) => {
        options.log?.(`starting the gateway for session ${ref.id} on ${network.bridgeIp}`);
        return network.bridgeIp;
      });
      const g = options.gateway ?? {};
      const handle = await startGateway({
        session: ref.id,
        stateDir: ref.stateDir,
        bridgeIp,
        hosts: { ...g.hosts },
        ...g.upstreamDns ? { upstreamDns: g.upstreamDns } : {},
        ...g.upstreamCa?.length ? { upstreamCa: g.upstreamCa } : {},
        audit: g.audit ?? false,
        proxyOnly: g.proxyOnly ?? false,
        ...options.signal ? { signal: options.signal } : {}
      });
      return new _Session(ref, handle, options.exclusive ?? false, true);
    } catch (error) {
      if (options.exclusive) await closeSession(ref);
      throw error;
    }
  }
  /** The session when its gateway runs; never starts anything. */
  static async attach(ref) {
    const running = await attached(ref);
    return running ? new _Session(ref, running, false, false) : void 0;
  }
  /** The gateway's explicit proxy, as sandboxes are told of it (`proxyEnv` turns it into variables). */
  get proxy() {
    return { url: this.gateway.proxyUrl, noProxy: this.gateway.noProxy };
  }
  /** Create a sandbox; it is fenced and marked ready before this resolves. On failure nothing of it is left. */
  async createSandbox(request) {
    const credentials = (request.credentials ?? []).map((c) => ({
      name: c.name,
      secret: c.value,
      placeholder: placeholderFor(c.value),
      hosts: c.hosts,
      ...c.query ? { query: true } : {}
    }));
    const placeholders = Object.fromEntries(credentials.map((c) => [c.name, c.placeholder]));
    try {
      const info = await createSandbox(
        {
          session: this.id,
          name: request.name,
          ...request.run === void 0 ? {} : { run: request.run },
          image: request.image,
          policy: request.policy,
          env: { ...request.env, ...placeholders },
          ...request.setup ? { setup: true } : { proxy: this.proxy },
          ...this.gateway.trust ? { trust: this.gateway.trust } : {},
          volumes: request.volumes ?? [],
          ...request.limits ? { limits: request.limits } : {},
          ...request.command === void 0 ? {} : { command: request.command },
          ...request.signal ? { signal: request.signal } : {}
        },
        {
          beforeUserCode: fenceHook(this.client, request.policy, request.phase, credentials),
          landlockProbe: this.#landlockProbe
        }
      );
      this.#made.add(info.name);
      if (credentials.length > 0) this.#credentials.set(info.name, credentials);
      await markReady(this.stateDir, info);
      return info;
    } catch (error) {
      if (!(error instanceof PaddockError && error.code === "SANDBOX_EXISTS")) {
        await this.#forget(request.name);
      }
      throw error;
    }
  }
  /** A fresh container for `name` (same definition and volumes), fenced again with `policy`, then marked ready. */
  async restartSandbox(name, policy) {
    await clearReady(this.stateDir, name);
    const credentials = this.#credentials.get(name) ?? [];
    const keep = credentials.length === 0;
    await this.client.unregister(name, { keepCredentials: keep }).catch(() => void 0);
    const info = await restartSandbox(this.id, name, {
      beforeUserCode: fenceHook(this.client, policy, void 0, credentials, keep),
      landlockProbe: this.#landlockProbe
    });
    await markReady(this.stateDir, info);
    return info;
  }
  /** Unregister and remove a sandbox and its /sandbox volume. Throws when the engine would not remove it. */
  async deleteSandbox(name) {
    await removeSandbox(this, name, this.client);
    this.#made.delete(name);
    this.#credentials.delete(name);
  }
  /**
   * Owned: stop the gateway now, ahead of `close()` (which then finds it stopped), e.g. while the last sandboxes
   * are still being removed; from then on nothing is fenced and the decision log is complete. Shared: nothing
   * (other handles may still use the gateway). Never throws: `close()` reports a gateway that would not stop.
   */
  async stopOwnGateway() {
    if (this.owned) await stopGateway(this.stateDir).catch(() => void 0);
  }
  /**
   * Owned: stop the gateway and remove every resource and the state folder (kept when the gateway would not
   * stop). Shared: remove what this handle made, and stop the gateway only when this handle started it and no
   * other sandbox is left in the session. Never throws; the report says what did not happen.
   */
  async close(options = {}) {
    if (this.owned) return closeSession(this, { removeState: true, ...options });
    const problems = [];
    let removed = 0;
    for (const name of this.#made) {
      await this.deleteSandbox(name).then(
        () => removed++,
        (error) => {
          if (!(error instanceof PaddockError && error.code === "SANDBOX_NOT_FOUND"))
            problems.push(`sandbox ${name}: ${errorMessage(error)}`);
        }
      );
    }
    let gateway = "none";
    if (this.startedGateway) {
      const others = await listSandboxes(this.id).catch(() => [{}]);
      if (others.length > 0) gateway = "left";
      else {
        gateway = await stopGateway(this.stateDir).then(
          (was) => was ? "stopped" : "none",
          (error) => {
            problems.push(`gateway: ${errorMessage(error)}`);
            return "running";
          }
        );
      }
    }
    return {
      gateway,
      removed: { containers: removed, networks: 0, volumes: removed },
      stateRemoved: false,
      problems
    };
  }
  /** Unregister and remove a sandbox that failed half-way; cleanup may swallow. */
  async #forget(name) {
    await clearReady(this.stateDir, name).catch(() => void 0);
    await this.client.unregister(name).catch(() => void 0);
    await deleteSandbox(this.id, name).catch(() => void 0);
    this.#made.delete(name);
  }
};
async function removeSandbox(ref, name, client) {
  await clearReady(ref.stateDir, name);
  const status = client ? void 0 : await gatewayStatus(ref.stateDir);
  const gateway = client ?? (status?.running ? new GatewayClient(status.socketPath) : void 0);
  await gateway?.unregister(name).catch(() => void 0);
  await deleteSandbox(ref.id, name);
}
async function attached(ref) {
  const status = await gatewayStatus(ref.stateDir);
  if (!status.running) return void 0;
  if (!status.handle) {
    throw new PaddockError("GATEWAY_FAILED", `the gateway of ${ref.stateDir} runs but left no gateway.json`);
  }
  return status.handle;
}

export {
  readySandbox,
  closeSession,
  describeClose,
  fenceHook,
  Session,
  removeSandbox
};
