import { readFile } from 'node:fs/promises';
import { createSecureContext, type SecureContext } from 'node:tls';
import { errorMessage, PaddockError } from '../../common/errors.js';
import { hostBundle, type TrustFiles, writeTrust } from './bundle.js';
import { SessionCa } from './ca.js';

/** What terminating TLS needs: the session CA, and the roots upstream servers are verified against. */
export interface GatewayTls {
  readonly ca: SessionCa;
  /**
   * What upstream TLS is verified against: the host's system store plus every `--upstream-ca` file, parsed
   * once (a context per connection would parse the whole bundle on every handshake).
   */
  readonly upstream: SecureContext;
}

/** Read `--upstream-ca` files; one that cannot be read or holds no certificate is INPUT_INVALID. */
export async function readUpstreamCa(files: readonly string[]): Promise<string[]> {
  return Promise.all(
    files.map(async (file) => {
      const text = await readFile(file, 'utf8').catch((error: unknown) => {
        throw new PaddockError('INPUT_INVALID', `--upstream-ca ${file}: ${errorMessage(error)}`);
      });
      if (!text.includes('-----BEGIN CERTIFICATE-----'))
        throw new PaddockError('INPUT_INVALID', `--upstream-ca ${file}: no PEM certificate in it`);
      return text;
    }),
  );
}

/** Make the session CA, write what sandboxes trust into the state folder, and gather the upstream roots. */
export async function setUpTls(
  session: string,
  files: TrustFiles,
  upstreamCa: readonly string[],
): Promise<GatewayTls> {
  const [ca, extra, system] = await Promise.all([
    SessionCa.create(session),
    readUpstreamCa(upstreamCa),
    hostBundle(),
  ]);
  await writeTrust(files, ca.certPem);
  const roots = [system.trimEnd(), ...extra.map((t) => t.trim())].join('\n');
  return { ca, upstream: createSecureContext({ ca: roots }) };
}
