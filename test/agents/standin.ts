// A loopback stand-in for the agents' model APIs: HTTPS on 127.x.y.z:443 with a leaf from a CA made at test
// time. It accepts every connection and answers like an API rejecting a fake key; it records what it saw.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
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
  /** The key the request carried (`x-api-key`, or a bearer token), as received. */
  readonly key: string;
}

/** Options of the stand-in. */
export interface StandInOptions {
  /**
   * Answer the Anthropic messages API (`POST /v1/messages`) like the real one, with `ANSWER` as the model's
   * reply, to requests carrying this key; other keys get a 401 authentication_error. @default refuse everything
   */
  readonly anthropicKey?: string;
}

/** What the stand-in's model says (the agent prints it). */
export const ANSWER = 'PADDOCK-STANDIN-ANSWER';

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
export async function startStandIn(ca: TestCa, ip: string, options: StandInOptions = {}): Promise<StandIn> {
  const seen: Seen[] = [];
  const sni: string[] = [];
  const server: Server = createServer({ key: ca.key, cert: ca.cert }, (req, res) => {
    const key = String(req.headers['x-api-key'] ?? req.headers.authorization ?? '').replace(/^Bearer /, '');
    seen.push({ host: req.headers.host ?? '', method: req.method ?? '', path: req.url ?? '', key });
    if (options.anthropicKey !== undefined && req.url?.startsWith('/v1/messages')) {
      messages(req, res, key === options.anthropicKey);
      return;
    }
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

/** The messages API: a streamed or whole reply saying ANSWER, or 401 for a wrong key. */
function messages(req: IncomingMessage, res: ServerResponse, keyOk: boolean): void {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    if (!keyOk) {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          type: 'error',
          error: { type: 'authentication_error', message: 'invalid x-api-key' },
        }),
      );
      return;
    }
    let body: { model?: string; stream?: boolean } = {};
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      // An unparsable body gets the whole reply.
    }
    if (req.url?.startsWith('/v1/messages/count_tokens')) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ input_tokens: 10 }));
      return;
    }
    const model = body.model ?? 'claude-standin';
    const usage = { input_tokens: 10, output_tokens: 5 };
    const message = { id: 'msg_standin', type: 'message', role: 'assistant', model };
    if (!body.stream) {
      res.writeHead(200, { 'content-type': 'application/json' });
      const content = [{ type: 'text', text: ANSWER }];
      res.end(JSON.stringify({ ...message, content, stop_reason: 'end_turn', stop_sequence: null, usage }));
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    const send = (type: string, data: object) =>
      res.write(`event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`);
    send('message_start', {
      message: { ...message, content: [], stop_reason: null, stop_sequence: null, usage },
    });
    send('content_block_start', { index: 0, content_block: { type: 'text', text: '' } });
    send('content_block_delta', { index: 0, delta: { type: 'text_delta', text: ANSWER } });
    send('content_block_stop', { index: 0 });
    send('message_delta', {
      delta: { stop_reason: 'end_turn', stop_sequence: null },
      usage: { output_tokens: 5 },
    });
    send('message_stop', {});
    res.end();
  });
}

export async function removeCa(ca: TestCa): Promise<void> {
  await rm(ca.dir, { recursive: true, force: true });
}
