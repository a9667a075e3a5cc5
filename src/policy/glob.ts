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
    return `host wildcard '${pattern}' matches all hosts; use specific patterns like '*.example.com'`;
  if (host.length > 253) return 'a host name has at most 253 characters';
  const labels = host.split('.');
  const [first, ...rest] = labels;
  if (first === undefined) return 'expected a host name';
  if (first.includes('**') && first !== '**')
    return `recursive host wildcard '**' is only allowed as the entire first DNS label, got '${pattern}'`;
  for (const label of rest) {
    if (label.includes('**'))
      return `recursive host wildcard '**' is only allowed as the entire first DNS label, got '${pattern}'`;
    if (label.includes('*') && label !== '*')
      return `middle DNS label wildcard must be the entire label '*', got '${pattern}'`;
  }
  if (host.includes('*') && labels.length <= 2)
    return `TLD wildcard '${pattern}' is not allowed; use subdomain wildcards like '*.example.com' instead`;
  if (first.includes('*')) {
    const literal = first.replaceAll('*', '');
    if (literal !== '' && !/^[a-z0-9_-]+$/.test(literal)) return `invalid characters in \`${first}\``;
  } else if (!LABEL.test(first)) return `\`${first}\` is not a valid DNS label`;
  for (const label of rest)
    if (label !== '*' && !LABEL.test(label)) return `\`${label}\` is not a valid DNS label`;
  return null;
}

const hostCache = new Map<string, RegExp>();

/**
 * Does the host name match the endpoint's host pattern? Case-insensitive. `*` is one whole label (or
 * part of the first label), `**` as the first label is one or more labels. A name with control bytes
 * (NUL, CR, …) never matches.
 */
export function hostMatches(pattern: string, host: string): boolean {
  if (hasControlBytes(host)) return false;
  const p = normalizeHost(pattern);
  const h = normalizeHost(host);
  if (!p.includes('*')) return p === h;
  let re = hostCache.get(p);
  if (!re) {
    const [first = '', ...rest] = p.split('.');
    const head = first === '**' ? '[^.]+(?:\\.[^.]+)*' : first === '*' ? '[^.]+' : wildcard(first, '[^.]*');
    const tail = rest.map((l) => (l === '*' ? '[^.]+' : literal(l)));
    re = new RegExp(`^${[head, ...tail].join('\\.')}$`);
    if (hostCache.size > 10_000) hostCache.clear();
    hostCache.set(p, re);
  }
  return re.test(h);
}

/** True when the text holds an ASCII control byte (NUL, CR, LF, DEL, …): never a valid host. */
export function hasControlBytes(text: string): boolean {
  return /[\u0000-\u001f\u007f]/.test(text);
}

/**
 * Null when `pattern` can match an executable; otherwise why it never will. OpenShell accepts any
 * string here, so these are warnings: the rule stays and matches nothing (fail closed).
 */
export function checkBinaryGlob(pattern: string): string | null {
  if (!pattern.startsWith('/'))
    return 'not an absolute path: it never matches an executable (use e.g. /usr/bin/curl or /usr/lib/jvm/*/bin/java)';
  if (pattern.split('/').includes('..'))
    return 'contains `..`: executables are matched by their resolved path, so it never matches';
  if (!pattern.includes('*')) return null;
  let depth = 0;
  for (const c of pattern) {
    if (c === '[') depth++;
    if (c === ']') depth--;
    if (depth < 0 || depth > 1) return 'unbalanced `[` `]` in the glob: it never matches';
  }
  return depth === 0 ? null : 'unclosed `[` in the glob: it never matches';
}

const binaryCache = new Map<string, RegExp | null>();

/**
 * Does the executable path match the binary rule? Case-sensitive. As in OpenShell, the rule is a glob
 * only when it contains `*` (then `?` and `[...]` are glob syntax too); otherwise it is compared exactly.
 */
export function binaryMatches(pattern: string, path: string): boolean {
  if (!pattern.includes('*')) return pattern === path;
  let re = binaryCache.get(pattern);
  if (re === undefined) {
    re = checkBinaryGlob(pattern) === null ? binaryRegExp(pattern) : null;
    if (binaryCache.size > 10_000) binaryCache.clear();
    binaryCache.set(pattern, re);
  }
  return re?.test(path) ?? false;
}

function binaryRegExp(pattern: string): RegExp {
  const segments = pattern
    .split('/')
    .map((s) => (s === '**' ? '[^/]+(?:/[^/]+)*' : wildcard(s, '[^/]*', '[^/]')));
  return new RegExp(`^${segments.join('/')}$`);
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

const requestCache = new Map<string, RegExp>();

/**
 * OpenShell's request globs (its `glob.match` with `/` as the separator for paths, none for query values):
 * `*` and `?` stay inside a segment, `**` crosses them, `[...]` is a class, `{a,b}` an alternation.
 * Case-sensitive. A pattern that is not a valid glob matches nothing.
 */
export function requestGlobMatches(pattern: string, text: string, separator: '/' | '' = '/'): boolean {
  const key = `${separator}\0${pattern}`;
  let re = requestCache.get(key);
  if (!re) {
    re = requestGlob(pattern, separator === '/' ? '[^/]' : '[\\s\\S]');
    if (requestCache.size > 10_000) requestCache.clear();
    requestCache.set(key, re);
  }
  return re.test(text);
}

function requestGlob(pattern: string, one: string): RegExp {
  let out = '';
  let depth = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*') {
      if (pattern[i + 1] === '*') {
        while (pattern[i + 1] === '*') i++;
        out += '[\\s\\S]*';
      } else out += `${one}*`;
    } else if (c === '?') out += one;
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 2);
      if (end === -1) return /$^/;
      let body = pattern.slice(i + 1, end);
      if (body.startsWith('!')) body = `^${body.slice(1)}`;
      out += `[${body.replace(/[\\\]]/g, '\\$&')}]`;
      i = end;
    } else if (c === '{') {
      depth++;
      out += '(?:';
    } else if (c === '}' && depth > 0) {
      depth--;
      out += ')';
    } else if (c === ',' && depth > 0) out += '|';
    else out += literal(c);
  }
  return depth === 0 ? new RegExp(`^${out}$`) : /$^/;
}
