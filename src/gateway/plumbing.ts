import { randomBytes } from 'node:crypto';
import { readdir } from 'node:fs/promises';
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
        if (!name) throw new Error('no host interface holds it');
        return name;
      },
    );
    found = found.catch((error: unknown) => {
      throw new PaddockError(
        'FENCE_FAILED',
        `cannot find the session bridge (address ${bridgeIp}): ${errorMessage(error)}`,
        { cause: error },
      );
    });
    bridges.set(bridgeIp, found);
    found.catch(() => bridges.delete(bridgeIp));
  }
  return found;
}

/**
 * The host end of a sandbox's pair is named after the address it was given: `pd` + the last octet (3 digits) +
 * 8 random hex digits (13 characters, under the kernel's 15). A port vanishes with its sandbox's namespace, so
 * the bridge's ports say which addresses are in use, also those of sandboxes an earlier gateway of the session
 * joined (a gateway started again for a session whose sandboxes still run).
 */
export function hostEndName(ip: string): string {
  const octet = ip.split('.').at(-1) ?? '';
  return `pd${octet.padStart(3, '0')}${randomBytes(4).toString('hex')}`;
}

/** The addresses (in the /24 of `bridgeIp`) that the ports named `names` were made for. */
export function addressesOfPorts(names: readonly string[], bridgeIp: string): string[] {
  const prefix = bridgeIp.split('.').slice(0, 3).join('.');
  return names.flatMap((n) => {
    const m = /^pd(\d{3})[0-9a-f]{8}$/.exec(n);
    return m ? [`${prefix}.${Number(m[1])}`] : [];
  });
}

/** The addresses of the sandboxes on `bridge` now (its ports, from sysfs). */
export async function addressesOnBridge(bridge: string, bridgeIp: string): Promise<string[]> {
  return addressesOfPorts(await readdir(`/sys/class/net/${bridge}/brif`).catch(() => []), bridgeIp);
}

/** The two `ip -batch` lines that make the pair: `eth0` in the netns of `pid`, `host` on `bridge`. */
export function vethCommands(host: string, pid: number, bridge: string): string {
  return `link add ${host} type veth peer name eth0 netns ${pid}\nlink set ${host} master ${bridge} up\n`;
}

/**
 * Join the netns of `pid` to `bridge` for address `ip` (one `ip` process on the host). The host end goes with
 * the netns: nothing to undo when the sandbox goes, or when this fails and the sandbox is removed.
 */
export async function joinBridge(pid: number, ip: string, bridge: string, timeoutMs = 10_000): Promise<void> {
  try {
    await runWithInput('ip', ['-batch', '-'], vethCommands(hostEndName(ip), pid, bridge), timeoutMs);
  } catch (error) {
    bridges.clear(); // the network may have been made again, under another bridge
    throw new PaddockError(
      'FENCE_FAILED',
      `cannot join sandbox pid ${pid} to the session network: ${errorMessage(error)}`,
      { cause: error },
    );
  }
}
