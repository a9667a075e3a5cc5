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

/**
 * Point the sandbox's resolver at the gateway: rewrite the host file Docker bind-mounts read-only
 * as /etc/resolv.conf, in place (the bind mount follows the inode), after checking it is that sandbox's.
 */
export async function rewriteResolvConf(
  resolvConfPath: string,
  pid: number,
  bridgeIp: string,
): Promise<void> {
  const id = containerIdOf(resolvConfPath);
  const mountinfo = await readFile(`/proc/${pid}/mountinfo`, 'utf8').catch(() => '');
  if (!id || !mountedFrom(mountinfo, id)) {
    throw new PaddockError(
      'FENCE_FAILED',
      `resolv.conf ${resolvConfPath} is not the one mounted in sandbox pid ${pid}; refusing to rewrite it`,
    );
  }
  await writeFile(resolvConfPath, resolvConfText(bridgeIp));
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
export async function addHostsEntry(resolvConfPath: string, pid: number, ip: string): Promise<void> {
  const id = containerIdOf(resolvConfPath);
  const mountinfo = await readFile(`/proc/${pid}/mountinfo`, 'utf8').catch(() => '');
  if (!id || !mountedFrom(mountinfo, id, 'hosts') || !mountedFrom(mountinfo, id, 'hostname')) {
    throw new PaddockError(
      'FENCE_FAILED',
      `the hosts file beside ${resolvConfPath} is not the one mounted in sandbox pid ${pid}; refusing to write it`,
    );
  }
  const dir = dirname(resolvConfPath);
  const hostname = (await readFile(join(dir, 'hostname'), 'utf8')).trim();
  if (hostname !== '') await appendFile(join(dir, 'hosts'), hostsLine(ip, hostname));
}
