import type { BinaryRule, Endpoint, Policy } from '../policy/types.js';

/**
 * A policy arriving over the control API is already parsed by the caller; check its shape so a broken
 * one is rejected whole (and the last valid one stays). Returns the problems found.
 */
export function policyProblems(value: unknown): string[] {
  const p = value as Partial<Policy> | null;
  if (!p || typeof p !== 'object') return ['policy: expected an object'];
  const problems: string[] = [];
  if (p.version !== 1) problems.push(`policy.version: expected 1, got ${JSON.stringify(p.version)}`);
  if (!p.filesystem_policy || typeof p.filesystem_policy !== 'object')
    problems.push('policy.filesystem_policy: expected an object');
  if (!p.process || typeof p.process !== 'object') problems.push('policy.process: expected an object');
  if (!Array.isArray(p.network_policies)) return [...problems, 'policy.network_policies: expected a list'];
  p.network_policies.forEach((n, i) => {
    const at = `policy.network_policies[${i}]`;
    if (!n || typeof n.key !== 'string') problems.push(`${at}.key: expected a string`);
    if (!Array.isArray(n?.endpoints)) problems.push(`${at}.endpoints: expected a list`);
    else
      n.endpoints.forEach((e: Partial<Endpoint> | null, j: number) => {
        if (!e || (typeof e.host !== 'string' && typeof e.ip !== 'string'))
          problems.push(`${at}.endpoints[${j}]: expected host or ip`);
        if (!Array.isArray(e?.ports)) problems.push(`${at}.endpoints[${j}].ports: expected a list`);
      });
    if (
      !Array.isArray(n?.binaries) ||
      n.binaries.some((b: Partial<BinaryRule> | null) => typeof b?.path !== 'string')
    )
      problems.push(`${at}.binaries: expected a list of { path }`);
  });
  return problems;
}
