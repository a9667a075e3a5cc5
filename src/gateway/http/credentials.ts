import { hostMatches } from '../../policy/glob.js';
import type { Credential } from '../context.js';

/** Does the credential name `host` among its hosts (host globs as policies write them)? */
export function credentialCovers(credential: Credential, host: string): boolean {
  return credential.hosts.some((h) => hostMatches(h, host));
}

/** What a request does with the sandbox's placeholders. */
export type CredentialUse =
  | { readonly ok: true; readonly headers: string[]; readonly url: string; readonly used: readonly string[] }
  | { readonly ok: false; readonly reason: string };

/**
 * Put each credential's secret in place of its placeholder, in the raw header list (name, value, …) and,
 * where the credential says so, the request target. Only on TLS the gateway terminated, to a host the
 * credential names; a placeholder anywhere else refuses the request (the reason names the variable, never a
 * value). Pure.
 */
export function useCredentials(
  credentials: readonly Credential[],
  host: string | null,
  secure: boolean,
  rawHeaders: readonly string[],
  url: string,
): CredentialUse {
  const headers = [...rawHeaders];
  let target = url;
  const used: string[] = [];
  for (const c of credentials) {
    const inHeaders = headers.some((h) => h.includes(c.placeholder));
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
    if (inUrl && !c.query)
      return {
        ok: false,
        reason: `placeholder of credential ${c.name} in the request target: substituted in headers only`,
      };
    for (let i = 1; i < headers.length; i += 2)
      headers[i] = (headers[i] ?? '').replaceAll(c.placeholder, c.secret);
    if (inUrl) target = target.replaceAll(c.placeholder, encodeURIComponent(c.secret));
    used.push(c.name);
  }
  return { ok: true, headers, url: target, used };
}
