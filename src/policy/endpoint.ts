import { isMap, isScalar, type Node } from 'yaml';
import { overlapsAlwaysBlocked, parseCidr } from './address.js';
import { checkHostPattern, normalizeHost } from './glob.js';
import {
  describe,
  join,
  readBool,
  readEnum,
  readMap,
  readPort,
  readSeq,
  readString,
  type Source,
} from './source.js';
import type { Access, Endpoint, Enforcement, L7Protocol } from './types.js';

const ENDPOINT = [
  'host',
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
];
/** Endpoint fields newer OpenShell releases know and Paddock does not implement: rejected, never ignored. */
const UNSUPPORTED = [
  'path',
  'credential_binding',
  'request_body_credential_rewrite',
  'websocket_credential_rewrite',
  'allow_uninspected_credentials',
  'credential_signing',
  'signing_service',
  'signing_region',
  'persisted_queries',
  'graphql_persisted_queries',
  'graphql_max_body_bytes',
  'mcp',
  'json_rpc',
];
const PROTOCOLS: readonly L7Protocol[] = ['tcp', 'rest', 'websocket', 'graphql', 'mcp', 'json-rpc'];
const ENFORCEMENTS: readonly Enforcement[] = ['enforce', 'audit'];
const ACCESS: readonly Access[] = ['read-only', 'read-write', 'full'];

/** One endpoint: destination, ports, L7 fields; whether Paddock can enforce it (fail closed when not). */
export function readEndpoint(src: Source, node: Node | null, field: string): Endpoint | null {
  const fields = readMap(src, node, field, [...ENDPOINT, ...UNSUPPORTED], 'an endpoint mapping');
  if (!fields) return null;
  const before = src.errors.length;
  const f = (name: string) => fields.get(name)?.value ?? null;
  const at = (name: string) => join(field, name);
  for (const name of UNSUPPORTED) {
    const entry = fields.get(name);
    if (entry)
      src.error(entry.key, at(name), `\`${name}\` (a newer OpenShell field) is not supported by Paddock yet`);
  }

  let host: string | undefined;
  let ip: string | undefined;
  if (fields.has('host')) {
    const text = readString(src, f('host'), at('host'));
    if (text !== null) {
      const cidr = parseCidr(text.replace(/^\[(.*)\]$/, '$1'));
      if (cidr) {
        ip = `${cidr.address}${text.includes('/') ? `/${cidr.prefix}` : ''}`;
        if (overlapsAlwaysBlocked(cidr)) {
          src.warn(
            f('host'),
            at('host'),
            `${text} is loopback, link-local or unspecified space: OpenShell never allows it; Paddock does because it is named`,
          );
        }
      } else if (/^[\d./]+$/.test(text) || text.includes(':')) {
        src.error(f('host'), at('host'), `\`${text}\` is not a valid IP address or CIDR`);
      } else {
        const problem = checkHostPattern(text);
        if (problem) src.error(f('host'), at('host'), problem);
        else host = normalizeHost(text);
      }
    }
  }

  const ports: number[] = [];
  if (fields.has('port') && fields.has('ports')) {
    src.error(
      fields.get('ports')!.key,
      at('ports'),
      '`port` and `ports` are mutually exclusive; use `ports` for several',
    );
  } else if (fields.has('port')) {
    const port = readPort(src, f('port'), at('port'));
    if (port !== null) ports.push(port);
  } else if (fields.has('ports')) {
    const items = readSeq(src, f('ports'), at('ports'), 'a list of port numbers') ?? [];
    items.forEach((n, i) => {
      const port = readPort(src, n, join(at('ports'), i));
      if (port !== null && !ports.includes(port)) ports.push(port);
    });
    if (items.length === 0) src.error(f('ports'), at('ports'), 'expected at least one port');
  } else {
    src.warn(node, field, 'no `port` or `ports`: this endpoint matches no connection (as in OpenShell)');
  }

  const protocol = fields.has('protocol') ? readEnum(src, f('protocol'), at('protocol'), PROTOCOLS) : null;
  const enforcement = fields.has('enforcement')
    ? readEnum(src, f('enforcement'), at('enforcement'), ENFORCEMENTS)
    : null;
  const access = fields.has('access') ? readEnum(src, f('access'), at('access'), ACCESS) : null;
  let tls: string | undefined;
  if (fields.has('tls')) {
    tls = readEnum(src, f('tls'), at('tls'), ['skip', 'terminate', 'passthrough']) ?? undefined;
    if (tls === 'terminate' || tls === 'passthrough') {
      src.warn(
        f('tls'),
        at('tls'),
        `\`tls: ${tls}\` is deprecated and has no effect; use \`tls: skip\` or omit it`,
      );
    }
  }
  const allowEncodedSlash = fields.has('allow_encoded_slash')
    ? (readBool(src, f('allow_encoded_slash'), at('allow_encoded_slash')) ?? undefined)
    : undefined;
  const rules = fields.has('rules') ? readRules(src, f('rules'), at('rules'), true) : undefined;
  const denyRules = fields.has('deny_rules')
    ? readRules(src, f('deny_rules'), at('deny_rules'), false)
    : undefined;
  const allowedIps = readAllowedIps(src, f('allowed_ips'), at('allowed_ips'), fields.has('allowed_ips'));

  if (host === undefined && ip === undefined && !fields.has('host')) {
    if (allowedIps.length === 0)
      src.error(
        node,
        at('host'),
        'missing `host`: expected a host name, IP or CIDR (or `allowed_ips` for a hostless endpoint)',
      );
  }
  if (rules && access)
    src.error(fields.get('access')!.key, at('access'), '`access` and `rules` are mutually exclusive');
  if (protocol === 'tcp') {
    for (const name of ['access', 'rules', 'deny_rules']) {
      if (fields.has(name))
        src.error(
          fields.get(name)!.key,
          at(name),
          `\`protocol: tcp\` takes no request field like \`${name}\``,
        );
    }
  } else if (protocol && !rules && !access) {
    src.error(f('protocol'), at('protocol'), `\`protocol: ${protocol}\` requires \`rules\` or \`access\``);
  }
  if (denyRules && !protocol)
    src.error(fields.get('deny_rules')!.key, at('deny_rules'), '`deny_rules` require `protocol`');
  if (denyRules && !rules && !access) {
    src.error(
      fields.get('deny_rules')!.key,
      at('deny_rules'),
      '`deny_rules` require `rules` or `access` as the base allow set',
    );
  }
  if (src.errors.length > before) return null;

  const restrictions = [
    access && access !== 'full' ? `access: ${access}` : null,
    rules ? 'rules' : null,
    denyRules ? 'deny_rules' : null,
  ].filter((x): x is string => x !== null);
  const effective: Enforcement = enforcement ?? (restrictions.length > 0 ? 'audit' : 'enforce');
  const enforceable = restrictions.length === 0 || effective === 'audit';
  if (restrictions.length > 0) {
    const what = restrictions.join(', ');
    src.warn(
      node,
      field,
      enforceable
        ? `${what} not inspected by Paddock yet; under enforcement: audit${enforcement ? '' : ' (the OpenShell default)'} connections are allowed and logged as audit`
        : `${what} cannot be enforced by Paddock yet: this endpoint denies every connection (fail closed)`,
    );
  }
  return {
    ...(host !== undefined ? { host } : {}),
    ...(ip !== undefined ? { ip } : {}),
    ports,
    ...(protocol ? { protocol } : {}),
    ...(tls ? { tls } : {}),
    enforcement: effective,
    access: access ?? 'full',
    ...(rules ? { rules } : {}),
    ...(denyRules ? { deny_rules: denyRules } : {}),
    allowed_ips: allowedIps,
    enforceable,
    line: src.line(node),
    ...(allowEncodedSlash !== undefined ? { allow_encoded_slash: allowEncodedSlash } : {}),
  };
}

/** `rules: [{ allow: {...} }]` or `deny_rules: [{...}]`: checked for shape, kept as data (not inspected yet). */
function readRules(src: Source, node: Node | null, field: string, allow: boolean): unknown[] | undefined {
  const items = readSeq(
    src,
    node,
    field,
    allow ? 'a list of `- allow: {...}` rules' : 'a list of deny rules',
  );
  if (!items) return undefined;
  if (items.length === 0) {
    src.error(
      node,
      field,
      allow
        ? 'an empty `rules` list would deny all traffic; use `access: full` or remove it'
        : 'an empty `deny_rules` list has no effect; remove it',
    );
    return undefined;
  }
  items.forEach((item, i) => {
    const at = join(field, i);
    if (allow) {
      const fields = readMap(src, item, at, ['allow'], 'a mapping `allow: {...}`');
      const body = fields?.get('allow');
      if (fields && !body) src.error(item, join(at, 'allow'), 'missing `allow`');
      else if (body && !isMap(body.value))
        src.error(body.value, join(at, 'allow'), `expected a mapping, got ${describe(body.value)}`);
    } else if (!isMap(item)) src.error(item, at, `expected a deny rule mapping, got ${describe(item)}`);
  });
  return items.map((n) => n.toJSON() as unknown);
}

function readAllowedIps(src: Source, node: Node | null, field: string, present: boolean): string[] {
  if (!present) return [];
  const items = readSeq(src, node, field, 'a list of IP addresses or CIDRs') ?? [];
  const out: string[] = [];
  items.forEach((n, i) => {
    const at = join(field, i);
    const text = isScalar(n) && typeof n.value === 'string' ? n.value : null;
    const cidr = text === null ? null : parseCidr(text);
    if (!cidr) {
      src.error(n, at, `expected an IP address or CIDR like 10.0.5.0/24, got ${describe(n)}`);
      return;
    }
    if (overlapsAlwaysBlocked(cidr)) {
      src.warn(
        n,
        at,
        `${text} is loopback, link-local or unspecified space: OpenShell refuses it; Paddock allows it because it is listed`,
      );
    }
    out.push(text!);
  });
  return out;
}
