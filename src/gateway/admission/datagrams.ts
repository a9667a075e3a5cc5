import { errorMessage } from '../../common/errors.js';
import type { SandboxEntry } from '../context.js';
import { targetFor } from '../decision.js';
import { type FenceRecord, readFenceRecord } from '../hashlimit.js';
import { type Admission, deny, type Step } from './chain.js';

/** Where the sandbox's UDP from source port `port` went, newest first (the fence's record). */
export type SentTo = (sandbox: SandboxEntry, port: number) => Promise<readonly FenceRecord[]>;

export const sentTo: SentTo = async (sandbox, port) =>
  (await readFenceRecord(sandbox.pid, 'udp'))
    .filter((r) => r.srcPort === port)
    .sort((a, b) => b.expiresIn - a.expiresIn);

function aim(a: Admission, ip: string, port: number): void {
  if (!a.sandbox) return;
  const t = targetFor(a.sandbox, ip, port);
  a.target = 'unknown' in t ? { host: null, ip, port } : t;
}

/**
 * A captured UDP datagram: logged and dropped. A connected socket's destination is its row's remote; an
 * unconnected one (`sendto`), or one already closed, is looked up in the fence's UDP record (source port →
 * original destination, kept before the DNAT).
 */
export function udpDropStep(sent: SentTo): Step {
  return () => async (a) => {
    const row = a.row && a.row.remoteIp !== '0.0.0.0' ? a.row : null;
    if (row) {
      aim(a, row.remoteIp, row.remotePort);
      return deny(a, 'UDP other than DNS is not allowed');
    }
    const why = a.row ? 'unconnected socket' : 'socket already closed';
    let found: readonly FenceRecord[] = [];
    let failed = '';
    if (a.sandbox)
      found = await sent(a.sandbox, a.peer.port).catch((e) => {
        failed = `: cannot read the fence's UDP record (${errorMessage(e)})`;
        return [];
      });
    const [newest, ...others] = found;
    if (!newest) return deny(a, `UDP other than DNS is not allowed (${why}: destination not known${failed})`);
    aim(a, newest.ip, newest.port);
    const also =
      others.length > 0 ? `; it also sent to ${others.map((o) => `${o.ip}:${o.port}`).join(', ')}` : '';
    deny(a, `UDP other than DNS is not allowed (${why}, destination from the fence's record${also})`);
  };
}

/** New ICMP destinations recorded per sandbox per read (icmp.ts); past it one event says more were seen. */
export const ICMP_EVENTS_PER_READ = 16;

/**
 * ICMP the fence rejected and recorded (see icmp.ts): a deny with the destination; no socket to
 * attribute (the record is read after the packet, from the kernel's table, not from a socket).
 */
export const icmpStep: Step = () => async (a) => {
  if (!a.target?.ip)
    return deny(
      a,
      `over budget: ICMP to more than ${ICMP_EVENTS_PER_READ} new destinations at once (the rest not listed)`,
    );
  aim(a, a.target.ip, 0);
  a.unknown = 'ICMP: the fence records the destination, not the sending socket';
  deny(a, 'ICMP is not allowed (rejected by the fence)');
};
