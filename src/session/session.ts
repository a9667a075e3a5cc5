import { mkdir, writeFile } from 'node:fs/promises';
import type Docker from 'dockerode';
import { errorMessage, PaddockError } from '../common/errors.js';
import {
  type Credential,
  enforcementOf,
  GatewayClient,
  type GatewayHandle,
  gatewayStatus,
  NO_PROXY,
  SANDBOX_PROXY_PORT,
  startGateway,
  statePaths,
  stopGateway,
  trustFiles,
} from '../gateway/index.js';
import type { Policy } from '../policy/types.js';
import {
  createSandbox,
  deleteSandbox,
  listSandboxes,
  planNetwork,
  probeLandlock,
  removeNetwork,
  restartSandbox,
  type SandboxInfo,
  type SandboxLimits,
  type SessionNetwork,
  type VolumeMount,
} from '../sandbox/index.js';
import { type CloseReport, closeSession, type SessionRef } from './close.js';
import { type CredentialRequest, placeholderFor } from './credentials.js';
import { fenceHook } from './fence-hook.js';
import { clearReady, markReady } from './ready.js';

/** How the gateway is started when `Session.open` starts it (ignored when one already runs). */
export interface GatewaySettings {
  /** Upstream name overrides (`--add-host`, `gateway.hosts`). @default {} */
  readonly hosts?: Readonly<Record<string, string>>;
  /** `ADDR[:PORT]` resolver for allowed names. @default the host's */
  readonly upstreamDns?: string;
  /** CA files (PEM) upstream TLS servers may chain to, besides the system store (`--upstream-ca`). @default [] */
  readonly upstreamCa?: readonly string[];
  /** Allow what policies would deny and log it as `audit`. @default false */
  readonly audit?: boolean;
  /**
   * The user's explicit opt-in to weaker enforcement: no fence, no attribution, no per-binary rules; only
   * clients that honour HTTP(S)_PROXY are governed (and the gateway runs without root). @default false
   */
  readonly proxyOnly?: boolean;
}

export interface OpenOptions extends SessionRef {
  /** Used only when this call starts the gateway. @default {} */
  readonly gateway?: GatewaySettings;
  /**
   * The session must be new: no gateway runs for it and no sandbox carries its id (else GATEWAY_FAILED or
   * SANDBOX_EXISTS, and nothing is touched). Such a session is owned: `close()` removes all of it.
   * Otherwise the session is shared (attach to its gateway, or start one): `close()` removes only what this
   * handle made. @default false
   */
  readonly exclusive?: boolean;
  /** Progress lines (gateway start). @default none */
  readonly log?: (line: string) => void;
  readonly signal?: AbortSignal;
}

/** A sandbox to create, fenced before any user code runs. */
export interface SandboxRequest {
  /** Unique within the session. */
  readonly name: string;
  /** The eval run it serves. @default null */
  readonly run?: string;
  readonly image: string;
  readonly policy: Policy;
  /** The sandbox's whole environment besides HOME and the proxy variables. @default {} */
  readonly env?: Readonly<Record<string, string>>;
  /** @default [] */
  readonly volumes?: readonly VolumeMount[];
  /** @default the driver's */
  readonly limits?: SandboxLimits;
  /** The phase its decisions are stamped with from the first one (an eval's `setup`). @default none */
  readonly phase?: string;
  /**
   * A setup sandbox (SandboxOptions.setup: root without capabilities, writable root, to be committed). Its
   * container gets no proxy variables, which a commit would keep in the image: pass `proxyEnv` to each exec.
   * @default false
   */
  readonly setup?: boolean;
  /**
   * Secrets for the gateway to put into requests to their hosts; the sandbox's variable holds a placeholder.
   * @default []
   */
  readonly credentials?: readonly CredentialRequest[];
  /** An eval run's command, held behind init until `startHeldRun` (SandboxOptions.command). @default none */
  readonly command?: string | readonly string[];
  readonly signal?: AbortSignal;
}

/**
 * The one session engine: a session is one network plus one gateway plus a state folder. Every sandbox it
 * makes is registered with the gateway (fenced) before user code runs, and marked ready on disk only then
 * (see ready.ts), so no process can exec into it earlier. The CLI, the Action, the eval engine, the tests and
 * the benches all go through here; nothing else wires a sandbox to the gateway.
 */
export class Session implements SessionRef {
  readonly id: string;
  readonly stateDir: string;
  /** The JSONL decision log of the whole session (it outlives sandboxes and the gateway). */
  readonly eventsPath: string;
  /** What the gateway enforces (known before it is ready: from how this handle starts it, or its handle). */
  readonly enforcement: GatewayHandle['enforcement'];
  /** The gateway's control API. */
  readonly client: GatewayClient;
  /** Opened exclusive: the whole session is this handle's, and `close()` removes all of it. */
  readonly owned: boolean;
  /** This handle started the gateway (it did not run before). */
  readonly startedGateway: boolean;
  readonly #bridgeIp: string;
  readonly #trust: GatewayHandle['trust'];
  readonly #ready: Promise<GatewayHandle>;
  /** Gives up the gateway's start when this handle started it and it is not ready yet (close, stopOwnGateway). */
  readonly #cancelStart: () => void;
  readonly #starting: Promise<void>;
  /** The network this handle is having made (settled before close prunes, so none is left behind). */
  readonly #network: Promise<unknown>;
  #handle: GatewayHandle | undefined;
  readonly #made = new Set<string>();
  /** What each sandbox this handle made was registered with (a restart registers them again). Memory only. */
  readonly #credentials = new Map<string, readonly Credential[]>();
  /** paddock-init's Landlock probe, asked once: the kernel's ABI does not change within a session. */
  #probe: Promise<{ abi: number; reason?: string }> | undefined;
  readonly #landlockProbe = (container: Docker.Container): Promise<{ abi: number; reason?: string }> => {
    // A failed probe is not kept: the next sandbox asks again.
    this.#probe ??= probeLandlock(container).catch((error: unknown) => {
      this.#probe = undefined;
      throw error;
    });
    return this.#probe;
  };

  private constructor(ref: SessionRef, gateway: Starting) {
    this.id = ref.id;
    this.stateDir = ref.stateDir;
    if ('handle' in gateway) {
      const h = gateway.handle;
      this.owned = false;
      this.#bridgeIp = new URL(h.proxyUrl).hostname; // the gateway listens on the bridge
      this.eventsPath = h.eventsPath;
      this.enforcement = h.enforcement;
      this.client = new GatewayClient(h.socketPath);
      this.startedGateway = false;
      this.#trust = h.trust;
      this.#handle = h;
      this.#ready = Promise.resolve(h);
      this.#cancelStart = () => undefined;
      this.#starting = Promise.resolve();
      this.#network = Promise.resolve();
      return;
    }
    // Where the gateway this handle starts puts its socket, events and trust files (as the daemon does).
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
    this.#ready.catch(() => undefined); // observed by ready(), each sandbox's start and open()
    this.#cancelStart = gateway.cancel;
    // A gateway that fails before it says it is starting fails each sandbox's start too; so does a network the
    // engine made on another subnet than planned (the sandboxes' proxy variables name the planned address).
    this.#network = gateway.network.catch(() => undefined);
    const made = gateway.network.then((n) => {
      if (n.bridgeIp !== gateway.bridgeIp)
        throw new PaddockError(
          'SANDBOX_FAILED',
          `session ${ref.id}: its network was made on ${n.subnet}, not on the planned ${gateway.bridgeIp}/24 (another network took it meanwhile); start the session again`,
        );
    });
    const started = Promise.race([gateway.starting, this.#ready.then(() => undefined)]);
    this.#starting = Promise.all([made, started]).then(() => undefined);
    this.#starting.catch(() => undefined);
  }

  /**
   * The session with its gateway running: attach to the one that runs, or make the network and start one.
   * Resolves once the gateway is ready.
   */
  static async open(options: OpenOptions): Promise<Session> {
    const session = await Session.start(options);
    try {
      await session.ready();
    } catch (error) {
      // Only a session that is wholly ours may be pruned; its gateway log stays to explain the failure.
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
  static async start(options: OpenOptions): Promise<Session> {
    const ref = { id: options.id, stateDir: options.stateDir };
    // A new session must have neither a gateway nor sandboxes: both asked at once.
    const others = options.exclusive ? listSandboxes(ref.id) : Promise.resolve([]);
    others.catch(() => undefined); // awaited below, unless a gateway already runs
    const running = await attached(ref);
    if (running) {
      if (options.exclusive) {
        throw new PaddockError(
          'GATEWAY_FAILED',
          `session ${ref.id} already has a gateway (${ref.stateDir}); a new session needs an id of its own`,
        );
      }
      const g = options.gateway;
      if (Object.keys(g?.hosts ?? {}).length > 0 || g?.upstreamDns || g?.upstreamCa?.length) {
        options.log?.(
          `the gateway of session ${ref.id} already runs: its hosts, upstream DNS and upstream CAs are kept`,
        );
      }
      const wanted = options.gateway?.proxyOnly ? 'proxy-only' : 'enforce';
      if ((running.enforcement === 'proxy-only') !== (wanted === 'proxy-only')) {
        throw new PaddockError(
          'GATEWAY_FAILED',
          `session ${ref.id}: its gateway runs with enforcement ${running.enforcement}, not ${wanted}; use another session`,
        );
      }
      return new Session(ref, { handle: running });
    }
    if ((await others).length > 0) {
      throw new PaddockError(
        'SANDBOX_EXISTS',
        `session ${ref.id} already has sandboxes; it is not a new session`,
      );
    }
    // A container names its bind mounts' sources when it is made, and they must exist then: the trust files are
    // placeholders until the gateway writes them, in place, before it is ready (and so before any user code).
    const trust = trustFiles(ref.stateDir);
    await mkdir(ref.stateDir, { recursive: true });
    for (const file of [trust.ca, trust.bundle]) await writeFile(file, '', { flag: 'a' });
    // The gateway process starts (and loads) while the network is made; it is told the bridge address after.
    // The session returns once the address is planned, before the network exists (sandboxes the gateway joins
    // are made meanwhile, and started once it does, see #starting).
    const plan = planNetwork(ref.id);
    const network = plan.then((p) => p.made);
    const g = options.gateway ?? {};
    let started: () => void = () => undefined;
    const starting = new Promise<void>((resolve) => {
      started = resolve;
    });
    // Closing the session before its gateway is ready stops the starting daemon (not left to run on alone).
    const cancelStart = new AbortController();
    const signal = options.signal
      ? AbortSignal.any([options.signal, cancelStart.signal])
      : cancelStart.signal;
    const ready = startGateway({
      onStarting: () => started(),
      session: ref.id,
      stateDir: ref.stateDir,
      bridgeIp: network.then((n) => n.bridgeIp),
      hosts: { ...g.hosts },
      ...(g.upstreamDns ? { upstreamDns: g.upstreamDns } : {}),
      ...(g.upstreamCa?.length ? { upstreamCa: g.upstreamCa } : {}),
      audit: g.audit ?? false,
      proxyOnly: g.proxyOnly ?? false,
      signal,
    });
    ready.catch(() => undefined); // observed by the session (or below, when the network fails)
    let bridgeIp: string;
    try {
      bridgeIp = (await plan).bridgeIp;
    } catch (error) {
      await ready.catch(() => undefined); // startGateway stops its daemon when the network fails
      if (options.exclusive) await closeSession(ref);
      throw error;
    }
    options.log?.(`starting the gateway for session ${ref.id} on ${bridgeIp}`);
    const enforcement = enforcementOf({ proxyOnly: g.proxyOnly ?? false, audit: g.audit ?? false });
    return new Session(ref, {
      ready,
      starting,
      network,
      bridgeIp,
      enforcement,
      owned: options.exclusive ?? false,
      cancel: () => cancelStart.abort(new PaddockError('CANCELLED', 'the session was closed')),
    });
  }

  /** The session when its gateway runs; never starts anything. */
  static async attach(ref: SessionRef): Promise<Session | undefined> {
    const running = await attached(ref);
    return running ? new Session(ref, { handle: running }) : undefined;
  }

  /** The running gateway once it is ready: pid, ports, proxy URL, enforcement, log and events paths. */
  ready(): Promise<GatewayHandle> {
    return this.#ready;
  }

  /** The running gateway (see `ready`). Throws GATEWAY_FAILED before it is ready (only after `start`). */
  get gateway(): GatewayHandle {
    if (!this.#handle)
      throw new PaddockError('GATEWAY_FAILED', `the gateway of session ${this.id} is not ready yet`);
    return this.#handle;
  }

  /**
   * The gateway's explicit proxy, as sandboxes are told of it (`proxyEnv` turns it into variables): a fenced
   * sandbox reaches it at SANDBOX_PROXY_PORT on the bridge (its fence DNATs that to the real port), so this is
   * known before the gateway is ready; without a fence (proxy-only) it is the real port, once ready.
   */
  get proxy(): { readonly url: string; readonly noProxy: string } {
    if (this.enforcement === 'proxy-only')
      return { url: this.gateway.proxyUrl, noProxy: this.gateway.noProxy };
    return { url: `http://${this.#bridgeIp}:${SANDBOX_PROXY_PORT}`, noProxy: NO_PROXY };
  }

  /** Create a sandbox; it is fenced and marked ready before this resolves. On failure nothing of it is left. */
  async createSandbox(request: SandboxRequest): Promise<SandboxInfo> {
    const credentials = (request.credentials ?? []).map((c) => ({
      name: c.name,
      secret: c.value,
      placeholder: placeholderFor(c.value),
      hosts: c.hosts,
      ...(c.query ? { query: true } : {}),
      ...(c.headers?.length ? { headers: c.headers } : {}),
    }));
    const placeholders = Object.fromEntries(credentials.map((c) => [c.name, c.placeholder]));
    try {
      // Without a fence the sandbox is told the gateway's real port, which only a ready gateway knows.
      if (this.enforcement === 'proxy-only' && !request.setup) await this.#ready;
      const fence = fenceHook(this.client, request.policy, request.phase, credentials);
      const info = await createSandbox(
        {
          session: this.id,
          name: request.name,
          ...(request.run === undefined ? {} : { run: request.run }),
          image: request.image,
          policy: request.policy,
          env: { ...request.env, ...placeholders },
          ...(request.setup ? { setup: true } : { proxy: this.proxy }),
          ...(this.#trust ? { trust: this.#trust } : {}),
          volumes: request.volumes ?? [],
          ...(request.limits ? { limits: request.limits } : {}),
          ...(request.command === undefined ? {} : { command: request.command }),
          ...(request.signal ? { signal: request.signal } : {}),
          // A fencing gateway joins the sandbox to its network itself (src/gateway/plumbing.ts).
          ...(this.enforcement === 'proxy-only' ? {} : { network: 'gateway' as const }),
        },
        {
          // The container is made, and started, while the gateway may still be loading: once it says it is
          // starting, the netns gets a socket hash of its own (socket-hash.ts). The trust files are written in
          // place (the container's bind mounts see them) before the gateway is ready, which the fence waits for.
          beforeStart: () => this.#starting,
          beforeUserCode: async (info) => {
            await this.#ready;
            return fence(info);
          },
          landlockProbe: this.#landlockProbe,
        },
      );
      this.#made.add(info.name);
      if (credentials.length > 0) this.#credentials.set(info.name, credentials);
      await markReady(this.stateDir, info);
      return info;
    } catch (error) {
      // A SANDBOX_EXISTS is someone else's sandbox: leave it (and its registration) alone.
      if (!(error instanceof PaddockError && error.code === 'SANDBOX_EXISTS')) {
        await this.#forget(request.name);
      }
      throw error;
    }
  }

  /** A fresh container for `name` (same definition and volumes), fenced again with `policy`, then marked ready. */
  async restartSandbox(name: string, policy: Policy): Promise<SandboxInfo> {
    await clearReady(this.stateDir, name);
    // This process may not hold the credential values (a CLI restart): the gateway keeps them for the new
    // registration, so the placeholders in the container's environment are substituted as before.
    const credentials = this.#credentials.get(name) ?? [];
    const keep = credentials.length === 0;
    // Cleanup may swallow: the old registration goes with the old container either way.
    await this.client.unregister(name, { keepCredentials: keep }).catch(() => undefined);
    const info = await restartSandbox(this.id, name, {
      beforeUserCode: fenceHook(this.client, policy, undefined, credentials, keep),
      landlockProbe: this.#landlockProbe,
    });
    await markReady(this.stateDir, info);
    return info;
  }

  /** Unregister and remove a sandbox and its /sandbox volume. Throws when the engine would not remove it. */
  /** `id`: the container this session made for `name` (from createSandbox), which spares a lookup. */
  async deleteSandbox(name: string, id?: string): Promise<void> {
    await removeSandbox(this, name, this.client, id);
    this.#made.delete(name);
    this.#credentials.delete(name);
  }

  /**
   * Owned: stop the gateway now, ahead of `close()` (which then finds it stopped), e.g. while the last sandboxes
   * are still being removed; from then on nothing is fenced and the decision log is complete. Shared: nothing
   * (other handles may still use the gateway). Never throws: `close()` reports a gateway that would not stop.
   */
  async stopOwnGateway(): Promise<void> {
    if (!this.owned) return;
    await this.#settleStart();
    // A fencing gateway joined every sandbox itself (no endpoint on the network): the network can go now, while
    // the gateway stops and the last sandboxes are removed, instead of after them.
    await Promise.all([
      stopGateway(this.stateDir).catch(() => undefined),
      this.enforcement !== 'proxy-only' ? removeNetwork(this.id).catch(() => false) : undefined,
    ]);
  }

  /**
   * Owned: stop the gateway and remove every resource and the state folder (kept when the gateway would not
   * stop). Shared: remove what this handle made, and stop the gateway only when this handle started it and no
   * other sandbox is left in the session. Never throws; the report says what did not happen.
   */
  async close(options: { readonly signal?: AbortSignal } = {}): Promise<CloseReport> {
    await this.#network; // one still being made would be left behind by the prune
    if (this.owned) {
      await this.#settleStart();
      return closeSession(this, { removeState: true, ...options });
    }
    const problems: string[] = [];
    let removed = 0;
    for (const name of this.#made) {
      await this.deleteSandbox(name).then(
        () => removed++,
        (error: unknown) => {
          if (!(error instanceof PaddockError && error.code === 'SANDBOX_NOT_FOUND'))
            problems.push(`sandbox ${name}: ${errorMessage(error)}`);
        },
      );
    }
    let gateway: CloseReport['gateway'] = 'none';
    if (this.startedGateway) {
      const others = await listSandboxes(this.id).catch(() => [{}]);
      if (others.length > 0) gateway = 'left';
      else {
        await this.#settleStart();
        gateway = await stopGateway(this.stateDir).then(
          (was) => (was ? 'stopped' : 'none'),
          (error: unknown) => {
            problems.push(`gateway: ${errorMessage(error)}`);
            return 'running';
          },
        );
      }
    }
    return {
      gateway,
      removed: { containers: removed, networks: 0, volumes: removed },
      stateRemoved: false,
      problems,
    };
  }

  /**
   * A gateway this handle is still starting is given up, and its daemon gone, before anything looks for it by
   * its pid file (which it writes only once started): a close never leaves one starting behind it.
   */
  async #settleStart(): Promise<void> {
    if (this.#handle) return; // started (or attached): stopGateway finds it
    this.#cancelStart();
    await this.#ready.catch(() => undefined);
  }

  /** Unregister and remove a sandbox that failed half-way; cleanup may swallow. */
  async #forget(name: string): Promise<void> {
    await clearReady(this.stateDir, name).catch(() => undefined);
    await this.client.unregister(name).catch(() => undefined);
    await deleteSandbox(this.id, name).catch(() => undefined);
    this.#made.delete(name);
  }
}

/**
 * Remove one sandbox of a session, with or without an open handle: forget its readiness, unregister it from the
 * gateway (when one answers), remove it and its /sandbox volume. Throws when the engine would not remove it.
 */
export async function removeSandbox(
  ref: SessionRef,
  name: string,
  client?: GatewayClient,
  id?: string,
): Promise<void> {
  await clearReady(ref.stateDir, name);
  const status = client ? undefined : await gatewayStatus(ref.stateDir);
  const gateway = client ?? (status?.running ? new GatewayClient(status.socketPath) : undefined);
  // The gateway may be gone; the registration then went with it.
  await gateway?.unregister(name).catch(() => undefined);
  await deleteSandbox(ref.id, name, id);
}

/** How a Session is made: attached to a running gateway, or starting its own. */
type Starting =
  | { readonly handle: GatewayHandle }
  | {
      readonly ready: Promise<GatewayHandle>;
      /** The gateway said it is starting (or is ready): sandboxes' containers may start. */
      readonly starting: Promise<void>;
      /** The network, once made (its bridge address must be the planned `bridgeIp`). */
      readonly network: Promise<SessionNetwork>;
      readonly bridgeIp: string;
      readonly enforcement: GatewayHandle['enforcement'];
      readonly owned: boolean;
      /** Give the start up: the daemon is stopped and `ready` rejects once it is gone. */
      readonly cancel: () => void;
    };

/** The running gateway's handle (gateway.json); undefined when none runs. */
async function attached(ref: SessionRef): Promise<GatewayHandle | undefined> {
  const status = await gatewayStatus(ref.stateDir);
  if (!status.running) return undefined;
  if (!status.handle) {
    throw new PaddockError('GATEWAY_FAILED', `the gateway of ${ref.stateDir} runs but left no gateway.json`);
  }
  return status.handle;
}
