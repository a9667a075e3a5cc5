/**
 * Host patterns and binary globs, with OpenShell's matcher semantics:
 * `*` matches within one segment (a DNS label, a path segment), a whole-segment `**` matches one or
 * more segments, `**` next to other characters behaves like `*`.
 */

const LABEL = /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/;

/** Lower-case a host name and drop a trailing dot. */
export function normalizeHost(host: string): string {
  const lower = host.toLowerCase();
  return lower.endsWith('.') ? lower.slice(0, -1) : lower;
}

/** Null when `pattern` is a valid endpoint host (exact or wildcard); otherwise what is wrong with it. */
export function checkHostPattern(pattern: string): string | null {
  const host = normalizeHost(pattern);
  if (host === '*' || host === '**')
    return `\`${pattern}\` matches every host; name the domain, e.g. *.example.com`;
  if (host.length > 253) return 'a host name has at most 253 characters';
  const labels = host.split('.');
  const [first, ...rest] = labels;
  if (first === undefined) return 'expected a host name';
  if (rest.some((l) => l.includes('*'))) {
    return 'a wildcard is allowed only in the first label, e.g. *.example.com, **.example.com, *-api.example.com';
  }
  if (first.includes('*')) {
    if (first.includes('**') && first !== '**')
      return '`**` must be the whole first label, e.g. **.example.com';
    if (labels.length < 3) return `\`${pattern}\` is a top-level-domain wildcard; use e.g. *.example.com`;
    const literal = first.replaceAll('*', '');
    if (literal !== '' && !/^[a-z0-9_-]+$/.test(literal)) return `invalid characters in \`${first}\``;
  } else if (!LABEL.test(first)) return `\`${first}\` is not a valid DNS label`;
  for (const label of rest) if (!LABEL.test(label)) return `\`${label}\` is not a valid DNS label`;
  return null;
}

const hostCache = new Map<string, RegExp>();

/** Does the (normalized) host name match the endpoint's host pattern? Case-insensitive. */
export function hostMatches(pattern: string, host: string): boolean {
  const p = normalizeHost(pattern);
  const h = normalizeHost(host);
  if (!p.includes('*')) return p === h;
  let re = hostCache.get(p);
  if (!re) {
    const [first = '', ...rest] = p.split('.');
    const head = first === '**' ? '[^.]+(?:\\.[^.]+)*' : first === '*' ? '[^.]+' : wildcard(first, '[^.]*');
    re = new RegExp(`^${[head, ...rest.map(literal)].join('\\.')}$`);
    if (hostCache.size > 10_000) hostCache.clear();
    hostCache.set(p, re);
  }
  return re.test(h);
}

/** Null when `pattern` is a usable binary path or glob; otherwise what is wrong with it. */
export function checkBinaryGlob(pattern: string): string | null {
  if (!pattern.startsWith('/'))
    return 'expected an absolute path, e.g. /usr/bin/curl or /usr/lib/jvm/*/bin/java';
  if (pattern.split('/').includes('..')) return 'a binary path must not contain `..`';
  let depth = 0;
  for (const c of pattern) {
    if (c === '[') depth++;
    if (c === ']') depth--;
    if (depth < 0 || depth > 1) return 'unbalanced `[` `]` in the glob';
  }
  return depth === 0 ? null : 'unclosed `[` in the glob';
}

const binaryCache = new Map<string, RegExp>();

/** Does the executable path match the binary rule (exact or glob)? Case-sensitive. */
export function binaryMatches(pattern: string, path: string): boolean {
  if (!/[*?[]/.test(pattern)) return pattern === path;
  let re = binaryCache.get(pattern);
  if (!re) {
    const segments = pattern
      .split('/')
      .map((s) => (s === '**' ? '[^/]+(?:/[^/]+)*' : wildcard(s, '[^/]*', '[^/]')));
    re = new RegExp(`^${segments.join('/')}$`);
    if (binaryCache.size > 10_000) binaryCache.clear();
    binaryCache.set(pattern, re);
  }
  return re.test(path);
}

/** Translate one segment: `*` (and `**`) → `star`, `?` → `one`, `[...]` kept as a class. */
function wildcard(segment: string, star: string, one?: string): string {
  let out = '';
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i]!;
    if (c === '*') {
      while (segment[i + 1] === '*') i++;
      out += star;
    } else if (c === '?' && one) out += one;
    else if (c === '[' && one) {
      const end = segment.indexOf(']', i + 2);
      if (end === -1) {
        out += literal(c);
        continue;
      }
      let body = segment.slice(i + 1, end);
      if (body.startsWith('!')) body = `^${body.slice(1)}`;
      out += `[${body.replace(/[\\\]]/g, '\\$&')}]`;
      i = end;
    } else out += literal(c);
  }
  return out;
}

function literal(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}
