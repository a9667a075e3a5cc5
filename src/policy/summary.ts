import type { Policy } from './types.js';

export interface EnforcementSummary {
  /** What Paddock enforces for this policy. */
  readonly enforced: string[];
  /** What the policy says that Paddock does not enforce (and how it fails closed, where it does). */
  readonly notEnforced: string[];
}

/** A plain-language account of which parts of a policy Paddock enforces. Pure. */
export function enforcementSummary(policy: Policy): EnforcementSummary {
  const enforced: string[] = [];
  const notEnforced: string[] = [];
  const fs = policy.filesystem_policy;
  enforced.push(
    `filesystem: read-only root; writable: ${[...new Set(['/sandbox', '/tmp', ...fs.read_write])].join(', ')}`,
  );
  notEnforced.push(
    'filesystem: paths outside read_only/read_write stay readable (no Landlock); landlock.compatibility has no effect',
  );
  const user = policy.process.run_as_user;
  enforced.push(
    `process: runs as ${user !== undefined ? `user ${user}` : 'the image user'}${policy.process.run_as_group !== undefined ? `, group ${policy.process.run_as_group}` : ''}; root is refused`,
  );
  const entries = policy.network_policies;
  enforced.push(
    entries.length === 0
      ? 'network: every connection and DNS name denied (no network_policies)'
      : `network: ${entries.length} entr${entries.length === 1 ? 'y' : 'ies'}, decided per connection on binary (exe or ancestor), host and port; everything else denied`,
  );
  for (const entry of entries) {
    entry.endpoints.forEach((e, i) => {
      const where = `network_policies.${entry.key}.endpoints[${i}] (${e.host ?? e.ip ?? 'allowed_ips'})`;
      const l7 = e.access !== 'full' || e.rules?.length || e.deny_rules?.length;
      if (!e.enforceable)
        notEnforced.push(
          `${where}: L7 rules not enforced yet; every connection to it is denied (fail closed)`,
        );
      else if (l7)
        notEnforced.push(
          `${where}: L7 rules not inspected; connections allowed and logged as audit (enforcement: audit)`,
        );
      else if (e.enforcement === 'audit')
        notEnforced.push(`${where}: enforcement: audit; connections allowed and logged as audit`);
      if (e.tls === 'skip')
        notEnforced.push(`${where}: tls: skip has no effect (Paddock never terminates TLS)`);
    });
  }
  return { enforced, notEnforced };
}
