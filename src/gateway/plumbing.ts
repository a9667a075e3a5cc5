import { randomBytes } from 'node:crypto';
import { errorMessage, PaddockError } from '../common/errors.js';
import { gatewayHostsOf } from '../sandbox/subnet.js';
import { runWithInput } from './fence-install.js';

/**
 * A fenced sandbox is created with network mode `none` and joined to the session network here, by the gateway
 * that fences it, instead of by the engine: the engine's endpoint work per container (its IPAM and store, the
 * embedded DNS and its rules in the sandbox's netns) was most of what a sandbox cost over `docker run` with no
 * network. The sandbox's netns gets one end of a veth pair as `eth0`; the other end is a port of the session
 * bridge. The address comes from the gateway's part of the /24 (subnet.ts); the fence script gives it to
 * `eth0` (fence.ts, `plumbed`).
 */

/** The addresses fenced sandboxes get, handed out in turn so a freed one is not reused at once. */
export class AddressPool {
  readonly #bridgeIp: string;
  #hosts: readonly string[] | undefined;
  readonly #pending = new Set<string>();
  #next = 0;

  constructor(bridgeIp: string) {
    this.#bridgeIp = bridgeIp;
  }

  /** The next address not in `used` nor handed out and not yet settled; FENCE_FAILED when none is left. */
  take(used: ReadonlySet<string>): string {
    this.#hosts ??= gatewayHostsOf(this.#bridgeIp);
    const hosts = this.#hosts;
    for (let i = 0; i < hosts.length; i++) {
      const ip = hosts[(this.#next + i) % hosts.length] as string;
      if (used.has(ip) || this.#pending.has(ip)) continue;
      this.#next = (this.#next + i + 1) % hosts.length;
      this.#pending.add(ip);
      return ip;
    }
    throw new PaddockError(
      'FENCE_FAILED',
      `no free address for another sandbox: all ${hosts.length} of the session network are in use`,
    );
  }

  /** The registration that took `ip` is settled (registered, or failed and gone). */
  settle(ip: string): void {
    this.#pending.delete(ip);
  }
}

/** The interface named in `ip -o -4 addr show to ADDR/32`'s answer (`68791: br-7f4c45b2dafe    inet …`). */
export function interfaceOf(answer: string): string | undefined {
  return /^\d+:\s+([^\s:@]+)/.exec(answer)?.[1];
}

const bridges = new Map<string, Promise<string>>();

/**
 * The host interface holding `bridgeIp`: the session network's bridge, asked once per gateway (os's list
 * leaves out a bridge with no port up yet, which the first sandbox's is).
 */
export function bridgeInterface(bridgeIp: string, timeoutMs = 10_000): Promise<string> {
  let found = bridges.get(bridgeIp);
  if (!found) {
    found = runWithInput('ip', ['-o', '-4', 'addr', 'show', 'to', `${bridgeIp}/32`], '', timeoutMs).then(
      (out) => {
        const name = interfaceOf(out);
        if (!name) throw new Error(`no host interface holds the session bridge address ${bridgeIp}`);
        return name;
      },
    );
    bridges.set(bridgeIp, found);
    found.catch(() => bridges.delete(bridgeIp));
  }
  return found;
}

/** The two `ip -batch` lines that make the pair: `eth0` in the netns of `pid`, `host` on `bridge`. */
export function vethCommands(host: string, pid: number, bridge: string): string {
  return `link add ${host} type veth peer name eth0 netns ${pid}\nlink set ${host} master ${bridge} up\n`;
}

/**
 * Join the netns of `pid` to the bridge holding `bridgeIp` (one `ip` process on the host). The host end goes
 * with the netns: nothing to undo when the sandbox goes, or when this fails and the sandbox is removed.
 */
export async function joinBridge(pid: number, bridgeIp: string, timeoutMs = 10_000): Promise<void> {
  const host = `pd${randomBytes(6).toString('hex')}`;
  try {
    const bridge = await bridgeInterface(bridgeIp, timeoutMs);
    await runWithInput('ip', ['-batch', '-'], vethCommands(host, pid, bridge), timeoutMs).catch((error) => {
      bridges.delete(bridgeIp); // the network may have been made again, under another bridge
      throw error;
    });
  } catch (error) {
    throw new PaddockError(
      'FENCE_FAILED',
      `cannot join sandbox pid ${pid} to the session network: ${errorMessage(error)}`,
      { cause: error },
    );
  }
}
