/**
 * OpenShell's L7 endpoint rules (v0.0.111): which combinations of protocol, access, rules and
 * deny_rules it accepts, and the per-rule checks for REST, WebSocket, GraphQL, SQL, JSON-RPC and MCP.
 * Paddock enforces REST rules per request (request.ts); the rest are checked so a policy means the same in both. Pure.
 */

/** Reports one problem at a path inside the endpoint (e.g. `['rules', 0, 'allow', 'method']`). */
export type Report = (path: readonly (string | number)[], message: string) => void;

export interface L7Input {
  /** The endpoint as plain data (what the YAML says). */
  readonly ep: Readonly<Record<string, unknown>>;
  /** Lower-cased protocol, '' when omitted. */
  readonly protocol: string;
  readonly error: Report;
  readonly warn: Report;
}

const KNOWN = ['rest', 'websocket', 'graphql', 'sql', 'json-rpc', 'mcp'];
const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', '*'];
const WS_METHODS = ['GET', 'WEBSOCKET_TEXT', '*'];
const GRAPHQL_OPS = ['query', 'mutation', 'subscription', '*'];

type Data = Readonly<Record<string, unknown>>;
const isObject = (v: unknown): v is Data => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const list = (v: unknown): unknown[] | null => (Array.isArray(v) ? v : null);

/** Every check OpenShell makes on an endpoint's L7 fields; problems go to `error` and `warn`. */
export function checkL7(input: L7Input): void {
  const { ep, protocol, error, warn } = input;
  const known = KNOWN.includes(protocol);
  const tcp = protocol === 'tcp';
  const jsonrpcFamily = protocol === 'json-rpc' || protocol === 'mcp';
  const access = str(ep.access);
  const rules = list(ep.rules);
  const denyRules = list(ep.deny_rules);
  const hasRules = (rules?.length ?? 0) > 0;
  const hasDeny = (denyRules?.length ?? 0) > 0;
  const mcp = isObject(ep.mcp) ? ep.mcp : {};
  const allowAll = mcp.allow_all_known_mcp_methods === true;
  const strictToolNames = mcp.strict_tool_names !== false;

  if (protocol !== '' && !known && !tcp) {
    error(
      ['protocol'],
      `unknown protocol '${protocol}' (expected tcp, rest, websocket, graphql, sql, json-rpc, or mcp)`,
    );
  }
  if (tcp && (access !== '' || hasRules || hasDeny)) {
    error(['protocol'], 'protocol tcp does not support access, rules, or deny_rules; remove those L7 fields');
  }
  if (hasRules && access !== '') error(['access'], 'rules and access are mutually exclusive');
  if (jsonrpcFamily && access !== '') {
    error(
      ['access'],
      protocol === 'mcp'
        ? 'protocol mcp does not support access presets; use rules/deny_rules or set mcp.allow_all_known_mcp_methods: true for an allow-all MCP policy'
        : 'protocol json-rpc does not support access presets; use explicit rules with allow.method such as "*"',
    );
  }
  if (protocol === 'json-rpc' && !hasRules && access === '')
    error(['protocol'], 'protocol json-rpc requires explicit rules with allow.method');
  if (known && !jsonrpcFamily && !hasRules && access === '')
    error(['protocol'], 'protocol requires rules or access to define allowed traffic');
  if (protocol === 'mcp' && !hasRules && access === '' && !allowAll)
    error(['protocol'], 'protocol mcp requires rules when mcp.allow_all_known_mcp_methods is false');
  if (hasRules && rules!.every((r) => deniesAll(r)) && !(protocol === 'mcp' && allowAll)) {
    error(
      ['rules'],
      'rules would deny all traffic (no allow clause found). Use `access: full` or add allow clauses to rules.',
    );
  }
  if (hasDeny && !known) error(['deny_rules'], 'deny_rules require protocol (L7 inspection must be enabled)');
  if (hasDeny && protocol !== 'mcp' && !hasRules && access === '')
    error(['deny_rules'], 'deny_rules require rules or access to define the base allow set');
  if (rules && rules.length === 0)
    error(
      ['rules'],
      'rules list cannot be empty (would deny all traffic). Use `access: full` or remove rules.',
    );
  if (denyRules && denyRules.length === 0)
    error(
      ['deny_rules'],
      'deny_rules list cannot be empty (would have no effect). Remove it if no denials are needed.',
    );
  if (access !== '' && !['read-only', 'read-write', 'full'].includes(access) && known && !jsonrpcFamily) {
    warn(
      ['access'],
      `unsupported L7 access preset '${access}' ignored; expected one of: read-only, read-write, full`,
    );
  }
  if (protocol === 'sql' && str(ep.enforcement) === 'enforce') {
    error(
      ['enforcement'],
      'SQL enforcement requires full SQL parsing (not available in v1). Use `enforcement: audit`.',
    );
  }
  const tls = str(ep.tls);
  const ports = portsOf(ep);
  if (tls === 'skip' && protocol !== '' && ports.includes(443)) {
    warn(['tls'], "'tls: skip' with L7 rules on port 443 — L7 inspection cannot work on encrypted traffic");
  }
  checkEndpointOptions(input);

  const toolAllow =
    protocol === 'mcp' && (rules ?? []).some((r) => hasToolSelector(isObject(r) ? (r.allow ?? r) : r));
  rules?.forEach((rule, i) => {
    const allow = isObject(rule) && isObject(rule.allow) ? rule.allow : {};
    const at = ['rules', i, 'allow'];
    const report: Report = (p, m) => error([...at, ...p], m);
    const note: Report = (p, m) => warn([...at, ...p], m);
    if (toolAllow && !hasToolSelector(allow)) {
      const method = str(allow.method);
      if (matchesToolsCall(method) || (method === '' && allowAll)) {
        report(
          [],
          'method matcher allows every tool call and conflicts with MCP tool allow rules; add tool or params.name to narrow tools/call, or remove the tool allow rules',
        );
      }
    }
    checkRule(allow, protocol, { strictToolNames, allowAll }, report, note, true);
  });
  denyRules?.forEach((rule, i) => {
    const deny = isObject(rule) ? rule : {};
    const report: Report = (p, m) => error(['deny_rules', i, ...p], m);
    const note: Report = (p, m) => warn(['deny_rules', i, ...p], m);
    if (
      toolAllow &&
      matchesToolsCall(str(deny.method)) &&
      deny.method !== undefined &&
      !hasToolSelector(deny)
    ) {
      report(
        ['method'],
        'method matcher denies every tool call and conflicts with MCP tool allow rules; add tool or params.name to deny specific tools, or remove the tool allow rules',
      );
    }
    checkRule(deny, protocol, { strictToolNames, allowAll }, report, note, false);
  });
}

/** The ports an endpoint really has (`ports` wins over `port`; 0 means none). */
export function portsOf(ep: Data): number[] {
  const ports = list(ep.ports);
  if (ports && ports.length > 0) return ports.filter((p): p is number => typeof p === 'number');
  return typeof ep.port === 'number' && ep.port > 0 ? [ep.port] : [];
}

function checkEndpointOptions({ ep, protocol, error, warn }: L7Input): void {
  const pq = str(ep.persisted_queries);
  if (pq !== '' && pq !== 'deny' && pq !== 'allow_registered')
    error(['persisted_queries'], `persisted_queries must be 'deny' or 'allow_registered', got '${pq}'`);
  if (ep.graphql_max_body_bytes !== undefined && !positive(ep.graphql_max_body_bytes))
    error(['graphql_max_body_bytes'], 'graphql_max_body_bytes must be a positive integer');
  const family = protocol === 'json-rpc' || protocol === 'mcp';
  for (const stanza of ['json_rpc', 'mcp'] as const) {
    const s = ep[stanza];
    if (isObject(s) && s.max_body_bytes !== undefined && !positive(s.max_body_bytes))
      error([stanza, 'max_body_bytes'], 'json_rpc_max_body_bytes must be a positive integer');
    if (isObject(s) && s.max_body_bytes !== undefined && !family)
      warn([stanza], 'JSON-RPC-specific endpoint fields are ignored unless protocol is json-rpc or mcp');
  }
  if (isObject(ep.mcp)) {
    for (const key of ['strict_tool_names', 'allow_all_known_mcp_methods']) {
      if (ep.mcp[key] === undefined) continue;
      if (typeof ep.mcp[key] !== 'boolean') error(['mcp', key], `mcp.${key} must be boolean`);
      if (protocol !== 'mcp') error(['mcp', key], `mcp.${key} is only valid for protocol mcp`);
    }
  }
  if (
    protocol !== 'graphql' &&
    protocol !== 'websocket' &&
    (ep.persisted_queries !== undefined ||
      ep.graphql_persisted_queries !== undefined ||
      ep.graphql_max_body_bytes !== undefined)
  ) {
    warn([], 'GraphQL-specific endpoint fields are ignored unless protocol is graphql or websocket');
  }
  if (ep.websocket_credential_rewrite === true && protocol !== 'rest' && protocol !== 'websocket')
    warn(
      ['websocket_credential_rewrite'],
      'websocket_credential_rewrite is ignored unless protocol is rest or websocket',
    );
  if (ep.request_body_credential_rewrite === true && protocol !== 'rest')
    warn(
      ['request_body_credential_rewrite'],
      'request_body_credential_rewrite is ignored unless protocol is rest',
    );
  const registry = ep.graphql_persisted_queries;
  if (registry !== undefined) {
    if (!isObject(registry))
      error(
        ['graphql_persisted_queries'],
        'graphql_persisted_queries must be a map keyed by hash or saved-query id',
      );
    else
      for (const [key, op] of Object.entries(registry)) {
        const r: Report = (p, m) => error(['graphql_persisted_queries', key, ...p], m);
        const w: Report = (p, m) => warn(['graphql_persisted_queries', key, ...p], m);
        checkGraphqlRule(isObject(op) ? op : {}, r, w);
      }
  }
}

interface McpOptions {
  readonly strictToolNames: boolean;
  readonly allowAll: boolean;
}

function checkRule(
  rule: Data,
  protocol: string,
  mcp: McpOptions,
  error: Report,
  warn: Report,
  allowSide: boolean,
): void {
  const method = str(rule.method);
  if ((protocol === 'rest' || protocol === 'websocket') && method !== '') {
    const valid = protocol === 'websocket' ? WS_METHODS : HTTP_METHODS;
    if (!valid.includes(method.toUpperCase()))
      warn(['method'], `Unknown HTTP/WebSocket method '${method}'. Standard methods: ${valid.join(', ')}.`);
  }
  for (const key of ['path', 'operation_name']) {
    const g = str(rule[key]);
    const problem = g === '' ? null : globProblem(g);
    if (problem) warn([key], problem);
  }
  if (rule.query !== undefined && rule.query !== null) checkMatcherMap(rule.query, ['query'], error, warn);
  checkJsonRpc(rule, protocol, mcp, error, warn);
  if (!allowSide && str(rule.command) !== '' && protocol === 'rest')
    warn([], 'command is for SQL protocol, not REST');
  const graphqlFields = hasGraphqlFields(rule);
  if (protocol === 'websocket' && graphqlFields && hasTransportFields(rule)) {
    error(
      [],
      `WebSocket GraphQL ${allowSide ? 'allow' : 'deny'} rules must not combine method/path/query with operation_type/operation_name/fields`,
    );
  }
  if (protocol === 'graphql' || (protocol === 'websocket' && graphqlFields))
    checkGraphqlRule(rule, error, warn);
  else if (graphqlFields) warn([], 'GraphQL rule fields are ignored unless protocol is graphql or websocket');
}

function checkJsonRpc(rule: Data, protocol: string, mcp: McpOptions, error: Report, warn: Report): void {
  const method = str(rule.method);
  const hasParams = rule.params !== undefined && rule.params !== null;
  const hasTool = rule.tool !== undefined && rule.tool !== null;
  const pathOrQuery = str(rule.path) !== '' || (isObject(rule.query) && Object.keys(rule.query).length > 0);
  if (protocol === 'json-rpc') {
    if (method === '') error(['method'], 'required for json-rpc L7 rules');
    else if (method !== '*' && usesWildcard(method))
      error(
        ['method'],
        'generic JSON-RPC method rules do not support glob or wildcard matchers; use "*" to allow all methods or an exact method name',
      );
    if (hasParams) error([], 'JSON-RPC rules do not support params matchers yet');
    if (hasTool) error(['tool'], 'MCP tool matching is only valid for protocol mcp');
    if (pathOrQuery) error([], 'json-rpc L7 rules must use method, not path/query');
    return;
  }
  if (protocol === 'mcp') {
    if (method !== '') {
      const problem = globProblem(method);
      if (problem) warn(['method'], problem);
      if (usesWildcard(method) && !method.startsWith('tools/'))
        error(
          ['method'],
          'MCP method globs are only valid for the tools/ method family; omit method to use the endpoint method profile',
        );
    }
    if (method === '' && !mcp.allowAll)
      error(['method'], 'required when mcp.allow_all_known_mcp_methods is false');
    else if (hasToolSelector(rule) && method !== '' && method !== 'tools/call')
      error(['method'], `must be tools/call when an MCP rule uses tool or params.name, got '${method}'`);
    if (hasTool) {
      checkMatcher(rule.tool, ['tool'], error, warn);
      if (!mcp.strictToolNames && matcherUsesWildcard(rule.tool))
        error(['tool'], 'wildcard tool-name matchers require mcp.strict_tool_names to remain enabled');
    }
    if (hasParams) {
      if (!isObject(rule.params)) error(['params'], 'expected map of matchers');
      else {
        if (hasTool && 'name' in rule.params)
          error([], 'MCP rules must use either tool or params.name, not both');
        for (const key of Object.keys(rule.params))
          if (key !== 'name') error(['params', key], 'MCP tool argument matching is not supported yet');
        if (rule.params.name !== undefined) {
          checkMatcher(rule.params.name, ['params', 'name'], error, warn);
          if (!mcp.strictToolNames && matcherUsesWildcard(rule.params.name))
            error(
              ['params', 'name'],
              'wildcard tool-name matchers require mcp.strict_tool_names to remain enabled',
            );
        }
      }
    }
    if (pathOrQuery) error([], 'mcp L7 rules must use method/tool, not path/query');
    return;
  }
  if (hasTool) error(['tool'], 'MCP tool matching is only valid for protocol mcp');
  if (hasParams) error(['params'], 'params matching is only valid for protocol mcp');
}

function checkGraphqlRule(rule: Data, error: Report, warn: Report): void {
  const op = str(rule.operation_type);
  if (op === '') error(['operation_type'], 'required for GraphQL L7 rules');
  else if (!GRAPHQL_OPS.includes(op.toLowerCase()))
    error(['operation_type'], `expected query, mutation, subscription, or *, got '${op}'`);
  const name = str(rule.operation_name);
  const problem = name === '' ? null : globProblem(name);
  if (problem) warn(['operation_name'], problem);
  if (rule.fields === undefined) return;
  const fields = list(rule.fields);
  if (!fields) error(['fields'], 'expected array of GraphQL root field globs');
  else if (fields.length === 0)
    error(['fields'], 'list must not be empty; omit fields to match all root fields');
  else
    for (const f of fields) {
      if (typeof f !== 'string') error(['fields'], 'all values must be strings');
      else if (f === '') error(['fields'], 'field glob must not be empty');
      else {
        const p = globProblem(f);
        if (p) warn(['fields'], p);
      }
    }
}

function checkMatcherMap(value: unknown, at: (string | number)[], error: Report, warn: Report): void {
  if (!isObject(value)) {
    error(at, 'expected map of matchers');
    return;
  }
  for (const [key, m] of Object.entries(value)) checkMatcher(m, [...at, key], error, warn);
}

/** A matcher: a glob string, or `{ any: [globs] }`. */
function checkMatcher(m: unknown, at: (string | number)[], error: Report, warn: Report): void {
  if (typeof m === 'string') {
    const p = globProblem(m);
    if (p) warn(at, p);
    return;
  }
  if (!isObject(m)) {
    error(at, 'expected string glob or matcher object');
    return;
  }
  const keys = Object.keys(m);
  if (keys.length === 0 || keys.some((k) => k !== 'any')) {
    error(at, 'unknown matcher keys; only a glob string or `any` are supported');
    return;
  }
  const any = list(m.any);
  if (!any) error([...at, 'any'], 'expected array of glob strings');
  else if (any.length === 0) error([...at, 'any'], 'list must not be empty');
  else if (any.some((v) => typeof v !== 'string')) error([...at, 'any'], 'all values must be strings');
  else
    for (const g of any as string[]) {
      const p = globProblem(g);
      if (p) warn([...at, 'any'], p);
    }
}

/** OpenShell's glob syntax warning: unbalanced `[]` or `{}`. */
export function globProblem(pattern: string): string | null {
  for (const [open, close] of [
    ['[', ']'],
    ['{', '}'],
  ] as const) {
    let depth = 0;
    for (const c of pattern) {
      if (c === open) depth++;
      else if (c === close) {
        if (depth === 0) return `glob pattern '${pattern}' has unmatched '${close}'`;
        depth--;
      }
    }
    if (depth > 0) return `glob pattern '${pattern}' has unclosed '${open}'`;
  }
  return null;
}

function deniesAll(rule: unknown): boolean {
  const allow = isObject(rule) ? rule.allow : undefined;
  if (!isObject(allow)) return true;
  return (
    ['method', 'path', 'command', 'operation_type', 'operation_name'].every((k) => str(allow[k]) === '') &&
    !hasToolSelector(allow)
  );
}

function hasToolSelector(rule: unknown): boolean {
  if (!isObject(rule)) return false;
  if (rule.tool !== undefined && rule.tool !== null) return true;
  return isObject(rule.params) && rule.params.name !== undefined && rule.params.name !== null;
}

function matchesToolsCall(method: string): boolean {
  if (method === 'tools/call' || method === '*') return true;
  if (!usesWildcard(method)) return false;
  const re = new RegExp(
    `^${method
      .replace(/[.+^${}()|\\]/g, '\\$&')
      .replaceAll('*', '.*')
      .replaceAll('?', '.')}$`,
  );
  return re.test('tools/call');
}

function usesWildcard(glob: string): boolean {
  return /[*?[\]{}]/.test(glob);
}

function matcherUsesWildcard(m: unknown): boolean {
  if (typeof m === 'string') return usesWildcard(m);
  const any = isObject(m) ? list(m.any) : null;
  return (any ?? []).some((v) => typeof v === 'string' && usesWildcard(v));
}

function hasGraphqlFields(rule: Data): boolean {
  return str(rule.operation_type) !== '' || str(rule.operation_name) !== '' || rule.fields !== undefined;
}

function hasTransportFields(rule: Data): boolean {
  return rule.method !== undefined || rule.path !== undefined || rule.query !== undefined;
}

function positive(v: unknown): boolean {
  return typeof v === 'number' && Number.isInteger(v) && v > 0;
}

/**
 * True when an endpoint's rules let every request through (REST/WebSocket `access: full`, or an allow
 * rule of any method on `**` with no other selector, and no deny_rules), so checking the connection
 * alone decides exactly what OpenShell's inspection would.
 */
export function allowsEveryRequest(ep: Data, protocol: string): boolean {
  if (protocol !== 'rest' && protocol !== 'websocket') return false;
  if ((list(ep.deny_rules)?.length ?? 0) > 0 || str(ep.path) !== '') return false;
  if (str(ep.access) === 'full') return true;
  return (list(ep.rules) ?? []).some((r) => {
    const a = isObject(r) && isObject(r.allow) ? r.allow : null;
    if (!a) return false;
    const keys = Object.keys(a).filter((k) => a[k] !== undefined && a[k] !== '');
    return (
      str(a.method) === '*' &&
      ['**', '/**'].includes(str(a.path)) &&
      keys.every((k) => k === 'method' || k === 'path')
    );
  });
}
