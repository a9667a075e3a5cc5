import { isMap, type Node } from 'yaml';
import type { Source } from './source.js';
import type { Endpoint, NetworkPolicy } from './types.js';

/**
 * OpenShell v0.0.111 rejects a policy where two endpoints can match the same connection (host
 * patterns overlap, a port in common) but disagree on how that connection is set up: TCP handling,
 * TLS, allowed_ips; and, when both carry request settings for the same path scope, protocol,
 * enforcement and the credential options. Each such pair is an error at the later endpoint. Pure.
 */
export function checkAmbiguity(
  src: Source,
  node: Node | null,
  field: string,
  entries: readonly NetworkPolicy[],
): void {
  const all = [...entries]
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .flatMap((entry) => entry.endpoints.map((e, index) => ({ entry, index, e })));
  for (let i = 0; i < all.length; i++) {
    for (let j = i + 1; j < all.length; j++) {
      const left = all[i]!;
      const right = all[j]!;
      const ports = left.e.ports.filter((p) => right.e.ports.includes(p));
      if (ports.length === 0 || !hostsOverlap(selector(left.e), selector(right.e))) continue;
      const conflicts = connectionConflicts(left.e, right.e);
      if (
        carriesRequestSettings(left.e) &&
        carriesRequestSettings(right.e) &&
        pathsOverlap(left.e.path ?? '', right.e.path ?? '') &&
        specificity(left.e.path ?? '') === specificity(right.e.path ?? '')
      ) {
        conflicts.push(...requestConflicts(left.e, right.e));
      }
      if (conflicts.length === 0) continue;
      const at = `${field}.${right.entry.key}.endpoints[${right.index}]`;
      const target = isMap(node)
        ? (node.getIn([right.entry.key, 'endpoints', right.index], true) as Node)
        : node;
      src.error(
        target,
        at,
        `network policies '${left.entry.name}' endpoint[${left.index}] (${shown(left.e)}) and '${right.entry.name}' endpoint[${right.index}] (${shown(right.e)}) overlap on port(s) ${ports.join(',')} with conflicting metadata: ${conflicts.join('; ')}`,
      );
    }
  }
}

const selector = (e: Endpoint): string => e.host ?? e.ip ?? '';
const shown = (e: Endpoint): string => `${selector(e) || '<any-host>'}:${e.ports.join(',')}${e.path ?? ''}`;
const opt = (e: Endpoint, key: string): unknown => e.options?.[key];

function connectionConflicts(a: Endpoint, b: Endpoint): string[] {
  const out: string[] = [];
  differ(out, 'transparent_tcp_eligible', a.protocol === 'tcp', b.protocol === 'tcp');
  differ(out, 'tls', a.tls === 'skip' ? 'skip' : 'auto', b.tls === 'skip' ? 'skip' : 'auto');
  differ(out, 'allowed_ips', normalized(a.allowed_ips), normalized(b.allowed_ips));
  return out;
}

/** OpenShell's `endpoint_has_extended_config`: the endpoint takes part in request handling. */
function carriesRequestSettings(e: Endpoint): boolean {
  return (
    (e.protocol !== undefined && e.protocol !== 'tcp') ||
    e.allowed_ips.length > 0 ||
    e.tls !== undefined ||
    opt(e, 'credential_binding') !== undefined
  );
}

function requestConflicts(a: Endpoint, b: Endpoint): string[] {
  const out: string[] = [];
  const proto = (e: Endpoint) => (e.protocol === 'tcp' ? '' : (e.protocol ?? ''));
  differ(out, 'protocol', proto(a), proto(b));
  differ(out, 'enforcement', a.enforcement, b.enforcement);
  differ(out, 'allow_encoded_slash', a.allow_encoded_slash === true, b.allow_encoded_slash === true);
  for (const key of ['websocket_credential_rewrite', 'request_body_credential_rewrite'])
    differ(out, key, opt(a, key) === true, opt(b, key) === true);
  if (a.protocol === 'websocket' && b.protocol === 'websocket')
    differ(out, 'websocket_graphql_policy', websocketGraphql(a), websocketGraphql(b));
  for (const key of ['credential_signing', 'signing_service', 'signing_region'])
    differ(out, key, String(opt(a, key) ?? ''), String(opt(b, key) ?? ''));
  const provider = (e: Endpoint) =>
    String((opt(e, 'credential_binding') as { provider?: unknown })?.provider ?? '');
  differ(out, 'credential_binding.provider', provider(a), provider(b));
  const limit = (v: unknown) => (typeof v === 'number' && v > 0 ? v : 65_536);
  if (a.protocol === 'graphql' && b.protocol === 'graphql')
    differ(
      out,
      'graphql_max_body_bytes',
      limit(opt(a, 'graphql_max_body_bytes')),
      limit(opt(b, 'graphql_max_body_bytes')),
    );
  const family = (e: Endpoint) => e.protocol === 'json-rpc' || e.protocol === 'mcp';
  const body = (e: Endpoint) => {
    const stanza = (opt(e, 'mcp') ?? opt(e, 'json_rpc')) as { max_body_bytes?: unknown } | undefined;
    return limit(stanza?.max_body_bytes);
  };
  if (a.protocol === b.protocol && family(a)) differ(out, 'json_rpc_max_body_bytes', body(a), body(b));
  const strict = (e: Endpoint) =>
    (opt(e, 'mcp') as { strict_tool_names?: unknown } | undefined)?.strict_tool_names !== false;
  if (a.protocol === 'mcp' && b.protocol === 'mcp')
    differ(out, 'mcp.strict_tool_names', strict(a), strict(b));
  return out;
}

function websocketGraphql(e: Endpoint): boolean {
  const graphql = (r: unknown) => {
    const x = (r ?? {}) as Record<string, unknown>;
    return Boolean(x.operation_type) || Boolean(x.operation_name) || x.fields !== undefined;
  };
  const pq = opt(e, 'persisted_queries');
  return (
    opt(e, 'graphql_persisted_queries') !== undefined ||
    (typeof pq === 'string' && pq !== '' && pq !== 'deny') ||
    (e.rules ?? []).some((r) => graphql((r as { allow?: unknown }).allow)) ||
    (e.deny_rules ?? []).some(graphql)
  );
}

function differ(out: string[], field: string, a: unknown, b: unknown): void {
  const sa = JSON.stringify(a);
  const sb = JSON.stringify(b);
  if (sa !== sb) out.push(`${field}=${sa} vs ${sb}`);
}

function normalized(values: readonly string[]): string[] {
  return [...new Set(values.map((v) => v.trim().toLowerCase()))].sort();
}

function specificity(path: string): number {
  return path.replaceAll('*', '').length;
}

/** A pattern as tokens: a literal character, `?`, a class, or a star (crossing the delimiter or not). */
type Token =
  | { readonly kind: 'char'; readonly test: (c: number) => boolean; readonly samples: readonly number[] }
  | { readonly kind: 'star'; readonly test: (c: number) => boolean };

function hostsOverlap(a: string, b: string): boolean {
  if (a === '' || b === '') return true;
  const [x, y] = [a.toLowerCase(), b.toLowerCase()];
  // Two names without a wildcard meet only as the same name (most pairs of a policy: no automaton needed).
  if (!x.includes('*') && !y.includes('*')) return x === y;
  return overlap(hostTokens(x), hostTokens(y));
}

function pathsOverlap(a: string, b: string): boolean {
  if (a === '' || b === '' || ['**', '/**'].includes(a) || ['**', '/**'].includes(b)) return true;
  return overlap(pathTokens(a), pathTokens(b));
}

const DOT = 0x2e;
const literal = (c: number): Token => ({ kind: 'char', test: (x) => x === c, samples: [c] });
const ANY = (x: number) => x >= 0;

function hostTokens(p: string): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < p.length; i++) {
    if (p[i] !== '*') {
      out.push(literal(p.charCodeAt(i)));
      continue;
    }
    let n = 0;
    while (p[i + n] === '*') n++;
    i += n - 1;
    out.push({ kind: 'star', test: n >= 2 ? ANY : (x) => x !== DOT });
  }
  return out;
}

/** Runtime path globs: `*` and `**` both cross `/`; `?` is any character; `[...]` a class. */
function pathTokens(p: string): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < p.length; i++) {
    const c = p[i]!;
    if (c === '*') {
      while (p[i + 1] === '*') i++;
      out.push({ kind: 'star', test: ANY });
    } else if (c === '?') out.push({ kind: 'char', test: ANY, samples: [0x61] });
    else if (c === '[' && p.indexOf(']', i + 2) !== -1) {
      const end = p.indexOf(']', i + 2);
      let body = p.slice(i + 1, end);
      const negated = body.startsWith('!');
      if (negated) body = body.slice(1);
      const ranges: [number, number][] = [];
      for (let k = 0; k < body.length; k++) {
        if (body[k + 1] === '-' && k + 2 < body.length) {
          ranges.push([body.charCodeAt(k), body.charCodeAt(k + 2)]);
          k += 2;
        } else ranges.push([body.charCodeAt(k), body.charCodeAt(k)]);
      }
      const inside = (x: number) => ranges.some(([lo, hi]) => x >= lo && x <= hi);
      const samples = ranges.flatMap(([lo, hi]) => [lo, hi, lo - 1, hi + 1]).concat([0x61, 0x7e, 0x30]);
      out.push({ kind: 'char', test: negated ? (x) => !inside(x) : inside, samples });
      i = end;
    } else out.push(literal(p.charCodeAt(i)));
  }
  return out;
}

function share(a: Token, b: Token): boolean {
  const samples = [
    ...(a.kind === 'char' ? a.samples : []),
    ...(b.kind === 'char' ? b.samples : []),
    0x61,
    0x30,
    0x2d,
    0x2f,
    DOT,
  ];
  return samples.some((c) => c >= 0 && a.test(c) && b.test(c));
}

/** Do the two patterns' languages intersect? A breadth-first walk of the product automaton. */
function overlap(a: readonly Token[], b: readonly Token[]): boolean {
  const queue: [number, number][] = [[0, 0]];
  const seen = new Set<string>();
  while (queue.length > 0) {
    const [i, j] = queue.shift()!;
    const id = `${i},${j}`;
    if (seen.has(id)) continue;
    seen.add(id);
    if (i === a.length && j === b.length) return true;
    const ta = a[i];
    const tb = b[j];
    if (ta?.kind === 'star') queue.push([i + 1, j]);
    if (tb?.kind === 'star') queue.push([i, j + 1]);
    if (!ta || !tb || !share(ta, tb)) continue;
    queue.push([ta.kind === 'star' ? i : i + 1, tb.kind === 'star' ? j : j + 1]);
  }
  return false;
}
