import { readdirSync, readlinkSync } from 'node:fs';
import {
  type BinaryBinding,
  bindBinaries,
  type PathKind,
  type Policy,
  type SandboxFs,
  withBindings,
} from '../policy/index.js';

/**
 * The sandbox's filesystem as the host sees it: `/proc/<holder pid>/root/…`. resolvePath only hands it paths
 * whose directories are already resolved (no symlink on the way), so the kernel never follows a link of the
 * sandbox against the host's root; readlink does not follow the last component.
 */
export function sandboxFs(pid: number, proc = '/proc'): SandboxFs {
  const root = `${proc}/${pid}/root`;
  return {
    async lookup(path: string): Promise<PathKind> {
      try {
        return { kind: 'link', target: readlinkSync(root + path) };
      } catch (error) {
        return (error as NodeJS.ErrnoException).code === 'EINVAL' ? { kind: 'other' } : { kind: 'missing' };
      }
    },
    async list(dir: string) {
      try {
        return readdirSync(root + dir);
      } catch {
        return null; // unreadable: no entries, so fewer binaries match (a denial), never more
      }
    },
  };
}

/** A sandbox's policy with its binary paths resolved in the sandbox: what decisions use, and the report. */
export interface BoundPolicy {
  /** The written policy plus each path's resolved targets. */
  readonly policy: Policy;
  readonly bindings: readonly BinaryBinding[];
  /** One line per path that is or resolves into a location the sandbox can write. */
  readonly warnings: readonly string[];
}

/**
 * Resolve a policy's binary paths in the sandbox of holder `pid` (at fence time and on every hot reload).
 * When the sandbox's root cannot be read the written paths alone match (fewer matches, never more).
 */
export async function bindPolicy(policy: Policy, pid: number, proc = '/proc'): Promise<BoundPolicy> {
  let bindings: BinaryBinding[];
  try {
    bindings = await bindBinaries(policy, sandboxFs(pid, proc));
  } catch {
    // The root cannot be read: the written paths alone match (fewer matches, never more).
    return { policy, bindings: [], warnings: [] };
  }
  return { policy: withBindings(policy, bindings), bindings, warnings: bindingWarnings(bindings) };
}

/** The warning lines for paths that are, or resolve into, locations the sandbox can write. */
export function bindingWarnings(bindings: readonly BinaryBinding[]): string[] {
  return bindings
    .filter((b) => b.writable.length > 0)
    .map(
      (b) =>
        `policy '${b.policy}': binary ${b.path}${b.writable.includes(b.path) ? '' : ` resolves to ${b.writable.join(', ')}, which`} is in a location the sandbox can write: any code there takes that entry's rights`,
    );
}
