import { errorMessage } from '../common/errors.js';
import { ICMP_EVENTS_PER_READ } from './admission/datagrams.js';
import { type AdmissionChains, admission } from './admission/index.js';
import type { GatewayContext } from './context.js';
import { type FenceRecord, readFenceRecord } from './hashlimit.js';

/** How often each fenced sandbox's ICMP record is read. */
export const ICMP_POLL_MS = 500;

export type ReadIcmp = (pid: number) => Promise<readonly FenceRecord[]>;

/**
 * ICMP never reaches a gateway socket: the fence rejects it and records its destination (fence.ts
 * FENCE_LOG.icmp). This reads each fenced sandbox's record and hands each destination that appeared since
 * the last read to the ICMP chain: one deny event per destination until the kernel forgets it (5 s
 * without a packet to it).
 */
export function icmpWatch(ctx: GatewayContext, chains: AdmissionChains, read: ReadIcmp = readIcmp) {
  const seen = new Map<string, Set<string>>();
  const failed = new Set<string>();
  let busy = false;
  const tick = async () => {
    const live = new Set<string>();
    for (const s of ctx.sandboxes.values()) {
      if (!s.netns) continue; // proxy-only: no fence, nothing recorded
      const key = `${s.name}@${s.pid}`;
      live.add(key);
      let records: readonly FenceRecord[];
      try {
        records = await read(s.pid);
      } catch (error) {
        if (ctx.sandboxes.get(s.name) === s && !failed.has(key)) {
          failed.add(key);
          ctx.log(`icmp: cannot read the ICMP record of sandbox ${s.name}: ${errorMessage(error)}`);
        }
        continue;
      }
      const now = new Set(records.map((r) => r.ip));
      const before = seen.get(key) ?? new Set<string>();
      seen.set(key, now);
      const fresh = [...now].filter((ip) => !before.has(ip));
      for (const ip of fresh.slice(0, ICMP_EVENTS_PER_READ)) await record(s.ip, ip);
      const more = fresh.length - ICMP_EVENTS_PER_READ;
      if (more > 0) {
        ctx.log(`icmp: sandbox ${s.name} sent ICMP to ${more} more new destinations than are listed`);
        await record(s.ip, null);
      }
    }
    for (const key of [...seen.keys()]) if (!live.has(key)) seen.delete(key);
  };
  const record = (from: string, ip: string | null) =>
    chains.icmp(
      admission(ctx, {
        layer: 'connect',
        protocol: 'icmp',
        peer: { ip: from, port: 0 },
        ...(ip ? { target: { host: null, ip, port: 0 } } : {}),
      }),
    );
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    tick()
      .catch((error) => ctx.log(`icmp: ${errorMessage(error)}`))
      .finally(() => {
        busy = false;
      });
  }, ICMP_POLL_MS);
  timer.unref();
  return { tick, close: () => clearInterval(timer) };
}

const readIcmp: ReadIcmp = (pid) => readFenceRecord(pid, 'icmp');
