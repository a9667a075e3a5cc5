import { appendFile, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { PaddockError } from '../common/errors.js';
import { parseMountinfo } from './mountinfo.js';

/** `…/containers/<id>/resolv.conf` → `<id>`. */
export function containerIdOf(resolvConfPath: string): string | null {
  return /\/containers\/([0-9a-f]{12,64})\/resolv\.conf$/.exec(resolvConfPath)?.[1] ?? null;
}

/** Does the sandbox's /etc/`file` mount (from /proc/<pid>/mountinfo) come from this container's file? */
export function mountedFrom(mountinfo: string, id: string, file = 'resolv.conf'): boolean {
  return parseMountinfo(mountinfo).some(
    (m) => m.point === `/etc/${file}` && m.root.endsWith(`/containers/${id}/${file}`),
  );
}

export function resolvConfText(bridgeIp: string): string {
  return `# written by the paddock gateway\nnameserver ${bridgeIp}\noptions ndots:0\n`;
}

/** A sandbox's /etc files as the engine bind-mounts them from its container folder, read once per registration. */
export interface SandboxEtc {
  /** The container folder on the host (beside `resolv.conf`). */
  readonly dir: string;
  /** Is the sandbox's /etc/`file` this container's file? */
  readonly mounted: (file: string) => boolean;
}

/** The container folder of `resolvConfPath` and the sandbox's mounts (one read of /proc/<pid>/mountinfo). */
export async function sandboxEtc(resolvConfPath: string, pid: number): Promise<SandboxEtc> {
  const id = containerIdOf(resolvConfPath);
  const mountinfo = await readFile(`/proc/${pid}/mountinfo`, 'utf8').catch(() => '');
  return { dir: dirname(resolvConfPath), mounted: (file) => id !== null && mountedFrom(mountinfo, id, file) };
}

/**
 * Point the sandbox's resolver at the gateway: rewrite the host file Docker bind-mounts read-only
 * as /etc/resolv.conf, in place (the bind mount follows the inode), after checking it is that sandbox's.
 */
export async function rewriteResolvConf(etc: SandboxEtc, pid: number, bridgeIp: string): Promise<void> {
  const path = join(etc.dir, 'resolv.conf');
  if (!etc.mounted('resolv.conf')) {
    throw new PaddockError(
      'FENCE_FAILED',
      `resolv.conf ${path} is not the one mounted in sandbox pid ${pid}; refusing to rewrite it`,
    );
  }
  await writeFile(path, resolvConfText(bridgeIp));
}

/** The hosts line that makes a sandbox's own name resolve to its address (the engine writes it for its endpoints). */
export function hostsLine(ip: string, hostname: string): string {
  return `${ip}\t${hostname}\n`;
}

/**
 * A sandbox the gateway joined to the network (plumbing.ts) has no engine endpoint, so its /etc/hosts names only
 * localhost: add its address under its hostname, in the host file Docker bind-mounts (beside resolv.conf),
 * after checking both are that sandbox's.
 */
export async function addHostsEntry(etc: SandboxEtc, pid: number, ip: string): Promise<void> {
  if (!etc.mounted('hosts') || !etc.mounted('hostname')) {
    throw new PaddockError(
      'FENCE_FAILED',
      `the hosts file beside ${join(etc.dir, 'resolv.conf')} is not the one mounted in sandbox pid ${pid}; refusing to write it`,
    );
  }
  const hostname = (await readFile(join(etc.dir, 'hostname'), 'utf8')).trim();
  if (hostname !== '') await appendFile(join(etc.dir, 'hosts'), hostsLine(ip, hostname));
}
