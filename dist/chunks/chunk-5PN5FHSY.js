import { createRequire as __paddockRequire } from 'node:module'; import { dirname as __paddockDirname } from 'node:path'; import { fileURLToPath as __paddockPath } from 'node:url'; const require = __paddockRequire(import.meta.url); const __filename = __paddockPath(import.meta.url); const __dirname = __paddockDirname(__filename);
import {
  placeholderFor
} from "./chunk-M2VQG5J7.js";
import {
  createSandbox,
  deleteSandbox,
  getSandbox,
  listSandboxes,
  planNetwork,
  probeLandlock,
  prune,
  removeNetwork,
  restartSandbox
} from "./chunk-SK5GQBPL.js";
import {
  GatewayClient,
  gatewayStatus,
  startGateway,
  stopGateway
} from "./chunk-CMXTYWWY.js";
import {
  NO_PROXY,
  SANDBOX_PROXY_PORT,
  enforcementOf,
  statePaths,
  trustFiles
} from "./chunk-FMMQI7D6.js";
import {
  writeFileAtomic
} from "./chunk-HMOPORX4.js";
import {
  plural
} from "./chunk-4AY27MHB.js";
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
    const answer = await client.register({
      sandbox: info.name,
      run: info.run,
      ip: info.ip,
      // No engine endpoint (network mode `none`): the gateway gives it an address and joins it to its network.
      ...info.ip === "" ? { plumb: true } : {},
      pid: info.pid,
      container: info.id,
      resolvConfPath: info.resolvConfPath,
      policy,
      ...phase ? { phase } : {},
      ...credentials.length > 0 ? { credentials } : {},
      ...keepCredentials ? { keepCredentials } : {}
    });
    return { ip: answer.ip };
  };
}

// src/session/session.ts
import { mkdir, writeFile } from "node:fs/promises";
var Session = class _Session {
  id;
  stateDir;
  /** The JSONL decision log of the whole session (it outlives sandboxes and the gateway). */
  eventsPath;
  /** What the gateway enforces (known before it is ready: from how this handle starts it, or its handle). */
  enforcement;
  /** The gateway's control API. */
  client;
  /** Opened exclusive: the whole session is this handle's, and `close()` removes all of it. */
  owned;
  /** This handle started the gateway (it did not run before). */
  startedGateway;
  #bridgeIp;
  #trust;
  #ready;
  /** Gives up the gateway's start when this handle started it and it is not ready yet (close, stopOwnGateway). */
  #cancelStart;
  #starting;
  /** The network this handle is having made (settled before close prunes, so none is left behind). */
  #network;
  #handle;
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
  constructor(ref, gateway) {
    this.id = ref.id;
    this.stateDir = ref.stateDir;
    if ("handle" in gateway) {
      const h = gateway.handle;
      this.owned = false;
      this.#bridgeIp = new URL(h.proxyUrl).hostname;
      this.eventsPath = h.eventsPath;
      this.enforcement = h.enforcement;
      this.client = new GatewayClient(h.socketPath);
      this.startedGateway = false;
      this.#trust = h.trust;
      this.#handle = h;
      this.#ready = Promise.resolve(h);
      this.#cancelStart = () => void 0;
      this.#starting = Promise.resolve();
      this.#network = Promise.resolve();
      return;
    }
    const paths = statePaths(ref.stateDir);
    this.owned = gateway.owned;
    this.#bridgeIp = gateway.bridgeIp;
    this.eventsPath = paths.events;
    this.enforcement = gateway.enforcement;
    this.client = new GatewayClient(paths.socket);
    this.startedGateway = true;
    this.#trust = trustFiles(ref.stateDir);
    this.#ready = gateway.ready.then((h) => {
      this.#handle = h;
      return h;
    });
    this.#ready.catch(() => void 0);
    this.#cancelStart = gateway.cancel;
    this.#network = gateway.network.catch(() => void 0);
    const made = gateway.network.then((n) => {
      if (n.bridgeIp !== gateway.bridgeIp)
        throw new PaddockError(
          "SANDBOX_FAILED",
          `session ${ref.id}: its network was made on ${n.subnet}, not on the planned ${gateway.bridgeIp}/24 (another network took it meanwhile); start the session again`
        );
    });
    const started = Promise.race([gateway.starting, this.#ready.then(() => void 0)]);
    this.#starting = Promise.all([made, started]).then(() => void 0);
    this.#starting.catch(() => void 0);
  }
  /**
   * The session with its gateway running: attach to the one that runs, or make the network and start one.
   * Resolves once the gateway is ready.
   */
  static async open(options) {
    const session = await _Session.start(options);
    try {
      await session.ready();
    } catch (error) {
      if (options.exclusive) await closeSession(session);
      throw error;
    }
    return session;
  }
  /**
   * As `open`, but resolves as soon as the network's address is planned and the gateway process is spawned:
   * sandboxes may be created at once (their containers are made while the network is made and the gateway
   * loads, started once both say so, and fenced once the gateway is ready, see createSandbox). `ready()` says
   * when it is, or why it could not start; the caller closes the session either way.
   */
  static async start(options) {
    const ref = { id: options.id, stateDir: options.stateDir };
    const others = options.exclusive ? listSandboxes(ref.id) : Promise.resolve([]);
    others.catch(() => void 0);
    const running = await attached(ref);
    if (running) {
      if (options.exclusive) {
        throw new PaddockError(
          "GATEWAY_FAILED",
          `session ${ref.id} already has a gateway (${ref.stateDir}); a new session needs an id of its own`
        );
      }
      const g2 = options.gateway;
      if (Object.keys(g2?.hosts ?? {}).length > 0 || g2?.upstreamDns || g2?.upstreamCa?.length) {
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
      return new _Session(ref, { handle: running });
    }
    if ((await others).length > 0) {
      throw new PaddockError(
        "SANDBOX_EXISTS",
        `session ${ref.id} already has sandboxes; it is not a new session`
      );
    }
    const trust = trustFiles(ref.stateDir);
    await mkdir(ref.stateDir, { recursive: true });
    for (const file2 of [trust.ca, trust.bundle]) await writeFile(file2, "", { flag: "a" });
    const plan = planNetwork(ref.id);
    const network = plan.then((p) => p.made);
    const g = options.gateway ?? {};
    let started = () => void 0;
    const starting = new Promise((resolve) => {
      started = resolve;
    });
    const cancelStart = new AbortController();
    const signal = options.signal ? AbortSignal.any([options.signal, cancelStart.signal]) : cancelStart.signal;
    const ready = startGateway({
      onStarting: () => started(),
      session: ref.id,
      stateDir: ref.stateDir,
      bridgeIp: network.then((n) => n.bridgeIp),
      hosts: { ...g.hosts },
      ...g.upstreamDns ? { upstreamDns: g.upstreamDns } : {},
      ...g.upstreamCa?.length ? { upstreamCa: g.upstreamCa } : {},
      audit: g.audit ?? false,
      proxyOnly: g.proxyOnly ?? false,
      signal
    });
    ready.catch(() => void 0);
    let bridgeIp;
    try {
      bridgeIp = (await plan).bridgeIp;
    } catch (error) {
      await ready.catch(() => void 0);
      if (options.exclusive) await closeSession(ref);
      throw error;
    }
    options.log?.(`starting the gateway for session ${ref.id} on ${bridgeIp}`);
    const enforcement = enforcementOf({ proxyOnly: g.proxyOnly ?? false, audit: g.audit ?? false });
    return new _Session(ref, {
      ready,
      starting,
      network,
      bridgeIp,
      enforcement,
      owned: options.exclusive ?? false,
      cancel: () => cancelStart.abort(new PaddockError("CANCELLED", "the session was closed"))
    });
  }
  /** The session when its gateway runs; never starts anything. */
  static async attach(ref) {
    const running = await attached(ref);
    return running ? new _Session(ref, { handle: running }) : void 0;
  }
  /** The running gateway once it is ready: pid, ports, proxy URL, enforcement, log and events paths. */
  ready() {
    return this.#ready;
  }
  /** The running gateway (see `ready`). Throws GATEWAY_FAILED before it is ready (only after `start`). */
  get gateway() {
    if (!this.#handle)
      throw new PaddockError("GATEWAY_FAILED", `the gateway of session ${this.id} is not ready yet`);
    return this.#handle;
  }
  /**
   * The gateway's explicit proxy, as sandboxes are told of it (`proxyEnv` turns it into variables): a fenced
   * sandbox reaches it at SANDBOX_PROXY_PORT on the bridge (its fence DNATs that to the real port), so this is
   * known before the gateway is ready; without a fence (proxy-only) it is the real port, once ready.
   */
  get proxy() {
    if (this.enforcement === "proxy-only")
      return { url: this.gateway.proxyUrl, noProxy: this.gateway.noProxy };
    return { url: `http://${this.#bridgeIp}:${SANDBOX_PROXY_PORT}`, noProxy: NO_PROXY };
  }
  /** Create a sandbox; it is fenced and marked ready before this resolves. On failure nothing of it is left. */
  async createSandbox(request) {
    const credentials = (request.credentials ?? []).map((c) => ({
      name: c.name,
      secret: c.value,
      placeholder: placeholderFor(c.value),
      hosts: c.hosts,
      ...c.query ? { query: true } : {},
      ...c.headers?.length ? { headers: c.headers } : {}
    }));
    const placeholders = Object.fromEntries(credentials.map((c) => [c.name, c.placeholder]));
    try {
      if (this.enforcement === "proxy-only" && !request.setup) await this.#ready;
      const fence = fenceHook(this.client, request.policy, request.phase, credentials);
      const info = await createSandbox(
        {
          session: this.id,
          name: request.name,
          ...request.run === void 0 ? {} : { run: request.run },
          image: request.image,
          policy: request.policy,
          env: { ...request.env, ...placeholders },
          ...request.setup ? { setup: true } : { proxy: this.proxy },
          ...this.#trust ? { trust: this.#trust } : {},
          volumes: request.volumes ?? [],
          ...request.limits ? { limits: request.limits } : {},
          ...request.command === void 0 ? {} : { command: request.command },
          ...request.signal ? { signal: request.signal } : {},
          // A fencing gateway joins the sandbox to its network itself (src/gateway/plumbing.ts).
          ...this.enforcement === "proxy-only" ? {} : { network: "gateway" }
        },
        {
          // The container is made, and started, while the gateway may still be loading: once it says it is
          // starting, the netns gets a socket hash of its own (socket-hash.ts). The trust files are written in
          // place (the container's bind mounts see them) before the gateway is ready, which the fence waits for.
          beforeStart: () => this.#starting,
          beforeUserCode: async (info2) => {
            await this.#ready;
            return fence(info2);
          },
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
  /** `id`: the container this session made for `name` (from createSandbox), which spares a lookup. */
  async deleteSandbox(name, id) {
    await removeSandbox(this, name, this.client, id);
    this.#made.delete(name);
    this.#credentials.delete(name);
  }
  /**
   * Owned: stop the gateway now, ahead of `close()` (which then finds it stopped), e.g. while the last sandboxes
   * are still being removed; from then on nothing is fenced and the decision log is complete. Shared: nothing
   * (other handles may still use the gateway). Never throws: `close()` reports a gateway that would not stop.
   */
  async stopOwnGateway() {
    if (!this.owned) return;
    await this.#settleStart();
    await Promise.all([
      stopGateway(this.stateDir).catch(() => void 0),
      this.enforcement !== "proxy-only" ? removeNetwork(this.id).catch(() => false) : void 0
    ]);
  }
  /**
   * Owned: stop the gateway and remove every resource and the state folder (kept when the gateway would not
   * stop). Shared: remove what this handle made, and stop the gateway only when this handle started it and no
   * other sandbox is left in the session. Never throws; the report says what did not happen.
   */
  async close(options = {}) {
    await this.#network;
    if (this.owned) {
      await this.#settleStart();
      return closeSession(this, { removeState: true, ...options });
    }
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
        await this.#settleStart();
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
  /**
   * A gateway this handle is still starting is given up, and its daemon gone, before anything looks for it by
   * its pid file (which it writes only once started): a close never leaves one starting behind it.
   */
  async #settleStart() {
    if (this.#handle) return;
    this.#cancelStart();
    await this.#ready.catch(() => void 0);
  }
  /** Unregister and remove a sandbox that failed half-way; cleanup may swallow. */
  async #forget(name) {
    await clearReady(this.stateDir, name).catch(() => void 0);
    await this.client.unregister(name).catch(() => void 0);
    await deleteSandbox(this.id, name).catch(() => void 0);
    this.#made.delete(name);
  }
};
async function removeSandbox(ref, name, client, id) {
  await clearReady(ref.stateDir, name);
  const status = client ? void 0 : await gatewayStatus(ref.stateDir);
  const gateway = client ?? (status?.running ? new GatewayClient(status.socketPath) : void 0);
  await gateway?.unregister(name).catch(() => void 0);
  await deleteSandbox(ref.id, name, id);
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
