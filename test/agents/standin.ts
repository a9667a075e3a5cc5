// A loopback stand-in for the agents' model APIs: HTTPS on 127.x.y.z:443 with a leaf from a CA made at test
// time. It accepts every connection and answers like an API rejecting a fake key; it records what it saw.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface TestCa {
  readonly dir: string;
  /** PEM of the CA certificate (what the sandbox trusts). */
  readonly caPath: string;
  readonly key: string;
  readonly cert: string;
}

/** A CA and one leaf for `names`, with openssl (EC P-256, one day). */
export async function makeTestCa(names: readonly string[]): Promise<TestCa> {
  const dir = await mkdtemp(join(tmpdir(), 'paddock-ca-'));
  const f = (n: string) => join(dir, n);
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  await run('openssl', [
    'req',
    '-x509',
    ...ec,
    '-keyout',
    f('ca.key'),
    '-out',
    f('ca.pem'),
    '-days',
    '1',
    '-subj',
    '/CN=Paddock agents test CA',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  await run('openssl', [
    'req',
    ...ec,
    '-keyout',
    f('leaf.key'),
    '-out',
    f('leaf.csr'),
    '-subj',
    '/CN=stand-in',
  ]);
  const san = `subjectAltName=${names.map((n) => `DNS:${n}`).join(',')}\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n`;
  await import('node:fs/promises').then((fs) => fs.writeFile(f('leaf.ext'), san));
  await run('openssl', [
    'x509',
    '-req',
    '-in',
    f('leaf.csr'),
    '-CA',
    f('ca.pem'),
    '-CAkey',
    f('ca.key'),
    '-CAcreateserial',
    '-out',
    f('leaf.pem'),
    '-days',
    '1',
    '-extfile',
    f('leaf.ext'),
  ]);
  return {
    dir,
    caPath: f('ca.pem'),
    key: await readFile(f('leaf.key'), 'utf8'),
    cert: await readFile(f('leaf.pem'), 'utf8'),
  };
}

export interface Seen {
  readonly host: string;
  readonly method: string;
  readonly path: string;
}

export interface StandIn {
  readonly ip: string;
  readonly seen: Seen[];
  /** TLS handshakes by SNI (also those that never sent a request). */
  readonly sni: string[];
  close(): Promise<void>;
}

const REFUSAL = JSON.stringify({
  type: 'error',
  error: {
    type: 'invalid_request_error',
    code: 400,
    status: 'INVALID_ARGUMENT',
    message: 'paddock stand-in: this model API is a loopback test server',
  },
});

const COPILOT_USER = JSON.stringify({
  login: 'paddock-test',
  copilot_plan: 'individual',
  chat_enabled: true,
  endpoints: { api: 'https://api.individual.githubcopilot.com' },
});

/** Listen on `ip`:443 (a loopback address of its own, so it shares port 443 with no other test). */
export async function startStandIn(ca: TestCa, ip: string): Promise<StandIn> {
  const seen: Seen[] = [];
  const sni: string[] = [];
  const server: Server = createServer({ key: ca.key, cert: ca.cert }, (req, res) => {
    seen.push({ host: req.headers.host ?? '', method: req.method ?? '', path: req.url ?? '' });
    req.resume();
    // What an API says to a request it will not serve (not retried, unlike 401, 429 and 5xx): agents stop.
    // Copilot asks GitHub who the token belongs to before it calls its model API.
    if (req.url === '/copilot_internal/user') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(COPILOT_USER);
      return;
    }
    res.writeHead(400, { 'content-type': 'application/json' });
    res.end(REFUSAL);
  });
  server.on('secureConnection', (s) => sni.push((s as { servername?: string }).servername ?? ''));
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(443, ip, () => resolve()));
  return {
    ip,
    seen,
    sni,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export async function removeCa(ca: TestCa): Promise<void> {
  await rm(ca.dir, { recursive: true, force: true });
}
