import { networkInterfaces } from 'node:os';
import type Docker from 'dockerode';
import { errorMessage, PaddockError } from '../common/errors.js';
import { connectEngine } from './engine.js';
import { LABEL, networkName } from './names.js';
import { bridgeIpOf, engineRangeOf, subnetCandidates } from './subnet.js';
import type { SessionNetwork } from './types.js';

const known = new Map<string, Promise<SessionNetwork>>();

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
  const cached = known.get(session);
  if (cached) return cached;
  const made = findOrCreate(session).catch((error: unknown) => {
    known.delete(session);
    throw error;
  });
  known.set(session, made);
  return made;
}

/**
 * Remove a session's network now, ahead of the prune that would: for a session whose sandboxes the gateway
 * joined (no endpoint on it, so it can go while the last of them are still being removed). False when the
 * engine would not (the prune tries again); true when it is gone.
 */
export async function removeNetwork(session: string): Promise<boolean> {
  const { docker } = await connectEngine();
  const network = await (known.get(session) ?? find(docker, networkName(session))).catch(() => undefined);
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
  if (session === undefined) known.clear();
  else known.delete(session);
}

async function find(docker: Docker, name: string): Promise<SessionNetwork | undefined> {
  const list = await docker.listNetworks({ filters: { name: [name] } });
  // `name` filters by substring; several exact matches can exist after a race: the oldest wins.
  const exact = list
    .filter((n) => n.Name === name)
    .sort((a, b) => a.Created.localeCompare(b.Created) || a.Id.localeCompare(b.Id));
  return exact[0] ? fromInspect(exact[0]) : undefined;
}

function hostAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((a) => a !== undefined && a.family === 'IPv4')
    .map((a) => (a as { cidr: string | null; address: string }).cidr ?? a?.address ?? '')
    .filter((a) => a !== '');
}

async function findOrCreate(session: string): Promise<SessionNetwork> {
  const { docker } = await connectEngine();
  const name = networkName(session);
  const existing = await find(docker, name);
  if (existing) return existing;
  const all = await docker.listNetworks();
  const used = all.flatMap((n) => (n.IPAM?.Config ?? []).map((c) => c.Subnet ?? '')).filter((s) => s !== '');
  let lastError: unknown;
  for (const subnet of subnetCandidates(session, [...used, ...hostAddresses()]).slice(0, 32)) {
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
