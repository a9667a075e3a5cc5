import type { Endpoint, Policy } from './types.js';
import { writablePaths } from './writable.js';

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
  enforced.push(`filesystem: read-only root; writable: ${writablePaths(policy).join(', ')}`);
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
      const where = `network_policies.${entry.key}.endpoints[${i}] (${e.host ?? e.ip ?? 'allowed_ips'}:${e.ports.join(',')})`;
      const notes = e.notEnforced ?? [];
      if (e.enforceable && notes.length === 0) {
        enforced.push(
          `${where}: ${e.enforcement === 'audit' ? 'allowed and logged as audit' : 'allowed'} at the connection${addressRule(e)}`,
        );
      } else if (e.enforceable)
        enforced.push(
          `${where}: connection allowed${e.enforcement === 'audit' ? ' and logged as audit' : ''}${addressRule(e)}`,
        );
      else enforced.push(`${where}: every connection denied (fail closed)`);
      for (const note of notes) notEnforced.push(`${where}: ${note}`);
      if (e.enforceable && notes.length === 0 && e.enforcement === 'audit')
        notEnforced.push(`${where}: enforcement: audit; connections allowed and logged as audit`);
    });
  }
  for (const m of policy.network_middlewares ?? [])
    notEnforced.push(
      `network_middlewares.${m.key} (${m.middleware}): not run by Paddock; ${m.on_error === 'fail_closed' ? 'endpoints it selects deny every connection (on_error: fail_closed)' : 'endpoints it selects go through without it (on_error: fail_open)'}`,
    );
  return { enforced, notEnforced };
}

/** How the endpoint's resolved addresses are checked (OpenShell's rules), for the summary. */
function addressRule(e: Endpoint): string {
  if (e.allowed_ips.length > 0)
    return `; addresses must be in ${e.allowed_ips.join(', ')}; control-plane ports refused`;
  if (e.ip !== undefined) return `; address ${e.ip}; control-plane ports refused`;
  if (e.host?.includes('*')) return '; public addresses only';
  return '; any address but loopback/link-local; control-plane ports refused';
}
