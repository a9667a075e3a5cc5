import type { Enforcement } from './types.js';

/** Credential fields: Paddock forwards requests as sent (no injection, rewrite or signing from policy). */
export const CREDENTIALS = [
  'credential_binding',
  'credential_signing',
  'request_body_credential_rewrite',
  'websocket_credential_rewrite',
  'allow_uninspected_credentials',
];

/** What the endpoint says that Paddock does not enforce, and what it does instead. */
export function describeUnenforced(
  data: Record<string, unknown>,
  protocol: string,
  restricted: boolean,
  enforcement: Enforcement,
): string[] {
  const out: string[] = [];
  const what = [
    `protocol: ${protocol}`,
    data.access !== undefined ? `access: ${String(data.access)}` : null,
    data.rules !== undefined ? 'rules' : null,
    data.deny_rules !== undefined ? 'deny_rules' : null,
    data.path !== undefined ? `path: ${String(data.path)}` : null,
  ]
    .filter((x): x is string => x !== null)
    .join(', ');
  if (restricted && enforcement === 'enforce')
    out.push(
      `${what}: requests are not inspected by Paddock, so every connection to this endpoint is denied (enforcement: enforce, fail closed)`,
    );
  else if (restricted)
    out.push(
      `${what}: requests are not inspected by Paddock; connections are allowed and logged as audit (enforcement: audit${data.enforcement === undefined ? ', the OpenShell default for L7 endpoints' : ''})`,
    );
  else if (
    protocol === '' &&
    (data.rules !== undefined || data.deny_rules !== undefined || data.access !== undefined)
  )
    out.push(
      'access/rules/deny_rules without `protocol` are not inspected by OpenShell either: the endpoint allows every connection to its host and port',
    );
  const credentials = CREDENTIALS.filter((k) => data[k] !== undefined && data[k] !== false);
  if (credentials.length > 0)
    out.push(
      `${credentials.join(', ')}: no credential is injected, rewritten or signed for this endpoint; requests go out as the client sent them`,
    );
  const inspection = [
    'allow_encoded_slash',
    'persisted_queries',
    'graphql_persisted_queries',
    'graphql_max_body_bytes',
    'json_rpc',
    'mcp',
  ].filter((k) => data[k] !== undefined);
  if (inspection.length > 0)
    out.push(
      `${inspection.join(', ')}: request-inspection settings for protocols Paddock does not inspect (it inspects REST only)`,
    );
  if (data.tls === 'skip' && protocol !== '')
    out.push('tls: skip: requests are not inspected, so L7 rules cannot be enforced on this endpoint');
  return out;
}
