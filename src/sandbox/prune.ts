import { errorMessage, PaddockError } from '../common/errors.js';
import { connectEngine } from './engine.js';
import { labelFilter } from './names.js';
import { forgetNetwork } from './network.js';
import type { PruneResult } from './types.js';

const CONCURRENCY = 16;

export interface PruneOptions {
  /** Only this session's resources. @default every resource carrying paddock labels */
  readonly session?: string;
  readonly signal?: AbortSignal;
}

const statusOf = (error: unknown): number | undefined => (error as { statusCode?: number }).statusCode;

/** Run `remove` over `items` with bounded concurrency; count what this call removed. Gone already is fine. */
async function removeAll<T>(
  items: readonly T[],
  remove: (item: T) => Promise<unknown>,
  signal?: AbortSignal,
): Promise<number> {
  let removed = 0;
  const failures: string[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      if (signal?.aborted) throw new PaddockError('CANCELLED', 'prune cancelled');
      const item = items[next++] as T;
      try {
        await remove(item);
        removed++;
      } catch (error) {
        const status = statusOf(error);
        if (status === 404 || (status === 409 && /in progress/i.test(errorMessage(error)))) continue;
        const leaked = /active endpoints/i.test(errorMessage(error))
          ? ' (the engine still counts an endpoint on it: a known Docker 20.10 race after concurrent removals; it goes when dockerd restarts)'
          : '';
        failures.push(`${errorMessage(error).trim()}${leaked}`);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, items.length) }, worker));
  if (failures.length > 0) throw new Error(failures.join('; '));
  return removed;
}

/** The attempts after which a busy volume or network has the containers listed and removed again. */
const SWEEP_AT = new Set([2, 8, 20]);

/**
 * Retry while the engine says the object is still in use (endpoints or mounts of containers just removed).
 * `sweep` removes the containers again: one whose create was under way when a crashed run died is made after
 * the first listing, and holds its volume and network until it goes.
 */
async function whenFree(remove: () => Promise<unknown>, sweep: () => Promise<unknown>): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await remove();
      return;
    } catch (error) {
      const status = statusOf(error);
      const busy = status === 403 || (status === 409 && /in use|active endpoints/i.test(errorMessage(error)));
      if (!busy || attempt >= 40) throw error;
      if (SWEEP_AT.has(attempt)) await sweep();
      await new Promise((r) => setTimeout(r, Math.min(50 * (attempt + 1), 500)));
    }
  }
}

/** Remove every paddock container, volume and network (of one session, or all). Safe to repeat and after a crash. */
export async function prune(options: PruneOptions = {}): Promise<PruneResult> {
  const { docker } = await connectEngine();
  const filters = labelFilter(options.session);
  try {
    let removedContainers = 0;
    const removeContainers = async (): Promise<void> => {
      const containers = await docker.listContainers({ all: true, filters });
      removedContainers += await removeAll(
        containers,
        (c) => docker.getContainer(c.Id).remove({ force: true, v: true }),
        options.signal,
      );
    };
    await removeContainers();
    // Busy volumes and networks reach the same attempt together: they share one sweep at a time instead of
    // listing and removing the containers once each. What a sweep cannot remove, the retry reports.
    let sweeping: Promise<void> | undefined;
    const sweep = (): Promise<void> => {
      if (!sweeping)
        sweeping = removeContainers()
          .catch(() => undefined)
          .finally(() => {
            sweeping = undefined;
          });
      return sweeping;
    };
    const [volumes, networks] = await Promise.all([
      docker.listVolumes({ filters }),
      docker.listNetworks({ filters }),
    ]);
    const [removedVolumes, removedNetworks] = await Promise.all([
      removeAll(
        volumes.Volumes ?? [],
        (v) => whenFree(() => docker.getVolume(v.Name).remove(), sweep),
        options.signal,
      ),
      removeAll(networks, (n) => whenFree(() => docker.getNetwork(n.Id).remove(), sweep), options.signal),
    ]);
    forgetNetwork(options.session);
    return { containers: removedContainers, volumes: removedVolumes, networks: removedNetworks };
  } catch (error) {
    if (error instanceof PaddockError) throw error;
    throw new PaddockError('SANDBOX_FAILED', `prune failed: ${errorMessage(error)}`, { cause: error });
  }
}
