import { isScalar, type Node } from 'yaml';
import { hostMatches } from './glob.js';
import { describe, join, readMap, readSeq, type Source } from './source.js';
import type { Endpoint, Middleware, NetworkPolicy } from './types.js';

const FIELDS = ['name', 'middleware', 'order', 'config', 'on_error', 'endpoints'];
/** OpenShell's limits (openshell-core middleware.rs). */
const MAX_CONFIGS = 10;
const MAX_PATTERNS = 32;

/**
 * `network_middlewares: { <key>: { middleware, order, on_error, endpoints: { include, exclude }, config } }`,
 * checked as OpenShell v0.0.111 checks it. Paddock runs no middleware (see `applyMiddlewares`).
 */
export function readMiddlewares(
  src: Source,
  node: Node | null,
  field: string,
  network: readonly NetworkPolicy[],
): Middleware[] {
  const entries = readMap(src, node, field, null);
  if (!entries) return [];
  if (entries.size > MAX_CONFIGS)
    src.error(node, field, `too many middleware configs (${entries.size} > ${MAX_CONFIGS})`);
  const out: Middleware[] = [];
  const orders = new Map<number, string>();
  for (const [key, { value }] of [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const at = join(field, key);
    const fields = readMap(src, value, at, FIELDS);
    if (!fields) continue;
    const text = (name: string): string => {
      const v = fields.get(name)?.value;
      if (v === undefined || (isScalar(v) && v.value === null)) return '';
      if (isScalar(v) && typeof v.value === 'string') return v.value;
      src.error(v, join(at, name), `expected a string, got ${describe(v)}`);
      return '';
    };
    const problem = (reason: string, n: Node | null | undefined = value) =>
      src.error(n, at, `middleware config '${key}' is invalid: ${reason}`);
    const middleware = text('middleware');
    if (!fields.has('middleware')) problem('missing field `middleware`');
    else if (middleware === '') problem('middleware must not be empty');
    const orderNode = fields.get('order')?.value;
    let order = 0;
    if (orderNode !== undefined) {
      if (isScalar(orderNode) && typeof orderNode.value === 'number' && Number.isInteger(orderNode.value))
        order = orderNode.value;
      else src.error(orderNode, join(at, 'order'), `expected a whole number, got ${describe(orderNode)}`);
    }
    const first = orders.get(order);
    if (first !== undefined)
      src.error(
        orderNode ?? value,
        join(at, 'order'),
        `middleware configs '${first}' and '${key}' use duplicate order ${order}`,
      );
    else orders.set(order, key);
    const onError = text('on_error');
    if (!['', 'fail_closed', 'fail_open'].includes(onError))
      problem(`invalid on_error '${onError}'`, fields.get('on_error')?.value);
    const configNode = fields.get('config')?.value;
    const config = configNode
      ? readMap(src, configNode, join(at, 'config'), null) && configNode.toJSON()
      : undefined;
    const selector = fields.get('endpoints')?.value;
    let include: string[] = [];
    let exclude: string[] = [];
    if (selector === undefined || (isScalar(selector) && selector.value === null))
      problem('endpoint selector is required');
    else {
      const sel = readMap(src, selector, join(at, 'endpoints'), ['include', 'exclude']);
      include = patterns(src, sel?.get('include')?.value, join(at, 'endpoints.include'));
      exclude = patterns(src, sel?.get('exclude')?.value, join(at, 'endpoints.exclude'));
      if (include.length === 0) problem('endpoint selector must include at least one host pattern', selector);
      if (include.length + exclude.length > MAX_PATTERNS)
        problem(
          `too many selector patterns (${include.length + exclude.length} > ${MAX_PATTERNS})`,
          selector,
        );
      for (const p of [...include, ...exclude]) {
        const reason = selectorProblem(p);
        if (reason) problem(`endpoint selector pattern '${p}' is invalid: ${reason}`, selector);
      }
    }
    const m: Middleware = {
      key,
      name: text('name') || key,
      middleware,
      order,
      on_error: onError === 'fail_open' ? 'fail_open' : 'fail_closed',
      include,
      exclude,
      ...(config ? { config: config as Record<string, unknown> } : {}),
      line: src.line(value),
    };
    if (m.on_error === 'fail_closed') {
      for (const entry of network)
        for (const e of entry.endpoints)
          if (e.tls === 'skip' && e.host !== undefined && selects(m, e.host, true))
            src.error(
              value,
              at,
              `middleware config '${key}' selects network policy '${entry.name}' tls: skip endpoint '${e.host}'`,
            );
    }
    src.warn(
      value,
      at,
      m.on_error === 'fail_closed'
        ? `middleware '${middleware}' is not run by Paddock: connections to the hosts it selects are denied (on_error: fail_closed)`
        : `middleware '${middleware}' is not run by Paddock: connections to the hosts it selects go through unfiltered (on_error: fail_open)`,
    );
    out.push(m);
  }
  return out;
}

function patterns(src: Source, node: Node | null | undefined, field: string): string[] {
  if (node === undefined || node === null || (isScalar(node) && node.value === null)) return [];
  const items = readSeq(src, node, field, 'a list of host patterns') ?? [];
  return items.flatMap((n, i) => {
    if (isScalar(n) && typeof n.value === 'string') return [n.value];
    src.error(n, join(field, i), `expected a host pattern, got ${describe(n)}`);
    return [];
  });
}

/** OpenShell's selector pattern rules: a DNS name, `*` only as a whole label, `**` only as the first. */
function selectorProblem(pattern: string): string | null {
  const p = pattern.trim().toLowerCase();
  if (p === '' || p !== pattern.trim()) return 'pattern must not be empty';
  const labels = p.replace(/\.$/, '').split('.');
  if (labels.some((l) => l === '')) return 'empty DNS label';
  for (const [i, l] of labels.entries()) {
    if (l === '**' && i !== 0) return "'**' is only allowed as the first label";
    if (l.includes('*') && l !== '*' && l !== '**') return 'wildcards must be a whole label';
    if (!l.includes('*') && !/^[a-z0-9_-]+$/.test(l)) return `invalid DNS label '${l}'`;
  }
  return null;
}

/** Does the middleware apply to this host (or, with `mayMatch`, to some host of this pattern)? */
function selects(m: Middleware, host: string, mayMatch = false): boolean {
  const hit = (p: string) => hostMatches(p, host) || (mayMatch && (hostMatches(host, p) || p === host));
  return m.include.some(hit) && !m.exclude.some((p) => hostMatches(p, host));
}

/**
 * Paddock runs no middleware. OpenShell with a middleware it cannot reach denies the request when
 * `on_error` is fail_closed (the default) and lets it through when fail_open; Paddock does the same
 * at the connection: endpoints a fail_closed middleware selects deny every connection. Idempotent, so
 * a merged policy (`extends`) can apply every middleware to every endpoint again.
 */
export function applyMiddlewares(
  middlewares: readonly Middleware[],
  network: readonly NetworkPolicy[],
): NetworkPolicy[] {
  if (middlewares.length === 0) return [...network];
  return network.map((entry) => ({
    ...entry,
    endpoints: entry.endpoints.map((e): Endpoint => {
      const hits = middlewares.filter((m) => e.host !== undefined && selects(m, e.host, true));
      if (hits.length === 0) return e;
      const closed = hits.filter((m) => m.on_error === 'fail_closed');
      const notes = hits.map((m) =>
        m.on_error === 'fail_closed'
          ? `middleware '${m.key}' (${m.middleware}) is not run by Paddock: every connection to this endpoint is denied (on_error: fail_closed)`
          : `middleware '${m.key}' (${m.middleware}) is not run by Paddock: connections go through without it (on_error: fail_open)`,
      );
      const keys = [...new Set([...(e.middleware ?? []), ...closed.map((m) => m.key)])];
      return {
        ...e,
        enforceable: e.enforceable && closed.length === 0,
        ...(keys.length > 0 ? { middleware: keys } : {}),
        notEnforced: [...new Set([...(e.notEnforced ?? []), ...notes])],
      };
    }),
  }));
}
