import { hostMatches } from '../../policy/glob.js';
import type { Credential } from '../context.js';

/** Does the credential name `host` among its hosts (host globs as policies write them)? */
export function credentialCovers(credential: Credential, host: string): boolean {
  return credential.hosts.some((h) => hostMatches(h, host));
}

/**
 * The headers a key is put in: `Authorization` and the API-key headers clients send. A host answers other
 * headers back (an unknown `anthropic-beta` flag in its error, a request id, a cookie), and would the key too.
 */
export const KEY_HEADERS: ReadonlySet<string> = new Set([
  'authorization',
  'x-api-key',
  'api-key',
  'x-goog-api-key',
  'x-auth-token',
  'private-token',
]);

/** The query parameters a `query: true` key is put in, as a parameter's whole value (Google's `?key=`). */
export const KEY_PARAMS: ReadonlySet<string> = new Set(['key', 'api_key', 'apikey', 'access_token', 'token']);

/** What a request does with the sandbox's placeholders. */
export type CredentialUse =
  | { readonly ok: true; readonly headers: string[]; readonly url: string; readonly used: readonly string[] }
  | { readonly ok: false; readonly reason: string };

/** Is `name` (lower case) a header `c` goes into: a key header, or one the credential names? */
function keyHeader(c: Credential, name: string): boolean {
  return KEY_HEADERS.has(name) || (c.headers?.includes(name) ?? false);
}

/** Why the placeholder may not be replaced where the request has it (a header or parameter echoed back); or null. */
function misplaced(c: Credential, rawHeaders: readonly string[], url: string): string | null {
  const what = `placeholder of credential ${c.name}`;
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = (rawHeaders[i] ?? '').toLowerCase();
    // HTTP/2's `:path` is the target, checked below.
    if (name === ':path' || !`${name}\n${rawHeaders[i + 1]}`.includes(c.placeholder)) continue;
    if (!keyHeader(c, name))
      return `${what} in header ${name}: substituted only in ${[...KEY_HEADERS, ...(c.headers ?? [])].join(', ')}`;
  }
  const at = url.indexOf('?');
  const path = at < 0 ? url : url.slice(0, at);
  if (!url.includes(c.placeholder)) return null;
  if (!c.query) return `${what} in the request target: substituted in headers only`;
  if (path.includes(c.placeholder))
    return `${what} in the request path: substituted in headers and the query only`;
  for (const pair of url.slice(at + 1).split('&')) {
    if (!pair.includes(c.placeholder)) continue;
    const eq = pair.indexOf('=');
    const name = eq < 0 ? pair : pair.slice(0, eq);
    if (!KEY_PARAMS.has(name) || pair.slice(eq + 1) !== c.placeholder)
      return `${what} in query parameter ${name}: substituted only as the whole value of ${[...KEY_PARAMS].join(', ')}`;
  }
  return null;
}

/**
 * Put each credential's secret in place of its placeholder, in the key headers (KEY_HEADERS) and, where the
 * credential says so, a key parameter of the query (KEY_PARAMS): never where a host echoes what it got (an
 * unknown header, a path in a 404 or a redirect). Only on TLS the gateway terminated, to a host the credential
 * names; a placeholder anywhere else refuses the request (the reason names the variable, never a value). Pure.
 */
export function useCredentials(
  credentials: readonly Credential[],
  host: string | null,
  secure: boolean,
  rawHeaders: readonly string[],
  url: string,
): CredentialUse {
  const headers = [...rawHeaders];
  // `Authorization: Basic …` (git over HTTPS) carries its token inside base64: read there too.
  const opened =
    credentials.length === 0
      ? []
      : headers.map((v, i) => (i % 2 === 1 ? basicText(headers[i - 1] ?? '', v) : null));
  let target = url;
  const used: string[] = [];
  for (const c of credentials) {
    const inHeaders =
      headers.some((h) => h.includes(c.placeholder)) || opened.some((t) => t?.includes(c.placeholder));
    const inUrl = target.includes(c.placeholder);
    if (!inHeaders && !inUrl) continue;
    const where = host ?? 'an address';
    if (host === null || !credentialCovers(c, host))
      return {
        ok: false,
        reason: `placeholder of credential ${c.name} sent to ${where}, which is not one of its hosts`,
      };
    if (!secure)
      return {
        ok: false,
        reason: `placeholder of credential ${c.name} sent to ${where} without TLS: never substituted in clear text`,
      };
    const wrong = misplaced(c, rawHeaders, url);
    if (wrong) return { ok: false, reason: wrong };
    for (let i = 1; i < headers.length; i += 2) {
      if (!keyHeader(c, (headers[i - 1] ?? '').toLowerCase())) continue;
      const text = opened[i];
      if (text?.includes(c.placeholder)) {
        opened[i] = text.replaceAll(c.placeholder, c.secret);
        headers[i] = `Basic ${Buffer.from(opened[i] ?? '', 'latin1').toString('base64')}`;
      } else headers[i] = (headers[i] ?? '').replaceAll(c.placeholder, c.secret);
    }
    if (inUrl) target = target.replaceAll(c.placeholder, encodeURIComponent(c.secret));
    used.push(c.name);
  }
  return { ok: true, headers, url: target, used };
}

/** The `user:password` of an `Authorization: Basic` value, or null for any other header or value. */
function basicText(name: string, value: string): string | null {
  if (name.toLowerCase() !== 'authorization') return null;
  const m = /^basic[ \t]+([A-Za-z0-9+/]+={0,2})[ \t]*$/i.exec(value);
  return m?.[1] ? Buffer.from(m[1], 'base64').toString('latin1') : null;
}

/** Keys shorter than this are not masked in answers. */
const MASKED_MIN = 8;

/**
 * `text` with every key of `credentials` (8 characters or more) put back as its placeholder (as sent, and percent-encoded as a query
 * carries it): what a host answers in headers (a `Location` keeping the query, a key header echoed back) never
 * hands the sandbox a key. Bodies are not read (docs/security.md). Pure.
 */
export function masked(credentials: readonly Credential[], text: string): string {
  if (credentials.length === 0) return text;
  // `Basic <base64>` echoed back (the key was put in there, re-encoded): opened, masked, encoded again.
  let out = text.replace(/\bBasic[ \t]+([A-Za-z0-9+/]+={0,2})/gi, (whole, b64: string) => {
    const open = Buffer.from(b64, 'base64').toString('latin1');
    const shut = masked(credentials, open);
    return shut === open ? whole : `Basic ${Buffer.from(shut, 'latin1').toString('base64')}`;
  });
  for (const c of credentials) {
    // A value this short would match inside ordinary headers (a length, a date) and is no key to guard.
    if (c.secret.length < MASKED_MIN) continue;
    out = out.replaceAll(c.secret, c.placeholder);
    const encoded = encodeURIComponent(c.secret);
    if (encoded !== c.secret) out = out.replaceAll(encoded, c.placeholder);
  }
  return out;
}
