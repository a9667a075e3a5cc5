import { binaryAllowed, decide } from './decide.js';
import { hostMatches, requestGlobMatches } from './glob.js';
import type { BinaryIdentity, Decision, Destination, Endpoint, HttpRequest, Policy } from './types.js';

/** OpenShell's access presets as allow rules (method on any path). */
const PRESETS: Readonly<Record<string, readonly string[]>> = {
  'read-only': ['GET', 'HEAD', 'OPTIONS'],
  'read-write': ['GET', 'HEAD', 'OPTIONS', 'POST', 'PUT', 'PATCH'],
  full: ['*'],
};

type Data = Readonly<Record<string, unknown>>;
const isObject = (v: unknown): v is Data => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** Does this endpoint inspect requests (REST rules or a preset other than full)? */
export function inspectsRequests(e: Endpoint): boolean {
  if (e.protocol === undefined || e.protocol === 'tcp') return false;
  return (
    (e.rules?.length ?? 0) > 0 ||
    (e.deny_rules?.length ?? 0) > 0 ||
    e.access !== 'full' ||
    e.path !== undefined
  );
}

/** The endpoints (of entries whose binaries match) that cover `dest`; what request decisions look at. */
function endpointsFor(
  policy: Policy,
  binary: BinaryIdentity | null,
  dest: Destination,
): { key: string; endpoint: Endpoint }[] {
  const out: { key: string; endpoint: Endpoint }[] = [];
  const name = dest.host?.toLowerCase();
  for (const entry of [...policy.network_policies].sort((a, b) =>
    a.key < b.key ? -1 : a.key > b.key ? 1 : 0,
  )) {
    if (!binaryAllowed(entry, binary)) continue;
    for (const endpoint of entry.endpoints) {
      if (!endpoint.ports.includes(dest.port)) continue;
      if (endpoint.host !== undefined ? name !== undefined && hostMatches(endpoint.host, name) : false)
        out.push({ key: entry.key, endpoint });
    }
  }
  return out;
}

/**
 * Must the gateway see the requests of this connection? True when a matching endpoint inspects
 * requests or says `tls: terminate`. Pure.
 */
export function inspects(policy: Policy, binary: BinaryIdentity | null, dest: Destination): boolean {
  return endpointsFor(policy, binary, dest).some(
    ({ endpoint }) => inspectsRequests(endpoint) || endpoint.tls === 'terminate',
  );
}

/** The methods a rule allows by preset, or the rule's own matchers. */
interface Matcher {
  readonly method: string;
  readonly path: string;
  readonly query?: Data;
  /** For messages: `rules[0]`, `deny_rules[1]`, `access: read-only`. */
  readonly name: string;
}

function allowMatchers(e: Endpoint): Matcher[] {
  if ((e.rules?.length ?? 0) > 0)
    return (e.rules ?? []).flatMap((r, i) => {
      const allow = isObject(r) && isObject(r.allow) ? r.allow : null;
      if (!allow || str(allow.method) === '') return [];
      return [
        {
          method: str(allow.method),
          path: str(allow.path) || '**',
          ...(isObject(allow.query) ? { query: allow.query } : {}),
          name: `rules[${i}]`,
        },
      ];
    });
  return (PRESETS[e.access] ?? []).map((method) => ({ method, path: '**', name: `access: ${e.access}` }));
}

function denyMatchers(e: Endpoint): Matcher[] {
  return (e.deny_rules ?? []).flatMap((r, i) => {
    const d = isObject(r) ? r : null;
    if (!d || str(d.method) === '') return [];
    return [
      {
        method: str(d.method),
        path: str(d.path) || '**',
        ...(isObject(d.query) ? { query: d.query } : {}),
        name: `deny_rules[${i}]`,
      },
    ];
  });
}

function methodMatches(actual: string, expected: string): boolean {
  if (expected === '*') return true;
  const a = actual.toUpperCase();
  const e = expected.toUpperCase();
  return a === e || (a === 'HEAD' && e === 'GET');
}

function pathMatches(path: string, pattern: string): boolean {
  return pattern === '**' || requestGlobMatches(pattern, path, '/');
}

function valueMatches(value: string, matcher: unknown): boolean {
  if (typeof matcher === 'string') return requestGlobMatches(matcher, value, '');
  if (!isObject(matcher)) return false;
  if (str(matcher.glob) !== '') return requestGlobMatches(str(matcher.glob), value, '');
  const any = Array.isArray(matcher.any) ? matcher.any : [];
  return any.some((g) => typeof g === 'string' && requestGlobMatches(g, value, ''));
}

/** Allow side: every configured key is present and every one of its values matches. */
function allowQuery(req: HttpRequest, query: Data | undefined): boolean {
  for (const [key, matcher] of Object.entries(query ?? {})) {
    const values = req.query[key];
    if (!values || values.length === 0 || !values.every((v) => valueMatches(v, matcher))) return false;
  }
  return true;
}

/** Deny side (fail closed): every configured key is present and some value of each matches. */
function denyQuery(req: HttpRequest, query: Data | undefined): boolean {
  for (const [key, matcher] of Object.entries(query ?? {})) {
    const values = req.query[key];
    if (!values || values.length === 0 || !values.some((v) => valueMatches(v, matcher))) return false;
  }
  return true;
}

const hits = (req: HttpRequest, m: Matcher, deny: boolean): boolean =>
  methodMatches(req.method, m.method) &&
  pathMatches(req.path, m.path) &&
  (deny ? denyQuery(req, m.query) : allowQuery(req, m.query));

/**
 * Decide one HTTP request on a connection the gateway inspects (OpenShell v0.0.111 semantics): the
 * connection must be allowed; then some matching endpoint (of an entry whose binaries match, within its
 * `path` scope) must allow the request by `access` or `rules`, and no such endpoint's `deny_rules` may match
 * (deny wins). An endpoint without L7 fields allows every request. `enforcement: audit` endpoints turn their
 * denial into `audit`. An endpoint of a protocol Paddock does not inspect (websocket, graphql, sql, json-rpc,
 * mcp) denies (fail closed). The reason names the rule. Pure.
 */
export function decideRequest(
  policy: Policy,
  binary: BinaryIdentity | null,
  dest: Destination,
  req: HttpRequest,
): Decision {
  const connection = decide(policy, binary, dest);
  if (connection.action === 'deny') return connection;
  const shown = `${req.method} ${req.path}`;
  const scoped = endpointsFor(policy, binary, dest).filter(
    ({ endpoint }) => endpoint.path === undefined || pathMatches(req.path, endpoint.path),
  );
  for (const { key, endpoint } of scoped) {
    const rule = denyMatchers(endpoint).find((m) => hits(req, m, true));
    if (rule)
      return verdict(
        endpoint,
        key,
        `${shown} denied by ${rule.name} of policy '${key}' (line ${endpoint.line ?? '?'})`,
      );
  }
  let refused: { key: string; endpoint: Endpoint; reason: string } | null = null;
  for (const { key, endpoint } of scoped) {
    if (!inspectsRequests(endpoint)) {
      const action = endpoint.enforcement === 'audit' ? 'audit' : 'allow';
      return { action, policy: key, reason: `${shown} allowed by policy '${key}' (no request rules)` };
    }
    if (req.encodedSlash && endpoint.allow_encoded_slash !== true) {
      refused ??= {
        key,
        endpoint,
        reason: `${shown}: encoded slash (%2F) in the path, and the endpoint does not set allow_encoded_slash`,
      };
      continue;
    }
    if (endpoint.protocol !== 'rest') {
      refused ??= {
        key,
        endpoint,
        reason: `${shown}: protocol ${endpoint.protocol} requests are not inspected by Paddock (fail closed)`,
      };
      continue;
    }
    const rule = allowMatchers(endpoint).find((m) => hits(req, m, false));
    if (rule)
      return { action: 'allow', policy: key, reason: `${shown} allowed by ${rule.name} of policy '${key}'` };
    refused ??= {
      key,
      endpoint,
      reason: `${shown} not permitted by policy '${key}' (line ${endpoint.line ?? '?'}): no rule allows it`,
    };
  }
  if (refused) return verdict(refused.endpoint, refused.key, refused.reason);
  return { action: 'deny', policy: null, reason: `${shown}: no endpoint covers this path` };
}

/** A denial, or `audit` on an endpoint in audit mode. */
function verdict(endpoint: Endpoint, key: string, reason: string): Decision {
  return endpoint.enforcement === 'audit'
    ? { action: 'audit', policy: key, reason: `audit: ${reason}` }
    : { action: 'deny', policy: key, reason };
}
