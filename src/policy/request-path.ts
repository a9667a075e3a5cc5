import type { HttpRequest } from './types.js';

/**
 * The canonical form request rules match (as OpenShell canonicalises before it evaluates): percent-decoded,
 * `.` and `..` segments resolved, repeated `/` collapsed, `;params` dropped. An encoded `/` (`%2F`) is refused
 * unless allowed, as is a path that climbs above the root, is not absolute, or decodes to control bytes or
 * bad UTF-8. Pure.
 */
export function canonicalPath(raw: string, allowEncodedSlash = false): { path: string } | { error: string } {
  if (!raw.startsWith('/'))
    return { error: `request target ${JSON.stringify(raw.slice(0, 80))} is not an absolute path` };
  if (!allowEncodedSlash && /%2f/i.test(raw)) return { error: 'encoded slash (%2F) in the path' };
  const out: string[] = [];
  for (const part of raw.split('/').slice(1)) {
    let seg: string;
    try {
      seg = decodeURIComponent(part.split(';')[0] ?? '');
    } catch {
      return { error: 'bad percent-encoding in the path' };
    }
    if (/[\u0000-\u001f\u007f]/.test(seg)) return { error: 'control bytes in the path' };
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (out.length === 0) return { error: 'the path climbs above the root' };
      out.pop();
      continue;
    }
    out.push(seg);
  }
  const trailing = raw.endsWith('/') && out.length > 0 ? '/' : '';
  return { path: `/${out.join('/')}${trailing}` };
}

/** Split a request target into its canonical path and decoded query. */
export function parseTarget(
  target: string,
  allowEncodedSlash = false,
): { request: Omit<HttpRequest, 'method'> } | { error: string } {
  const q = target.indexOf('?');
  const rawPath = q < 0 ? target : target.slice(0, q);
  const canonical = canonicalPath(rawPath, allowEncodedSlash);
  if ('error' in canonical) return canonical;
  const query: Record<string, string[]> = {};
  if (q >= 0) {
    for (const [key, value] of new URLSearchParams(target.slice(q + 1))) {
      const values = query[key] ?? [];
      values.push(value);
      query[key] = values;
    }
  }
  return { request: { path: canonical.path, query } };
}

/** The target as an event shows it: the path with every query value replaced by `…` (keys kept). */
export function redactedTarget(target: string): string {
  const q = target.indexOf('?');
  if (q < 0) return target.slice(0, 2048);
  const keys = target
    .slice(q + 1)
    .split('&')
    .filter((p) => p !== '')
    .map((p) => `${p.split('=')[0] ?? ''}=…`);
  return `${target.slice(0, Math.min(q, 2048))}?${keys.join('&')}`;
}
