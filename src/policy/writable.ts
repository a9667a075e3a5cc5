import type { Policy } from './types.js';

/** Writable in every sandbox: the working directory (also HOME) and /tmp. */
export const ALWAYS_WRITABLE = ['/sandbox', '/tmp'] as const;

/** The paths a sandbox can write: /sandbox, /tmp and `filesystem_policy.read_write`, each once. Pure. */
export function writablePaths(policy: Policy): string[] {
  return [...new Set([...ALWAYS_WRITABLE, ...policy.filesystem_policy.read_write])];
}
