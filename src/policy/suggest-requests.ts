import type { EgressEvent } from '../common/event.js';

/** A request rule the suggestion adds: `allow: { method, path }` on one (binary, host, port). */
export interface RequestRule {
  readonly binary: string;
  readonly host: string;
  readonly port: number;
  readonly method: string;
  /** A path glob: the observed path with id-like segments as `*`. */
  readonly path: string;
}

/** Path segments that name one object, not a kind: numbers, long hex, UUIDs. */
const ID = /^(\d+|[0-9a-f]{12,}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/**
 * The glob a rule should allow for an observed request path: the query dropped (its values are redacted in
 * events), id-like segments as `*` (`/v1/items/42` → `/v1/items/*`), glob characters in a segment as `*`. Pure.
 */
export function pathPattern(path: string): string {
  const bare = path.split('?')[0] ?? '/';
  return (
    bare
      .split('/')
      .map((s) => (ID.test(s) || /[*?[\]{}]/.test(s) ? '*' : s))
      .join('/') || '/'
  );
}

/** Was the request refused by a `deny_rules` entry (which no added allow rule can override)? */
export const deniedByRule = (e: EgressEvent): boolean => / denied by deny_rules\[\d+\]/.test(e.reason);

/** A denied or audited request (`layer: http`) that names its binary, host, port, method and path. */
export function requestOf(e: EgressEvent, host: string): RequestRule | null {
  if (e.layer !== 'http' || !e.method || e.path === undefined || e.binary === null || e.port === null)
    return null;
  return { binary: e.binary, host, port: e.port, method: e.method.toUpperCase(), path: pathPattern(e.path) };
}

/**
 * The `network_policies` entries that allow `rules`: one per binary, an endpoint per (host, port) with
 * `protocol: rest`, `enforcement: enforce` and one allow rule per (method, path). Added beside the base's own
 * entries, these widen only what requests may do on connections the base already allows. Pure.
 */
export function requestEntries(
  rules: readonly RequestRule[],
  keyFor: (binary: string) => string,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const binaries = [...new Set(rules.map((r) => r.binary))].sort();
  for (const binary of binaries) {
    const mine = rules.filter((r) => r.binary === binary);
    const places = [...new Set(mine.map((r) => `${r.host}\0${r.port}`))].sort();
    const endpoints = places.map((place) => {
      const [host, port] = place.split('\0') as [string, string];
      const here = mine.filter((r) => r.host === host && r.port === Number(port));
      const allow = [...new Set(here.map((r) => `${r.method} ${r.path}`))].sort().map((mp) => {
        const [method, path] = [mp.slice(0, mp.indexOf(' ')), mp.slice(mp.indexOf(' ') + 1)];
        return { allow: { method, path } };
      });
      return { host, port: Number(port), protocol: 'rest', enforcement: 'enforce', rules: allow };
    });
    const key = keyFor(binary);
    out[key] = { name: key, endpoints, binaries: [{ path: binary }] };
  }
  return out;
}
