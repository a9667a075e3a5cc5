import type Docker from 'dockerode';
import { SYSTEM_BUNDLES } from '../common/ca-paths.js';

/** Host files a sandbox trusts: the session CA alone and the combined bundle (see gateway/tls/bundle.ts). */
export interface TrustOptions {
  readonly ca: string;
  readonly bundle: string;
}

/** Where the session's trust files appear in a sandbox. */
export const TRUST_DIR = '/etc/paddock';
export const TRUST_CA = `${TRUST_DIR}/ca.pem`;
export const TRUST_BUNDLE = `${TRUST_DIR}/ca-bundle.pem`;

/** The variables that name the bundle for clients that do not read the system paths. */
export const TRUST_ENV: Readonly<Record<string, string>> = {
  SSL_CERT_FILE: TRUST_BUNDLE,
  REQUESTS_CA_BUNDLE: TRUST_BUNDLE,
  CURL_CA_BUNDLE: TRUST_BUNDLE,
  GIT_SSL_CAINFO: TRUST_BUNDLE,
  PIP_CERT: TRUST_BUNDLE,
  DENO_CERT: TRUST_BUNDLE,
  // Node adds these to its own roots: the CA alone is enough.
  NODE_EXTRA_CA_CERTS: TRUST_CA,
};

/** Read-only bind mounts of the trust files (the only host files a sandbox gets that the user did not name). Pure. */
export function trustMounts(trust: TrustOptions): Docker.MountSettings[] {
  const bind = (Source: string, Target: string): Docker.MountSettings => ({
    Type: 'bind',
    Source,
    Target,
    ReadOnly: true,
  });
  return [
    bind(trust.ca, TRUST_CA),
    bind(trust.bundle, TRUST_BUNDLE),
    ...SYSTEM_BUNDLES.map((p) => bind(trust.bundle, p)),
  ];
}
