import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type Docker from 'dockerode';
import { type ErrorCode, errorMessage, PaddockError } from '../common/errors.js';
import { createOptions, SANDBOX_DIR, SETUP_USER } from './create-options.js';
import { connectEngine } from './engine.js';
import { ensureImage } from './image.js';
import { infoOnly, localAddressOf, toInfo } from './info.js';
import { FENCE_SIGNAL, initBinary, rulesOf } from './init.js';
import { type LandlockStatus, landlockStatus, probeLandlock } from './landlock.js';
import { containerName, LABEL, labelFilter, sandboxVolumeName } from './names.js';
import { ensureNetwork, forgetNetwork } from './network.js';
import { openVolumeRoots, processIds } from './ownership.js';
import { newRunKey } from './run-end.js';
import { seedSandboxDir } from './seed.js';
import { signalInit } from './signal.js';
import { bridgeIpOf } from './subnet.js';
import type {
  HeldRun,
  SandboxHooks,
  SandboxInfo,
  SandboxOptions,
  SandboxState,
  SessionNetwork,
} from './types.js';

const statusOf = (error: unknown): number | undefined => (error as { statusCode?: number }).statusCode;

function cancelled(signal?: AbortSignal): void {
  if (signal?.aborted) throw new PaddockError('CANCELLED', 'sandbox creation cancelled');
}

async function create(
  docker: Docker,
  spec: Docker.ContainerCreateOptions,
  session: string,
): Promise<Docker.Container> {
  try {
    return await docker.createContainer(spec);
  } catch (error) {
    if (statusOf(error) === 409) {
      const name = spec.Labels?.[LABEL.sandbox] ?? spec.name;
      throw new PaddockError(
        'SANDBOX_EXISTS',
        `a sandbox named ${name} already exists in session ${session}; delete it first (paddock sandbox delete ${name}) or choose another name`,
        { cause: error },
      );
    }
    if (statusOf(error) === 404 && /network/i.test(errorMessage(error))) {
      forgetNetwork(session); // pruned under us: make it again, once
      await ensureNetwork(session);
      return docker.createContainer(spec);
    }
    throw new PaddockError('SANDBOX_FAILED', `cannot create ${spec.name}: ${errorMessage(error)}`, {
      cause: error,
    });
  }
}

const GATEWAY_ERRORS: ReadonlySet<ErrorCode> = new Set(['GATEWAY_FAILED', 'PRIVILEGE_REQUIRED']);

/**
 * Start init (it runs nothing yet), check it, open volume roots, decide Landlock, run the fence hook, then tell
 * init the fence is in. On any failure the container goes.
 */
async function bringUp(
  container: Docker.Container,
  spec: Docker.ContainerCreateOptions,
  network: Promise<SessionNetwork>,
  hooks: SandboxHooks,
  signal?: AbortSignal,
  held?: Omit<HeldRun, 'pid'>,
): Promise<SandboxInfo> {
  try {
    await hooks.beforeStart?.();
    const { bridgeIp } = await network;
    cancelled(signal);
    await container.start();
    const info = infoOnly(toInfo(await container.inspect(), bridgeIp));
    const ids = await processIds(info.pid);
    // Root only where asked for (a setup sandbox); anywhere else a user that resolves to root is refused.
    if (ids?.uid === 0 && spec.User !== SETUP_USER)
      throw new PaddockError('SANDBOX_FAILED', `sandbox user ${info.user} resolves to root`);
    const dir = spec.HostConfig?.Mounts?.find((m) => m.Target === SANDBOX_DIR);
    const uid = ids?.uid ?? Number(info.user.split(':')[0]);
    const writable = (spec.HostConfig?.Mounts ?? [])
      .filter((m) => !m.ReadOnly)
      .map((m) => ({ path: m.Target, sandboxDir: m.Target === SANDBOX_DIR }));
    const volumes = async () => {
      if (dir?.VolumeOptions?.NoCopy) await seedSandboxDir(container, info.imageId, info.session);
      if (Number.isInteger(uid)) await openVolumeRoots(container, writable, uid, info.imageId);
    };
    const rules = rulesOf(spec.Entrypoint as string[] | undefined);
    const probe = hooks.landlockProbe ?? probeLandlock;
    // Two execs before any user code runs, independent of each other: at once.
    const [, abi] = await Promise.all([volumes(), rules ? probe(container) : undefined]);
    const landlock = rules && abi ? landlockStatus(rules, abi) : undefined;
    cancelled(signal);
    let joined: { readonly ip: string } | undefined;
    try {
      joined = await hooks.beforeUserCode?.(info);
    } catch (error) {
      // A gateway that could not start (the fence waits for it) is that error, not the fence's.
      if (error instanceof PaddockError && GATEWAY_ERRORS.has(error.code)) throw error;
      throw new PaddockError('FENCE_FAILED', `fence for ${info.name} failed: ${errorMessage(error)}`, {
        cause: error,
      });
    }
    cancelled(signal);
    // From outside the sandbox's pid namespace (signal.ts): init's proof. A held run is released later, by
    // startHeldRun, once its files are in.
    if (rules && !held) await signalInit(container, info.pid, FENCE_SIGNAL);
    return {
      ...info,
      ...(joined?.ip ? { ip: joined.ip } : {}),
      ...(landlock ? { landlock } : {}),
      ...(held ? { held: { ...held, pid: info.pid } } : {}),
    };
  } catch (error) {
    await container.remove({ force: true }).catch(() => undefined);
    throw error instanceof PaddockError
      ? error
      : new PaddockError('SANDBOX_FAILED', `cannot start sandbox: ${errorMessage(error)}`, { cause: error });
  }
}

/** Create and start a hardened sandbox; `beforeUserCode` runs before anything else can execute in it. */
export async function createSandbox(options: SandboxOptions, hooks: SandboxHooks = {}): Promise<SandboxInfo> {
  cancelled(options.signal);
  const { docker } = await connectEngine();
  const network = ensureNetwork(options.session);
  network.catch(() => undefined); // awaited below (before the start at the latest)
  const image = await ensureImage(options.image, options.signal);
  // The engine joins a sandbox to the network when it makes the container; the gateway, after it starts.
  if (options.network !== 'gateway') await network;
  const key = options.command === undefined ? undefined : newRunKey();
  const spec = createOptions(options, { id: image.Id, user: image.Config?.User }, initBinary(), key);
  cancelled(options.signal);
  const container = await create(docker, spec, options.session);
  const held = key ? { id: container.id, key, command: spec.Cmd as string[] } : undefined;
  try {
    return await bringUp(container, spec, network, hooks, options.signal, held);
  } catch (error) {
    await docker
      .getVolume(sandboxVolumeName(options.session, options.name))
      .remove()
      .catch(() => undefined);
    throw error;
  }
}

async function inspectSandbox(session: string, name: string): Promise<Docker.ContainerInspectInfo> {
  const { docker } = await connectEngine();
  try {
    const info = await docker.getContainer(containerName(session, name)).inspect();
    if (info.Config.Labels?.[LABEL.session] === session) return info;
  } catch (error) {
    if (statusOf(error) !== 404)
      throw new PaddockError('ENGINE_UNAVAILABLE', errorMessage(error), { cause: error });
  }
  throw new PaddockError('SANDBOX_NOT_FOUND', `no sandbox ${name} in session ${session}`);
}

export async function getSandbox(session: string, name: string): Promise<SandboxState> {
  return addressed(toInfo(await inspectSandbox(session, name)));
}

/** A running sandbox the gateway joined to the network: its address (and bridge), read from its netns. */
async function addressed(state: SandboxState): Promise<SandboxState> {
  if (state.ip !== '' || state.pid <= 0) return state;
  const ip = localAddressOf(await readFile(`/proc/${state.pid}/net/fib_trie`, 'utf8').catch(() => ''));
  return ip ? { ...state, ip, bridgeIp: state.bridgeIp || bridgeIpOf(`${ip}/24`) } : state;
}

/**
 * Landlock in a running sandbox: its rules (read back from init's command line) and the ABI init sees there.
 * Undefined for a sandbox made before paddock-init.
 */
export async function sandboxLandlock(session: string, name: string): Promise<LandlockStatus | undefined> {
  const inspect = await inspectSandbox(session, name);
  const entrypoint = inspect.Config.Entrypoint;
  const rules = rulesOf(typeof entrypoint === 'string' ? [entrypoint] : entrypoint);
  if (!rules) return undefined;
  const { docker } = await connectEngine();
  return landlockStatus(rules, await probeLandlock(docker.getContainer(inspect.Id)));
}

/** Sandboxes found by their labels (one session, or all), with their state. */
export async function listSandboxes(session?: string): Promise<SandboxState[]> {
  const { docker } = await connectEngine();
  const all = await docker.listContainers({ all: true, filters: labelFilter(session) });
  // Only containers under their sandbox's name: not a scratch copy of an image, nor an old one mid-restart.
  const list = all.filter((c) => {
    const [s, n] = [c.Labels[LABEL.session], c.Labels[LABEL.sandbox]];
    return s && n && c.Names.includes(`/${containerName(s, n)}`);
  });
  const found = await Promise.all(
    list.map((c) =>
      docker
        .getContainer(c.Id)
        .inspect()
        .then((i) => addressed(toInfo(i)))
        .catch(() => undefined),
    ),
  );
  return found
    .filter((s) => s !== undefined)
    .sort((a, b) => a.session.localeCompare(b.session) || a.name.localeCompare(b.name));
}

/**
 * A fresh container with the same name, definition and volumes; the fence hook runs again. Others are untouched.
 * /sandbox is a tmpfs volume, unmounted when its last container goes: a running old container is paused (its
 * processes write nothing more) and kept until the new one is up, so /sandbox keeps its files.
 */
export async function restartSandbox(
  session: string,
  name: string,
  hooks: SandboxHooks = {},
): Promise<SandboxInfo> {
  const { docker } = await connectEngine();
  const old = await inspectSandbox(session, name);
  const network = await ensureNetwork(session);
  const spec: Docker.ContainerCreateOptions = {
    name: containerName(session, name),
    Image: old.Image,
    Entrypoint: old.Config.Entrypoint as string[],
    Cmd: old.Config.Cmd ?? [],
    User: old.Config.User,
    WorkingDir: old.Config.WorkingDir,
    Env: old.Config.Env,
    Hostname: old.Config.Hostname,
    Labels: old.Config.Labels,
    StopSignal: 'SIGTERM',
    StopTimeout: 1,
    HostConfig: old.HostConfig,
    // A sandbox the gateway joined to the network (mode `none`) is joined again by the fence hook.
    ...(old.HostConfig.NetworkMode === 'none'
      ? {}
      : { NetworkingConfig: { EndpointsConfig: { [network.name]: {} } } }),
  };
  const previous = docker.getContainer(old.Id);
  const kept = old.State.Running && (await setAside(previous, spec.name as string, old.State.Paused));
  if (!kept) await previous.remove({ force: true });
  try {
    const container = await create(docker, spec, session);
    return await bringUp(container, spec, Promise.resolve(network), hooks);
  } finally {
    if (kept) await previous.remove({ force: true }).catch(() => undefined);
  }
}

/** Pause a running sandbox and free its name; false when the engine would not. */
async function setAside(container: Docker.Container, name: string, paused: boolean): Promise<boolean> {
  try {
    if (!paused) await container.pause();
    await container.rename({ name: `${name}.restarting-${randomBytes(3).toString('hex')}` });
    return true;
  } catch (error) {
    // The engine refused (gone, not running, no freezer): removed instead, /sandbox starts empty.
    if (statusOf(error) !== undefined) return false;
    throw error; // no answer from the engine at all: restarting cannot go on
  }
}

/**
 * Remove one sandbox and its /sandbox volume (shared volumes stay). `id`: its container, when the caller made it
 * (an eval's run): removed without being looked up first.
 */
export async function deleteSandbox(session: string, name: string, id?: string): Promise<void> {
  const { docker } = await connectEngine();
  // The caller that made it knows its container (no inspect); anyone else finds it by name and session.
  const known = id ?? (await inspectSandbox(session, name)).Id;
  await docker
    .getContainer(known)
    .remove({ force: true })
    .catch((error: unknown) => {
      if (statusOf(error) !== 404) throw error;
      throw new PaddockError('SANDBOX_NOT_FOUND', `no sandbox ${name} in session ${session}`, {
        cause: error,
      });
    });
  await docker
    .getVolume(sandboxVolumeName(session, name))
    .remove()
    .catch((error: unknown) => {
      if (statusOf(error) !== 404) throw error;
    });
}
