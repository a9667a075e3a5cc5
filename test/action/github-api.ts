// A stand-in for the GitHub REST API on 127.0.0.1: just the issue-comment endpoints the Action uses.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeComment {
  id: number;
  body: string;
  /** As GitHub gives them: who wrote it, and their relation to the repository. */
  user?: { login: string; type: 'User' | 'Bot' };
  author_association?: string;
}

/** The author GitHub records for a comment made with the job's GITHUB_TOKEN. */
export const ACTIONS_BOT = { login: 'github-actions[bot]', type: 'Bot' } as const;

export interface FakeGitHub {
  readonly url: string;
  /** Comments per `owner/repo#number`. */
  readonly comments: Map<string, FakeComment[]>;
  /** `METHOD path` of every request, in order. */
  readonly requests: string[];
  /** Authorization headers seen. */
  readonly auth: string[];
  close(): Promise<void>;
}

export async function startFakeGitHub(): Promise<FakeGitHub> {
  const comments = new Map<string, FakeComment[]>();
  const requests: string[] = [];
  const auth: string[] = [];
  let nextId = 1000;
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => {
      body += d;
    });
    req.on('end', () => {
      const path = (req.url ?? '').split('?')[0] ?? '';
      requests.push(`${req.method} ${path}`);
      auth.push(req.headers.authorization ?? '');
      const send = (status: number, value: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(value));
      };
      const list = /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/.exec(path);
      const one = /^\/repos\/([^/]+)\/([^/]+)\/issues\/comments\/(\d+)$/.exec(path);
      if (list) {
        const key = `${list[1]}/${list[2]}#${list[3]}`;
        const existing = comments.get(key) ?? [];
        if (req.method === 'GET') return send(200, existing);
        if (req.method === 'POST') {
          const comment: FakeComment = {
            id: nextId++,
            body: JSON.parse(body).body as string,
            user: { ...ACTIONS_BOT },
            author_association: 'NONE',
          };
          comments.set(key, [...existing, comment]);
          return send(201, comment);
        }
      }
      if (one && req.method === 'PATCH') {
        for (const list of comments.values()) {
          const found = list.find((c) => c.id === Number(one[3]));
          if (found) {
            found.body = JSON.parse(body).body;
            return send(200, found);
          }
        }
        return send(404, { message: 'Not Found' });
      }
      send(404, { message: `no route for ${req.method} ${path}` });
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    comments,
    requests,
    auth,
    close: () => new Promise((done) => server.close(() => done())),
  };
}

/** A pull_request payload; `fork` makes the head a different repository. */
export function pullRequestPayload(number: number, fork = false): unknown {
  const base = { name: 'repo', full_name: 'octo/repo', owner: { login: 'octo' } };
  const head = fork ? { name: 'repo', full_name: 'someone/repo', owner: { login: 'someone' } } : base;
  return {
    action: 'synchronize',
    number,
    pull_request: { number, base: { repo: base }, head: { repo: head } },
    repository: base,
  };
}
