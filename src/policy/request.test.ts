import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parsePolicy } from './parse.js';
import { decideRequest, inspects } from './request.js';
import { canonicalPath, parseTarget, redactedTarget } from './request-path.js';
import type { HttpRequest } from './types.js';

const POLICY = parsePolicy(
  `version: 1
network_policies:
  github_git:
    endpoints:
      - host: github.test
        port: 443
        protocol: rest
        enforcement: enforce
        rules:
          - allow: { method: GET, path: "**" }
          - allow: { method: POST, path: "/**/git-upload-pack" }
    binaries:
      - { path: /usr/bin/git }
  api:
    endpoints:
      - host: api.test
        port: 443
        protocol: rest
        enforcement: enforce
        access: read-only
        deny_rules:
          - { method: GET, path: "/admin/**" }
          - { method: GET, path: "/search", query: { q: "secret*" } }
      - host: q.test
        port: 443
        protocol: rest
        enforcement: enforce
        rules:
          - allow: { method: GET, path: /items, query: { page: "[0-9]", tag: { any: [a*, b*] } } }
      - host: audit.test
        port: 443
        protocol: rest
        access: read-only
      - host: scoped.test
        port: 443
        protocol: rest
        enforcement: enforce
        path: /v1/**
        access: full
      - host: plain.test
        port: 443
      - host: term.test
        port: 443
        tls: terminate
    binaries:
      - { path: /usr/bin/curl }
      - { path: /usr/bin/git }
`,
  'p.yaml',
).policy;

const GIT = { exe: '/usr/bin/git', ancestors: [] };
const req = (method: string, target: string): HttpRequest => {
  const parsed = parseTarget(target);
  if ('error' in parsed) throw new Error(parsed.error);
  return { method, ...parsed.request };
};

describe('decideRequest (OpenShell request rules)', () => {
  const rows: [string, string, string, string, 'allow' | 'deny' | 'audit', RegExp][] = [
    [
      'git fetch: GET info/refs',
      'github.test',
      'GET',
      '/o/r.git/info/refs?service=git-upload-pack',
      'allow',
      /rules\[0\]/,
    ],
    ['git fetch: POST upload-pack', 'github.test', 'POST', '/o/r.git/git-upload-pack', 'allow', /rules\[1\]/],
    [
      'git push: POST receive-pack',
      'github.test',
      'POST',
      '/o/r.git/git-receive-pack',
      'deny',
      /POST \/o\/r\.git\/git-receive-pack not permitted by policy 'github_git'/,
    ],
    ['HEAD is allowed by a GET rule', 'github.test', 'HEAD', '/x', 'allow', /rules\[0\]/],
    ['read-only allows GET', 'api.test', 'GET', '/v1/items', 'allow', /access: read-only/],
    ['read-only allows OPTIONS', 'api.test', 'OPTIONS', '/v1/items', 'allow', /access: read-only/],
    ['read-only refuses POST', 'api.test', 'POST', '/v1/items', 'deny', /no rule allows it/],
    ['read-only refuses DELETE', 'api.test', 'DELETE', '/v1/items', 'deny', /no rule allows it/],
    ['deny_rules win over access', 'api.test', 'GET', '/admin/users', 'deny', /denied by deny_rules\[0\]/],
    [
      'deny_rules see the canonical path',
      'api.test',
      'GET',
      '/v1/../admin/%75sers',
      'deny',
      /deny_rules\[0\]/,
    ],
    [
      'deny query: a matching value denies',
      'api.test',
      'GET',
      '/search?q=x&q=secret-plan',
      'deny',
      /deny_rules\[1\]/,
    ],
    ['deny query: no matching value', 'api.test', 'GET', '/search?q=public', 'allow', /access/],
    ['deny query: key absent', 'api.test', 'GET', '/search', 'allow', /access/],
    [
      'allow query: every value matches',
      'q.test',
      'GET',
      '/items?page=1&tag=apple&tag=berry',
      'allow',
      /rules\[0\]/,
    ],
    [
      'allow query: one value misses',
      'q.test',
      'GET',
      '/items?page=1&tag=apple&tag=cherry',
      'deny',
      /no rule allows it/,
    ],
    ['allow query: a key is missing', 'q.test', 'GET', '/items?page=1', 'deny', /no rule allows it/],
    [
      'audit endpoint: a refusal is audit',
      'audit.test',
      'POST',
      '/x',
      'audit',
      /^audit: POST \/x not permitted/,
    ],
    [
      'endpoint path scope: inside',
      'scoped.test',
      'DELETE',
      '/v1/a/b',
      'allow',
      /scoped|access: full|allowed/,
    ],
    ['endpoint path scope: outside', 'scoped.test', 'GET', '/v2/a', 'deny', /no endpoint covers this path/],
    [
      'an endpoint without request rules allows every request',
      'term.test',
      'DELETE',
      '/anything',
      'allow',
      /no request rules/,
    ],
  ];
  for (const [name, host, method, target, action, reason] of rows) {
    test(name, () => {
      const d = decideRequest(POLICY, GIT, { host, port: 443 }, req(method, target));
      assert.equal(d.action, action, d.reason);
      assert.match(d.reason, reason);
    });
  }

  test('the connection decision comes first: an unknown binary is denied', () => {
    const d = decideRequest(POLICY, null, { host: 'github.test', port: 443 }, req('GET', '/'));
    assert.equal(d.action, 'deny');
    assert.match(d.reason, /binary unknown/);
  });
});

describe('inspects: which connections are terminated', () => {
  const rows: [string, boolean][] = [
    ['github.test', true],
    ['api.test', true],
    ['scoped.test', true],
    ['term.test', true],
    ['plain.test', false],
    ['other.test', false],
  ];
  for (const [host, expected] of rows)
    test(`${host}: ${expected}`, () => assert.equal(inspects(POLICY, GIT, { host, port: 443 }), expected));
  test('a binary the entry does not allow inspects nothing', () =>
    assert.equal(
      inspects(POLICY, { exe: '/bin/nc', ancestors: [] }, { host: 'api.test', port: 443 }),
      false,
    ));
});

describe('canonicalPath', () => {
  const rows: [string, string][] = [
    ['/a/b', '/a/b'],
    ['/a//b/', '/a/b/'],
    ['/a/./b/../c', '/a/c'],
    ['/a/%62', '/a/b'],
    ['/a;jsessionid=1/b', '/a/b'],
    ['/', '/'],
  ];
  for (const [raw, path] of rows)
    test(`${raw} → ${path}`, () => assert.deepEqual(canonicalPath(raw), { path }));
  const bad: [string, RegExp][] = [
    ['/a/%2Fb', /encoded slash/],
    ['/../etc', /above the root/],
    ['/a/%zz', /percent-encoding/],
    ['/a/%0d%0a', /control bytes/],
    ['http://x/', /not an absolute path/],
    ['*', /not an absolute path/],
  ];
  for (const [raw, error] of bad)
    test(`${raw} is refused`, () => {
      const r = canonicalPath(raw);
      assert.ok('error' in r);
      assert.match(r.error, error);
    });
  test('an encoded slash is kept when the endpoint allows it', () =>
    assert.deepEqual(canonicalPath('/a%2Fb', true), { path: '/a/b' }));
});

test('an event shows query keys, never their values', () =>
  assert.equal(redactedTarget('/search?q=secret&key=sk-ant-123&flag'), '/search?q=…&key=…&flag=…'));
