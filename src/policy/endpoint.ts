import { isIP } from 'node:net';
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { overlapsAlwaysBlocked, parseCidr } from './address.js';
import { readAllowedIps } from './allowed-ips.js';
import { checkHostPattern, hasControlBytes, normalizeHost } from './glob.js';
import { allowsEveryRequest, checkL7 } from './l7.js';
import { describe, join, readMap, readSeq, type Source } from './source.js';
import type { Access, Endpoint, Enforcement, L7Protocol } from './types.js';
import { CREDENTIALS, describeUnenforced } from './unenforced.js';

/** Endpoint fields OpenShell v0.0.111 accepts. */
const ENDPOINT = [
  'host',
  'path',
  'port',
  'ports',
  'protocol',
  'tls',
  'enforcement',
  'access',
  'rules',
  'deny_rules',
  'allowed_ips',
  'allow_encoded_slash',
  'websocket_credential_rewrite',
  'request_body_credential_rewrite',
  'allow_uninspected_credentials',
  'persisted_queries',
  'graphql_persisted_queries',
  'graphql_max_body_bytes',
  'credential_signing',
  'signing_service',
  'signing_region',
  'credential_binding',
  'json_rpc',
  'mcp',
];
/** Carried in `Endpoint.options`: Paddock parses and checks them, and does not act on them. */
const OPTIONS = ENDPOINT.slice(12);
const BOOLEANS = [
  'allow_encoded_slash',
  'websocket_credential_rewrite',
  'request_body_credential_rewrite',
  'allow_uninspected_credentials',
];
const STRINGS = [
  'host',
  'path',
  'protocol',
  'tls',
  'enforcement',
  'access',
  'persisted_queries',
  'credential_signing',
  'signing_service',
  'signing_region',
];
/** Fields `protocol: tcp` refuses (OpenShell: "L7-only fields"), when set to a non-default value. */
const L7_ONLY = [
  'enforcement',
  'path',
  'allow_encoded_slash',
  'websocket_credential_rewrite',
  'request_body_credential_rewrite',
  'persisted_queries',
  'graphql_persisted_queries',
  'graphql_max_body_bytes',
  'json_rpc',
  'mcp',
  'credential_signing',
  'signing_service',
  'signing_region',
  'credential_binding',
];
const RULE = [
  'method',
  'path',
  'command',
  'query',
  'operation_type',
  'operation_name',
  'fields',
  'tool',
  'params',
];

/** One endpoint: destination, ports, L7 fields; whether Paddock can enforce it (fail closed when not). */
export function readEndpoint(
  src: Source,
  node: Node | null,
  field: string,
  policyName = '',
): Endpoint | null {
  const before = src.errors.length;
  const fields = readMap(src, node, field, ENDPOINT, 'an endpoint mapping');
  if (!fields || src.errors.length > before) return null;
  const f = (name: string) => fields.get(name)?.value ?? null;
  const at = (name: string) => join(field, name);
  /** The node at a path inside the endpoint (the nearest one that exists), for positions. */
  const nodeAt = (path: readonly (string | number)[]): Node | null => {
    let cur: Node | null = node;
    for (const step of path) {
      const next = isMap(cur) || isSeq(cur) ? (cur.get(step, true) as Node | undefined) : undefined;
      if (!next) break;
      cur = next;
    }
    return cur;
  };
  const pathText = (path: readonly (string | number)[]) =>
    path.reduce<string>((acc, k) => join(acc, k), field);
  const who = `network policy '${policyName}'`;

  // Types first (OpenShell's schema): strings, booleans, ports, nested stanzas.
  for (const name of STRINGS) {
    const v = f(name);
    if (fields.has(name) && !(isScalar(v) && (typeof v.value === 'string' || v.value === null)))
      scalarAsString(src, v, at(name));
  }
  for (const name of BOOLEANS) {
    const v = f(name);
    if (fields.has(name) && !(isScalar(v) && typeof v.value === 'boolean'))
      src.error(v, at(name), `expected true or false, got ${describe(v)}`);
  }
  const port = (fields.has('port') ? readPortValue(src, f('port'), at('port')) : 0) ?? 0;
  const listed: number[] = [];
  if (fields.has('ports')) {
    const items = readSeq(src, f('ports'), at('ports'), 'a list of port numbers') ?? [];
    items.forEach((n, i) => {
      const p = readPortValue(src, n, join(at('ports'), i));
      if (p !== null) listed.push(p);
    });
  }
  readStanza(src, f('credential_binding'), at('credential_binding'), ['provider'], { provider: 'string' });
  readStanza(src, f('json_rpc'), at('json_rpc'), ['max_body_bytes'], {});
  readStanza(
    src,
    f('mcp'),
    at('mcp'),
    ['max_body_bytes', 'strict_tool_names', 'allow_all_known_mcp_methods'],
    {},
  );
  if (fields.has('graphql_max_body_bytes'))
    readCount(src, f('graphql_max_body_bytes'), at('graphql_max_body_bytes'));
  if (fields.has('graphql_persisted_queries')) {
    const reg = readMap(src, f('graphql_persisted_queries'), at('graphql_persisted_queries'), null);
    for (const [key, { value }] of reg ?? [])
      readMap(src, value, join(at('graphql_persisted_queries'), key), [
        'operation_type',
        'operation_name',
        'fields',
      ]);
  }
  const rules = fields.has('rules') ? readRules(src, f('rules'), at('rules'), true) : undefined;
  const denyRules = fields.has('deny_rules')
    ? readRules(src, f('deny_rules'), at('deny_rules'), false)
    : undefined;
  if (src.errors.length > before) return null;

  const data = (node?.toJSON() ?? {}) as Record<string, unknown>;
  const text = (name: string): string => {
    const v = data[name];
    return v === undefined || v === null ? '' : String(v);
  };
  const protocolText = text('protocol').toLowerCase();
  const tcp = protocolText === 'tcp';
  const hostText = text('host');
  const hostNode = f('host');

  // OpenShell's semantic validation, with its reasons.
  const allowedIps = readAllowedIps(src, f('allowed_ips'), at('allowed_ips'), fields.has('allowed_ips'));
  if (hostText.trim() === '' && tcp)
    src.error(
      node,
      at('host'),
      `${who}: protocol tcp requires a DNS hostname; hostless allowed_ips endpoints are supported only by the forward proxy`,
    );
  else if (hostText.trim() === '' && allowedIps === null)
    src.error(
      node,
      at('host'),
      `${who}: endpoint host must not be empty unless allowed_ips constrains a non-TCP proxy endpoint`,
    );
  else if (tcp && isIP(hostText.replace(/^\[(.*)\]$/, '$1')) !== 0)
    src.error(
      hostNode,
      at('host'),
      `${who}: protocol tcp endpoint '${hostText}' must use a DNS hostname, not an IP literal; direct IP connections bypass policy DNS and are blocked`,
    );
  else if (tcp) {
    const reason = tcpHostProblem(hostText);
    if (reason)
      src.error(
        hostNode,
        at('host'),
        `${who}: protocol tcp endpoint has invalid DNS host selector '${hostText}': ${reason}`,
      );
  }
  const ports = listed.length > 0 ? [...new Set(listed)] : port ? [port] : [];
  if (ports.length === 0)
    src.error(node, at('port'), `${who}: endpoint '${hostText}' must declare at least one port`);
  for (const p of ports)
    if (p < 1)
      src.error(
        f('ports') ?? f('port'),
        at('ports'),
        `${who}: endpoint '${hostText}' has invalid port ${p}; expected 1..=65535`,
      );
  if (port > 0 && listed.length > 0)
    src.error(
      fields.get('ports')!.key,
      at('ports'),
      'port and ports are mutually exclusive; use ports for multiple ports',
    );
  const endpointPath = text('path');
  if (endpointPath !== '' && !endpointPath.startsWith('/') && endpointPath !== '**')
    src.error(f('path'), at('path'), `endpoint path must start with '/' or be '**', got '${endpointPath}'`);
  if (protocolText === 'mcp' && hostText.trim() === '')
    src.error(node, at('host'), 'protocol mcp requires host; protocol alone is not a wildcard endpoint');
  const signing = text('credential_signing');
  if (signing !== '' && !['sigv4', 'sigv4:body', 'sigv4:no_body'].includes(signing))
    src.error(
      f('credential_signing'),
      at('credential_signing'),
      `${who}: endpoint '${hostText}' has unrecognized credential_signing value '${signing}' (expected sigv4, sigv4:body, or sigv4:no_body)`,
    );
  if (signing !== '' && text('signing_service') === '')
    src.error(
      f('credential_signing'),
      at('credential_signing'),
      `${who}: endpoint '${hostText}' has credential_signing set but signing_service is empty`,
    );
  if (signing !== '' && data.request_body_credential_rewrite === true)
    src.error(
      f('credential_signing'),
      at('credential_signing'),
      `${who}: endpoint '${hostText}' has both credential_signing and request_body_credential_rewrite set; these options are mutually exclusive`,
    );
  if (tcp) {
    const present = L7_ONLY.filter((k) => {
      const v = data[k];
      return v !== undefined && v !== null && v !== '' && v !== false;
    });
    if (present.length > 0)
      src.error(
        f('protocol'),
        at('protocol'),
        `protocol tcp does not support L7-only fields: ${present.join(', ')}; remove those fields`,
      );
  }
  checkL7({
    ep: data,
    protocol: protocolText,
    error: (p, m) => src.error(nodeAt(p), pathText(p), m),
    warn: (p, m) => src.warn(nodeAt(p), pathText(p), m),
  });

  // The destination.
  let host: string | undefined;
  let ip: string | undefined;
  if (hostText.trim() !== '') {
    const cidr = parseCidr(hostText.replace(/^\[(.*)\]$/, '$1'));
    if (cidr) {
      ip = `${cidr.address}${hostText.includes('/') ? `/${cidr.prefix}` : ''}`;
      if (overlapsAlwaysBlocked(cidr))
        src.warn(
          hostNode,
          at('host'),
          `${hostText} is loopback, link-local or unspecified space: OpenShell never allows it; Paddock does because it is named`,
        );
    } else {
      const problem = checkHostPattern(hostText);
      if (problem && (hostText.includes('*') || hasControlBytes(hostText)))
        src.error(hostNode, at('host'), problem);
      else if (problem)
        src.warn(hostNode, at('host'), `${problem}: this endpoint never matches a connection`);
      host = normalizeHost(hostText);
    }
  }
  for (const [name, value] of [
    ['tls', text('tls')],
    ['enforcement', text('enforcement')],
  ] as const) {
    const known = name === 'tls' ? ['', 'skip', 'terminate', 'passthrough'] : ['', 'enforce', 'audit'];
    if (!known.includes(value))
      src.warn(
        f(name),
        at(name),
        `unknown ${name} \`${value}\`: OpenShell treats it as ${name === 'tls' ? 'automatic TLS' : 'audit'}, and so does Paddock`,
      );
  }
  const tls = text('tls');
  if (tls === 'terminate' || tls === 'passthrough')
    src.warn(
      f('tls'),
      at('tls'),
      `'tls: ${tls}' is deprecated; TLS termination is now automatic. Use 'tls: skip' to disable.`,
    );
  if (src.errors.length > before) return null;

  const l7 = protocolText !== '' && !tcp;
  const access = text('access');
  const written = text('enforcement');
  // OpenShell: an L7 endpoint is in audit mode unless it says `enforcement: enforce`.
  const enforcement: Enforcement = l7
    ? written === 'enforce'
      ? 'enforce'
      : 'audit'
    : written === 'audit'
      ? 'audit'
      : 'enforce';
  const restricted = l7 && !allowsEveryRequest(data, protocolText);
  // REST rules are enforced per request on connections the gateway terminates; other L7 protocols are not
  // inspected, so under enforce they deny (fail closed). `tls: skip` keeps requests out of sight.
  const inspected = protocolText === 'rest' && tls !== 'skip';
  const enforceable = !restricted || enforcement === 'audit' || inspected;
  const notEnforced = describeUnenforced(data, protocolText, restricted && !inspected, enforcement);
  const options = Object.fromEntries(OPTIONS.filter((k) => data[k] !== undefined).map((k) => [k, data[k]]));
  if ((restricted && !inspected) || (!l7 && (rules || denyRules || (access !== '' && access !== 'full'))))
    src.warn(node, field, notEnforced[0] ?? 'L7 fields not enforced');
  const credentials = CREDENTIALS.filter((k) => data[k] !== undefined && data[k] !== false);
  if (credentials.length > 0)
    src.warn(
      fields.get(credentials[0]!)?.key,
      at(credentials[0]!),
      `${credentials.join(', ')}: Paddock does not inject, rewrite or sign credentials from policy fields; requests are forwarded as the client sent them`,
    );

  return {
    ...(host !== undefined ? { host } : {}),
    ...(ip !== undefined ? { ip } : {}),
    ports,
    ...(protocolText !== '' ? { protocol: protocolText as L7Protocol } : {}),
    ...(tls !== '' ? { tls } : {}),
    enforcement,
    access: (['read-only', 'read-write', 'full'].includes(access) ? access : 'full') as Access,
    ...(rules ? { rules } : {}),
    ...(denyRules ? { deny_rules: denyRules } : {}),
    allowed_ips: allowedIps ?? [],
    enforceable,
    line: src.line(node),
    ...(typeof data.allow_encoded_slash === 'boolean'
      ? { allow_encoded_slash: data.allow_encoded_slash }
      : {}),
    ...(endpointPath !== '' ? { path: endpointPath } : {}),
    ...(Object.keys(options).length > 0 ? { options } : {}),
    ...(notEnforced.length > 0 ? { notEnforced } : {}),
  };
}

/** OpenShell's DNS host check for `protocol: tcp` endpoints. Null when fine. */
function tcpHostProblem(host: string): string | null {
  if (host.trim() !== host) return 'leading or trailing whitespace is not allowed';
  if (host.endsWith('.')) return 'omit the trailing DNS root dot';
  if (hasControlBytes(host)) return 'control characters are not allowed';
  if (/\s/.test(host)) return 'whitespace is not allowed in a DNS name';
  if (host.split('.').includes('')) return 'empty DNS labels are not allowed';
  const representative = host
    .split('.')
    .map((l) => (l === '**' ? 'x' : l.replaceAll('*', 'x')))
    .join('.');
  if (representative === '' || representative.length > 253)
    return 'selector cannot represent a valid DNS name';
  for (const label of representative.split('.')) {
    if (label === '') return 'selector cannot represent a valid DNS name: empty label';
    if (label.length > 63)
      return 'selector cannot represent a valid DNS name: label longer than 63 characters';
    if (!/^[A-Za-z0-9_-]+$/.test(label))
      return `selector cannot represent a valid DNS name: invalid label '${label}'`;
  }
  return null;
}

/** A scalar where OpenShell wants a string: numbers and booleans read as their text; others are errors. */
function scalarAsString(src: Source, node: Node | null, field: string): void {
  if (isScalar(node) && ['number', 'boolean'].includes(typeof node.value)) return;
  src.error(node, field, `expected a string, got ${describe(node)}`);
}

/** A port as OpenShell reads it (0 to 65535; 0 means none). */
function readPortValue(src: Source, node: Node | null, field: string): number | null {
  if (
    isScalar(node) &&
    typeof node.value === 'number' &&
    Number.isInteger(node.value) &&
    node.value >= 0 &&
    node.value <= 65535
  )
    return node.value;
  src.error(node, field, `expected a port number from 1 to 65535, got ${describe(node)}`);
  return null;
}

function readCount(src: Source, node: Node | null, field: string): void {
  if (
    isScalar(node) &&
    typeof node.value === 'number' &&
    Number.isInteger(node.value) &&
    node.value >= 0 &&
    node.value <= 4294967295
  )
    return;
  src.error(node, field, `expected a whole number of bytes, got ${describe(node)}`);
}

/** `credential_binding`, `json_rpc`, `mcp`: known keys, typed. */
function readStanza(
  src: Source,
  node: Node | null,
  field: string,
  known: readonly string[],
  types: Readonly<Record<string, 'string'>>,
): void {
  if (node === null) return;
  const fields = readMap(src, node, field, known);
  for (const [key, { value }] of fields ?? []) {
    const at = join(field, key);
    if (types[key] === 'string') {
      if (!(isScalar(value) && typeof value.value === 'string'))
        src.error(value, at, `expected a string, got ${describe(value)}`);
    } else if (key === 'max_body_bytes') readCount(src, value, at);
    else if (!(isScalar(value) && typeof value.value === 'boolean'))
      src.error(value, at, `expected true or false, got ${describe(value)}`);
  }
}

/** `rules: [{ allow: {...} }]` or `deny_rules: [{...}]`: checked for shape, kept as data (REST: decided per request). */
function readRules(src: Source, node: Node | null, field: string, allow: boolean): unknown[] | undefined {
  const items = readSeq(
    src,
    node,
    field,
    allow ? 'a list of `- allow: {...}` rules' : 'a list of deny rules',
  );
  if (!items) return undefined;
  items.forEach((item, i) => {
    const at = join(field, i);
    if (allow) {
      const fields = readMap(src, item, at, ['allow'], 'a mapping `allow: {...}`');
      const body = fields?.get('allow');
      if (fields && !body) src.error(item, join(at, 'allow'), 'missing `allow`');
      else if (body) readMap(src, body.value, join(at, 'allow'), RULE, 'an allow rule mapping');
    } else readMap(src, item, at, RULE, 'a deny rule mapping');
  });
  return items.map((n) => n.toJSON() as unknown);
}
