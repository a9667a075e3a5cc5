import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import type Docker from 'dockerode';
import { errorMessage, PaddockError } from '../common/errors.js';
import { hostLock } from '../common/host-lock.js';
import { connectEngine } from './engine.js';
import { LABEL, networkName } from './names.js';
import { bridgeIpOf, engineRangeOf, subnetCandidates } from './subnet.js';
import type { SessionNetwork } from './types.js';

/** Each session's plan, cached per process: concurrent callers share one listing and one creation. */
const plans = new Map<string, Promise<PlannedNetwork>>();

function fromInspect(info: Docker.NetworkInspectInfo): SessionNetwork | undefined {
  const config = info.IPAM?.Config?.find((c) => c.Subnet && !c.Subnet.includes(':'));
  if (!config?.Subnet) return undefined;
  return {
    name: info.Name,
    id: info.Id,
    subnet: config.Subnet,
    bridgeIp: config.Gateway ?? bridgeIpOf(config.Subnet),
  };
}

const statusOf = (error: unknown): number | undefined => (error as { statusCode?: number }).statusCode;

/** One internal network per session (no inter-container traffic, no IPv6). Idempotent; cached per process. */
export function ensureNetwork(session: string): Promise<SessionNetwork> {
  return planNetwork(session).then((plan) => plan.made);
}

/** A session's network as planned: its bridge address at once, the network once the engine has made it. */
export interface PlannedNetwork {
  readonly bridgeIp: string;
  readonly made: Promise<SessionNetwork>;
}

/**
 * Find the session's network, or choose its subnet and have the engine make it: the bridge address is known
 * after one listing, before the network exists (sandboxes the gateway joins can be made meanwhile). The
 * engine may refuse the planned subnet (another network took it since the listing): then the next one is
 * made, and `made` says so with a bridge address other than the planned one, which its users must check.
 */
export function planNetwork(session: string): Promise<PlannedNetwork> {
  const cached = plans.get(session);
  if (cached) return cached;
  const plan = makePlan(session);
  plans.set(session, plan);
  // A failed listing or creation is not kept: the next caller tries again.
  plan
    .then((p) => p.made)
    .catch(() => {
      if (plans.get(session) === plan) plans.delete(session);
    });
  return plan;
}

/**
 * Sessions planned at once on this host (parallel shards, two evals) would list the same networks and could
 * choose the same free /24: the first to create it gets it, the other's network lands elsewhere and its
 * sandboxes, told the planned address, fail. Planning is serialised between this host's processes, from the
 * listing until the engine has made (or refused) the network; what waits is only a concurrent plan.
 */
const PLAN_LOCK = join(tmpdir(), 'paddock-network-plan.lock');

async function makePlan(session: string): Promise<PlannedNetwork> {
  const { docker } = await connectEngine();
  const release = await hostLock(PLAN_LOCK);
  try {
    const name = networkName(session);
    const all = await docker.listNetworks();
    const existing = oldest(all, name);
    if (existing) {
      await release();
      return { bridgeIp: existing.bridgeIp, made: Promise.resolve(existing) };
    }
    const used = all
      .flatMap((n) => (n.IPAM?.Config ?? []).map((c) => c.Subnet ?? ''))
      .filter((s) => s !== '');
    const candidates = subnetCandidates(session, [...used, ...hostAddresses()]).slice(0, 32);
    const first = candidates[0];
    if (!first) throw new PaddockError('SANDBOX_FAILED', `cannot create network ${name}: no free /24 left`);
    const made = create(docker, session, candidates);
    made.then(release, release);
    made.catch(() => undefined); // the plan's users await it
    return { bridgeIp: bridgeIpOf(first), made };
  } catch (error) {
    await release();
    throw error;
  }
}

/**
 * Remove a session's network now, ahead of the prune that would: for a session whose sandboxes the gateway
 * joined (no endpoint on it, so it can go while the last of them are still being removed). False when the
 * engine would not (the prune tries again); true when it is gone.
 */
export async function removeNetwork(session: string): Promise<boolean> {
  const { docker } = await connectEngine();
  const planned = plans.get(session)?.then((p) => p.made);
  const network = await (planned ?? find(docker, networkName(session))).catch(() => undefined);
  if (!network) return true;
  return docker
    .getNetwork(network.id)
    .remove()
    .then(
      () => {
        forgetNetwork(session);
        return true;
      },
      (error: unknown) => statusOf(error) === 404,
    );
}

/** Forget a cached network (after prune, or when the engine says it is gone). */
export function forgetNetwork(session?: string): void {
  if (session === undefined) plans.clear();
  else plans.delete(session);
}

/** The oldest network named exactly `name` (`name` filters match substrings; a race can make two). */
function oldest(list: readonly Docker.NetworkInspectInfo[], name: string): SessionNetwork | undefined {
  const exact = list
    .filter((n) => n.Name === name)
    .sort((a, b) => a.Created.localeCompare(b.Created) || a.Id.localeCompare(b.Id));
  return exact[0] ? fromInspect(exact[0]) : undefined;
}

async function find(docker: Docker, name: string): Promise<SessionNetwork | undefined> {
  return oldest(await docker.listNetworks({ filters: { name: [name] } }), name);
}

function hostAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((a) => a !== undefined && a.family === 'IPv4')
    .map((a) => (a as { cidr: string | null; address: string }).cidr ?? a?.address ?? '')
    .filter((a) => a !== '');
}

/** Make the session's network on the first candidate subnet the engine accepts. */
async function create(
  docker: Docker,
  session: string,
  candidates: readonly string[],
): Promise<SessionNetwork> {
  const name = networkName(session);
  let lastError: unknown;
  for (const subnet of candidates) {
    try {
      await docker.createNetwork({
        Name: name,
        CheckDuplicate: true,
        Driver: 'bridge',
        Internal: true,
        EnableIPv6: false,
        Attachable: false,
        // The engine joins only proxy-only sandboxes, from the first /26; the gateway joins fenced ones (subnet.ts).
        IPAM: {
          Driver: 'default',
          Config: [{ Subnet: subnet, IPRange: engineRangeOf(subnet), Gateway: bridgeIpOf(subnet) }],
        },
        Options: { 'com.docker.network.bridge.enable_icc': 'false' },
        Labels: { [LABEL.session]: session },
      });
    } catch (error) {
      lastError = error;
      if (statusOf(error) === 409) break; // created meanwhile by someone else
      if (/overlap|pool/i.test(errorMessage(error))) continue;
      break;
    }
    break;
  }
  const made = await find(docker, name);
  if (made) return made;
  throw new PaddockError('SANDBOX_FAILED', `cannot create network ${name}: ${errorMessage(lastError)}`, {
    cause: lastError,
  });
}
