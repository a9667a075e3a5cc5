/**
 * Where distributions keep the system CA bundle (Debian/Ubuntu/Alpine, RHEL/Fedora, Alpine/BSD). The
 * gateway reads the host's from the first that exists; sandboxes get the session bundle mounted over all.
 */
export const SYSTEM_BUNDLES = [
  '/etc/ssl/certs/ca-certificates.crt',
  '/etc/pki/tls/certs/ca-bundle.crt',
  '/etc/ssl/cert.pem',
] as const;
