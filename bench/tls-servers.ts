// Host-side pieces of the TLS benchmark: HTTPS servers with certificates from a bench CA, and Squid with
// ssl-bump (Debian's squid-openssl) as the baseline that also terminates TLS.
import { webcrypto } from 'node:crypto';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import type { SessionCa } from '../src/gateway/tls/ca.js';
import { run } from './lib.js';
import type { Listening, Squid } from './servers.js';
import { squidConf, startSquid } from './servers.js';

const CHUNK = Buffer.alloc(1024 * 1024, 'x');

/** An HTTPS server (certificate per SNI from `ca`) whose every response is `bytes` of body, with backpressure. */
export function httpsSink(ca: SessionCa, host: string, bytes: number): Promise<Listening> {
  const server = createServer(
    { SNICallback: (n, cb) => ca.contextFor(n).then((c) => cb(null, c), cb) },
    (req, res) => {
      req.resume();
      res.writeHead(200, { 'content-length': bytes });
      let left = bytes;
      const pump = () => {
        while (left > 0) {
          const n = Math.min(left, CHUNK.length);
          left -= n;
          if (!res.write(n === CHUNK.length ? CHUNK : CHUNK.subarray(0, n)))
            return void res.once('drain', pump);
        }
        res.end();
      };
      pump();
    },
  );
  server.keepAliveTimeout = 30_000;
  return new Promise((resolve) =>
    server.listen(0, host, () =>
      resolve({ port: (server.address() as AddressInfo).port, close: () => server.close() }),
    ),
  );
}

/** A CA whose key Squid can read (PEM files): Squid signs its bumped certificates with it. */
export async function exportableCa(dir: string): Promise<{ cert: string; key: string }> {
  x509.cryptoProvider.set(webcrypto as unknown as Crypto);
  const alg = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
  const keys = (await webcrypto.subtle.generateKey(alg, true, ['sign', 'verify'])) as CryptoKeyPair;
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '01',
    name: 'CN=Paddock bench Squid CA',
    notBefore: new Date(Date.now() - 3600_000),
    notAfter: new Date(Date.now() + 7 * 86400_000),
    signingAlgorithm: alg,
    keys,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  const key = x509.PemConverter.encode(
    await webcrypto.subtle.exportKey('pkcs8', keys.privateKey),
    'PRIVATE KEY',
  );
  const paths = { cert: join(dir, 'squid-ca.pem'), key: join(dir, 'squid-ca.key') };
  await writeFile(paths.cert, `${cert.toString('pem')}\n`);
  await writeFile(paths.key, `${key}\n`, { mode: 0o644 });
  return paths;
}

/**
 * Squid bumping every CONNECT: it terminates the client's TLS with a certificate it mints (signed by `ca`),
 * verifies the upstream against `upstreamCa`, and resolves names through `hosts`.
 */
export async function squidBump(
  dir: string,
  host: string,
  port: number,
  ca: { cert: string; key: string },
  upstreamCa: string,
  hosts: Readonly<Record<string, string>>,
): Promise<Squid> {
  await mkdir(dir, { recursive: true });
  await chmod(dir, 0o777);
  // Squid's certificate helper runs as `proxy`: it must get through the (0700) temp folder to its database.
  await chmod(dirname(dir), 0o711);
  const db = join(dir, 'ssl_db');
  await run('/usr/lib/squid/security_file_certgen', ['-c', '-s', db, '-M', '4MB']);
  await run('chown', ['-R', 'proxy:proxy', db]);
  const hostsFile = join(dir, 'hosts');
  await writeFile(
    hostsFile,
    `${Object.entries(hosts)
      .map(([n, ip]) => `${ip} ${n}`)
      .join('\n')}\n`,
  );
  const conf = squidConf(dir, [
    `http_port ${host}:${port} ssl-bump tls-cert=${ca.cert} tls-key=${ca.key} generate-host-certificates=on dynamic_cert_mem_cache_size=16MB`,
    `sslcrtd_program /usr/lib/squid/security_file_certgen -s ${db} -M 4MB`,
    'sslcrtd_children 4 startup=1 idle=1',
    'acl step1 at_step SslBump1',
    'ssl_bump peek step1',
    'ssl_bump bump all',
    `tls_outgoing_options cafile=${upstreamCa}`,
    `hosts_file ${hostsFile}`,
  ]);
  return startSquid(dir, conf, host, port);
}
