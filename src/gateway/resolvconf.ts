import { readFile, writeFile } from 'node:fs/promises';
import { PaddockError } from '../common/errors.js';
import { parseMountinfo } from './mountinfo.js';

/** `…/containers/<id>/resolv.conf` → `<id>`. */
export function containerIdOf(resolvConfPath: string): string | null {
  return /\/containers\/([0-9a-f]{12,64})\/resolv\.conf$/.exec(resolvConfPath)?.[1] ?? null;
}

/** Does the sandbox's /etc/resolv.conf mount (from /proc/<pid>/mountinfo) come from this container's file? */
export function mountedFrom(mountinfo: string, id: string): boolean {
  return parseMountinfo(mountinfo).some(
    (m) => m.point === '/etc/resolv.conf' && m.root.endsWith(`/containers/${id}/resolv.conf`),
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
