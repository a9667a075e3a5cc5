import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { describe, test } from 'node:test';
import { connect, createServer } from 'node:tls';
import { combinedBundle } from './bundle.js';
import { SessionCa } from './ca.js';

describe('SessionCa', async () => {
  const ca = await SessionCa.create('ab12');

  test('is an ECDSA P-256 CA named for the session, and only its certificate is exposed', () => {
    const cert = new X509Certificate(ca.certPem);
    assert.equal(cert.ca, true);
    assert.equal(cert.publicKey.asymmetricKeyType, 'ec');
    assert.equal(cert.publicKey.asymmetricKeyDetails?.namedCurve, 'prime256v1');
    assert.match(cert.subject, /CN=Paddock session ab12 CA/);
    assert.doesNotMatch(ca.certPem, /PRIVATE KEY/);
    assert.deepEqual(Object.keys(ca), ['certPem']);
  });

  test('a leaf minted for a name verifies against the CA for that name only, over a real handshake', async () => {
    const server = createServer(
      { SNICallback: (n, cb) => ca.contextFor(n).then((c) => cb(null, c), cb) },
      (s) => s.end('ok'),
    );
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    const hello = (servername: string, checkAs: string) =>
      new Promise<string>((resolve) => {
        const c = connect({
          host: '127.0.0.1',
          port,
          servername,
          ca: ca.certPem,
          checkServerIdentity: (_h, cert) =>
            cert.subjectaltname === `DNS:${checkAs}` ? undefined : new Error(`SAN ${cert.subjectaltname}`),
        });
        c.on('data', (d) => resolve(String(d)));
        c.on('error', (e) => resolve(`error: ${e.message}`));
      });
    try {
      assert.equal(await hello('api.example.test', 'api.example.test'), 'ok');
      assert.match(
        await hello('api.example.test', 'other.example.test'),
        /^error: SAN DNS:api\.example\.test/,
      );
    } finally {
      server.close();
    }
  });

  test('leaves are cached per name (the same context object comes back)', async () => {
    const a = await ca.contextFor('Cached.Example.Test');
    assert.equal(await ca.contextFor('cached.example.test'), a);
    assert.notEqual(await ca.contextFor('other.example.test'), a);
  });

  /** The certificate a TLS client is shown for `servername` (the server mints it for `host`). */
  async function leafFor(host: string): Promise<X509Certificate> {
    const server = createServer({
      SNICallback: (_n, cb) => ca.contextFor(host).then((c) => cb(null, c), cb),
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    try {
      return await new Promise<X509Certificate>((resolve, reject) => {
        const c = connect(
          {
            host: '127.0.0.1',
            port,
            servername: 'x.test',
            ca: ca.certPem,
            checkServerIdentity: () => undefined,
          },
          () => {
            resolve(new X509Certificate(c.getPeerCertificate().raw));
            c.destroy();
          },
        );
        c.on('error', reject);
      });
    } finally {
      server.close();
    }
  }

  test('a leaf for an IP carries an IP SAN (IPv4 and IPv6), is no CA, and is issued and signed by the CA', async () => {
    const root = new X509Certificate(ca.certPem);
    for (const [ip, san] of [
      ['192.0.2.7', 'IP Address:192.0.2.7'],
      ['2001:db8::7', 'IP Address:2001:DB8:0:0:0:0:0:7'],
    ]) {
      const leaf = await leafFor(ip as string);
      assert.equal(leaf.subjectAltName, san);
      assert.equal(leaf.ca, false);
      assert.equal(leaf.checkIssued(root), true);
      assert.equal(leaf.verify(root.publicKey), true);
      assert.deepEqual(leaf.keyUsage, ['1.3.6.1.5.5.7.3.1']); // Node's keyUsage lists the extended key usages: serverAuth
      assert.equal(leaf.subject, 'CN=Paddock leaf');
      assert.equal(leaf.validTo, root.validTo);
    }
  });

  test('a name that is not printable ASCII gets no certificate', async () => {
    await assert.rejects(ca.contextFor('bad\u00e9.test'), /not a host name/);
    await assert.rejects(ca.contextFor('a b.test'), /not a host name/);
  });

  test('no ASN.1 library is loaded for it (the gateway starts without one: der.ts)', () => {
    // @peculiar/x509 needed the reflect-metadata polyfill, which defines Reflect.getMetadata.
    assert.equal((Reflect as unknown as Record<string, unknown>).getMetadata, undefined);
  });

  test('the combined bundle is the base bundle plus the CA', () => {
    assert.equal(combinedBundle('A\n\n', 'CA\n'), 'A\n# Paddock session CA\nCA\n');
  });
});
