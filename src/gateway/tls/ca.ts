import { randomBytes, webcrypto } from 'node:crypto';
import { isIP } from 'node:net';
import { createSecureContext, type SecureContext } from 'node:tls';
// @peculiar/x509 needs a Reflect polyfill loaded before it (tsyringe).
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

const EC = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const SIGNING = { name: 'ECDSA', hash: 'SHA-256' } as const;
const HOUR = 3600_000;
/** Leaf certificates kept per gateway (least recently used go first). @default 1024 */
const LEAF_CACHE = 1024;

function serial(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0] ?? 0) & 0x7f; // a positive INTEGER
  return bytes.toString('hex');
}

async function pkcs8Pem(key: CryptoKey): Promise<string> {
  const der = await webcrypto.subtle.exportKey('pkcs8', key);
  return x509.PemConverter.encode(der, 'PRIVATE KEY');
}

/**
 * The session's certificate authority: an ECDSA P-256 key made at gateway start, held only in this
 * process (never exported to a file), and a leaf certificate per host name minted on demand. Only
 * `certPem` leaves the process (written to the state folder for sandboxes to trust).
 */
export class SessionCa {
  readonly certPem: string;
  readonly #cert: x509.X509Certificate;
  readonly #caKey: CryptoKey;
  /** One key pair for every leaf: the leaf keys never leave the process either. */
  readonly #leafKeys: CryptoKeyPair;
  readonly #leafKeyPem: string;
  readonly #leaves = new Map<string, Promise<SecureContext>>();

  private constructor(
    cert: x509.X509Certificate,
    caKey: CryptoKey,
    leafKeys: CryptoKeyPair,
    leafPem: string,
  ) {
    this.#cert = cert;
    this.certPem = `${cert.toString('pem').trim()}\n`;
    this.#caKey = caKey;
    this.#leafKeys = leafKeys;
    this.#leafKeyPem = leafPem;
  }

  /** A new CA named for the session, valid from an hour ago for `days`. */
  static async create(session: string, days = 30): Promise<SessionCa> {
    const keys = (await webcrypto.subtle.generateKey(EC, false, ['sign', 'verify'])) as CryptoKeyPair;
    const now = Date.now();
    const cert = await x509.X509CertificateGenerator.createSelfSigned({
      serialNumber: serial(),
      name: `CN=Paddock session ${session.replace(/[^\w.-]/g, '_')} CA, O=Paddock`,
      notBefore: new Date(now - HOUR),
      notAfter: new Date(now + days * 24 * HOUR),
      signingAlgorithm: SIGNING,
      keys,
      extensions: [
        new x509.BasicConstraintsExtension(true, 0, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
        await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      ],
    });
    const leafKeys = (await webcrypto.subtle.generateKey(EC, true, ['sign', 'verify'])) as CryptoKeyPair;
    return new SessionCa(cert, keys.privateKey, leafKeys, await pkcs8Pem(leafKeys.privateKey));
  }

  /** The TLS context presenting a certificate for `host` (a name or an IP), minted once and cached. */
  contextFor(host: string): Promise<SecureContext> {
    const name = host.toLowerCase();
    let found = this.#leaves.get(name);
    if (found) {
      this.#leaves.delete(name);
      this.#leaves.set(name, found);
      return found;
    }
    found = this.#mint(name).then((certPem) =>
      createSecureContext({ key: this.#leafKeyPem, cert: `${certPem.trim()}\n${this.certPem}` }),
    );
    found.catch(() => this.#leaves.delete(name));
    this.#leaves.set(name, found);
    if (this.#leaves.size > LEAF_CACHE) {
      const oldest = this.#leaves.keys().next().value;
      if (oldest !== undefined) this.#leaves.delete(oldest);
    }
    return found;
  }

  /** A leaf certificate (PEM) for `host`, signed by this CA. */
  async #mint(host: string): Promise<string> {
    const now = Date.now();
    const san = isIP(host) ? { type: 'ip' as const, value: host } : { type: 'dns' as const, value: host };
    const leaf = await x509.X509CertificateGenerator.create({
      serialNumber: serial(),
      // The name is in the SAN only (a CN built from client input could inject RDNs).
      subject: 'CN=Paddock leaf',
      issuer: this.#cert.subject,
      notBefore: new Date(now - HOUR),
      notAfter: this.#cert.notAfter,
      signingAlgorithm: SIGNING,
      publicKey: this.#leafKeys.publicKey,
      signingKey: this.#caKey,
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
        new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
        new x509.SubjectAlternativeNameExtension([san]),
        await x509.AuthorityKeyIdentifierExtension.create(this.#cert),
      ],
    });
    return leaf.toString('pem');
  }
}
