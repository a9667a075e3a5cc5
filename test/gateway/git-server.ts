// A TLS git server on loopback: `git http-backend` (CGI) behind a Node https server whose certificates come
// from a test CA. Receive-pack is enabled on the server, so a refused push is the gateway's doing.
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { SessionCa } from '../../src/gateway/tls/ca.js';

const run = promisify(execFile);

export interface GitServer {
  readonly port: number;
  /** Request lines the server answered (`POST /repo.git/git-upload-pack`). */
  readonly requests: string[];
  close(): Promise<void>;
}

/** Serve `repo.git` (one commit, file README) over HTTPS on 127.0.0.1 with a certificate from `ca`. */
export async function gitServer(ca: SessionCa): Promise<GitServer> {
  const root = await mkdtemp(join(tmpdir(), 'paddock-git-'));
  const git = (...args: string[]) => run('git', args, { env: { ...process.env, HOME: root } });
  await git('init', '-q', '--bare', join(root, 'repo.git'));
  await git('-C', join(root, 'repo.git'), 'config', 'http.receivepack', 'true');
  const work = join(root, 'work');
  await git('init', '-q', work);
  await writeFile(join(work, 'README'), 'hello from the test git server\n');
  await git('-C', work, 'add', 'README');
  await git('-C', work, '-c', 'user.name=t', '-c', 'user.email=t@t.test', 'commit', '-qm', 'first');
  await git('-C', work, 'push', '-q', join(root, 'repo.git'), 'HEAD:refs/heads/main');
  await git('-C', join(root, 'repo.git'), 'symbolic-ref', 'HEAD', 'refs/heads/main');
  const requests: string[] = [];
  const server = createServer(
    { SNICallback: (name, cb) => ca.contextFor(name).then((c) => cb(null, c), cb) },
    (req, res) => {
      const url = new URL(req.url ?? '/', 'https://git.test');
      requests.push(`${req.method} ${url.pathname}`);
      const cgi = spawn('git', ['http-backend'], {
        env: {
          PATH: process.env.PATH ?? '/usr/bin:/bin',
          GIT_PROJECT_ROOT: root,
          GIT_HTTP_EXPORT_ALL: '1',
          PATH_INFO: url.pathname,
          QUERY_STRING: url.search.slice(1),
          REQUEST_METHOD: req.method ?? 'GET',
          CONTENT_TYPE: req.headers['content-type'] ?? '',
          HTTP_CONTENT_ENCODING: req.headers['content-encoding'] ?? '',
          HTTP_GIT_PROTOCOL: (req.headers['git-protocol'] as string | undefined) ?? '',
          REMOTE_USER: 'test',
          REMOTE_ADDR: '127.0.0.1',
        },
      });
      req.pipe(cgi.stdin);
      let head = Buffer.alloc(0);
      let started = false;
      cgi.stdout.on('data', (chunk: Buffer) => {
        if (started) return void res.write(chunk);
        head = Buffer.concat([head, chunk]);
        const end = head.indexOf('\r\n\r\n');
        if (end < 0) return;
        started = true;
        let status = 200;
        for (const line of head.subarray(0, end).toString().split('\r\n')) {
          const at = line.indexOf(':');
          const name = line.slice(0, at).trim();
          const value = line.slice(at + 1).trim();
          if (name.toLowerCase() === 'status') status = Number.parseInt(value, 10);
          else res.setHeader(name, value);
        }
        res.writeHead(status);
        res.write(head.subarray(end + 4));
      });
      cgi.on('close', () => res.end());
    },
  );
  const port = await new Promise<number>((r) =>
    server.listen(0, '127.0.0.1', () => r((server.address() as AddressInfo).port)),
  );
  return {
    port,
    requests,
    async close() {
      server.close();
      await rm(root, { recursive: true, force: true });
    },
  };
}
