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

  test('a leaf for an IP carries an IP SAN', async () => {
    const ctx = await ca.contextFor('192.0.2.7');
    assert.ok(ctx);
  });

  test('the combined bundle is the base bundle plus the CA', () => {
    assert.equal(combinedBundle('A\n\n', 'CA\n'), 'A\n# Paddock session CA\nCA\n');
  });
});
