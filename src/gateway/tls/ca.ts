import { createHash, generateKeyPairSync, type KeyObject, randomBytes, sign } from 'node:crypto';
import { isIP } from 'node:net';
import { createSecureContext, type SecureContext } from 'node:tls';
import {
  bits,
  explicit,
  flags,
  integer,
  ipBytes,
  octets,
  oid,
  sequence,
  set,
  TRUE,
  time,
  tlv,
  unsigned,
  utf8,
} from './der.js';

const HOUR = 3600_000;
/** Leaf certificates kept per gateway (least recently used go first). @default 1024 */
const LEAF_CACHE = 1024;

/** ecdsa-with-SHA256, without parameters (RFC 5758). */
const ECDSA_SHA256 = sequence(oid('1.2.840.10045.4.3.2'));
const KEY_USAGE = { digitalSignature: 0, keyCertSign: 5, cRLSign: 6 } as const;

/** One extension: its id, whether it is critical, and its value's DER. */
const extension = (id: string, critical: boolean, value: Buffer): Buffer =>
  sequence(oid(id), ...(critical ? [TRUE] : []), octets(value));

/** A Name of CN (and O), each its own RDN, as UTF8String. */
const name = (cn: string, o?: string): Buffer =>
  sequence(set(sequence(oid('2.5.4.3'), utf8(cn))), ...(o ? [set(sequence(oid('2.5.4.10'), utf8(o)))] : []));

function serial(): Buffer {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0] ?? 0) & 0x7f; // a positive INTEGER
  return unsigned(bytes);
}

/** The key's bits as they stand in its SubjectPublicKeyInfo (the last element: BIT STRING, unused 0). */
function publicKeyBits(spki: Buffer): Buffer {
  // A P-256 SPKI ends with the 65-byte uncompressed point; its BIT STRING header is 03 42 00.
  return spki.subarray(spki.length - 65);
}

interface CertFields {
  readonly issuer: Buffer;
  readonly subject: Buffer;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly spki: Buffer;
  readonly extensions: readonly Buffer[];
  readonly signingKey: KeyObject;
}

/** An X.509 v3 certificate (DER), ECDSA P-256 with SHA-256. */
function certificate(f: CertFields): Buffer {
  const tbs = sequence(
    explicit(0, integer(2)),
    serial(),
    ECDSA_SHA256,
    f.issuer,
    sequence(time(f.notBefore), time(f.notAfter)),
    f.subject,
    f.spki,
    explicit(3, sequence(...f.extensions)),
  );
  return sequence(tbs, ECDSA_SHA256, bits(sign('sha256', tbs, f.signingKey)));
}

const pem = (der: Buffer): string =>
  `-----BEGIN CERTIFICATE-----\n${der
    .toString('base64')
    .replace(/.{64}/g, '$&\n')
    .trimEnd()}\n-----END CERTIFICATE-----\n`;

const p256 = () => generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
const spkiOf = (key: KeyObject): Buffer => key.export({ type: 'spki', format: 'der' });

/**
 * The session's certificate authority: an ECDSA P-256 key made at gateway start, held only in this
 * process (never exported to a file), and a leaf certificate per host name minted on demand. Only
 * `certPem` leaves the process (written to the state folder for sandboxes to trust).
 */
export class SessionCa {
  readonly certPem: string;
  readonly #subject: Buffer;
  readonly #keyId: Buffer;
  readonly #notAfter: Date;
  readonly #caKey: KeyObject;
  /** One key pair for every leaf: the leaf keys never leave the process either. */
  readonly #leafSpki: Buffer;
  readonly #leafKeyPem: string;
  readonly #leaves = new Map<string, Promise<SecureContext>>();

  private constructor(session: string, days: number) {
    const now = Date.now();
    const ca = p256();
    const spki = spkiOf(ca.publicKey);
    this.#subject = name(`Paddock session ${session.replace(/[^\w.-]/g, '_')} CA`, 'Paddock');
    this.#keyId = createHash('sha1').update(publicKeyBits(spki)).digest(); // RFC 5280 4.2.1.2 (1)
    this.#notAfter = new Date(now + days * 24 * HOUR);
    this.#caKey = ca.privateKey;
    const cert = certificate({
      issuer: this.#subject,
      subject: this.#subject,
      notBefore: new Date(now - HOUR),
      notAfter: this.#notAfter,
      spki,
      extensions: [
        extension('2.5.29.19', true, sequence(TRUE, integer(0))), // basicConstraints: CA, pathLen 0
        extension('2.5.29.15', true, flags(KEY_USAGE.keyCertSign, KEY_USAGE.cRLSign)),
        extension('2.5.29.14', false, octets(this.#keyId)), // subjectKeyIdentifier
      ],
      signingKey: ca.privateKey,
    });
    this.certPem = pem(cert);
    const leaf = p256();
    this.#leafSpki = spkiOf(leaf.publicKey);
    this.#leafKeyPem = leaf.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
  }

  /** A new CA named for the session, valid from an hour ago for `days`. */
  static async create(session: string, days = 30): Promise<SessionCa> {
    return new SessionCa(session, days);
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
    // The name is in the SAN only (a CN built from client input could inject RDNs); an SNI name is ASCII.
    if (!/^[\x21-\x7e]{1,253}$/.test(host)) throw new Error(`not a host name: ${JSON.stringify(host)}`);
    const san = isIP(host) ? tlv(0x87, ipBytes(host)) : tlv(0x82, Buffer.from(host, 'ascii'));
    const cert = certificate({
      issuer: this.#subject,
      subject: name('Paddock leaf'),
      notBefore: new Date(Date.now() - HOUR),
      notAfter: this.#notAfter,
      spki: this.#leafSpki,
      extensions: [
        extension('2.5.29.19', true, sequence()), // basicConstraints: not a CA
        extension('2.5.29.15', true, flags(KEY_USAGE.digitalSignature)),
        extension('2.5.29.37', false, sequence(oid('1.3.6.1.5.5.7.3.1'))), // extKeyUsage: serverAuth
        extension('2.5.29.17', false, sequence(san)), // subjectAltName
        extension('2.5.29.35', false, sequence(tlv(0x80, this.#keyId))), // authorityKeyIdentifier
      ],
      signingKey: this.#caKey,
    });
    return pem(cert);
  }
}
