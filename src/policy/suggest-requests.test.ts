import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { EgressEvent } from '../common/event.js';
import { parsePolicy } from './parse.js';
import { decideRequest } from './request.js';
import { suggestPolicy } from './suggest.js';
import { pathPattern } from './suggest-requests.js';

describe('pathPattern', () => {
  const rows: [string, string][] = [
    ['/v1/items', '/v1/items'],
    ['/v1/items/42', '/v1/items/*'],
    ['/repos/o/r/commits/0123456789abcdef0123', '/repos/o/r/commits/*'],
    ['/u/123e4567-e89b-12d3-a456-426614174000/x', '/u/*/x'],
    ['/search?q=…', '/search'],
    ['/a*b/c', '/*/c'],
    ['/', '/'],
  ];
  for (const [path, want] of rows) test(`${path} → ${want}`, () => assert.equal(pathPattern(path), want));
});

const BASE = parsePolicy(
  `version: 1
network_policies:
  api:
    endpoints:
      - host: api.test
        port: 443
        protocol: rest
        enforcement: enforce
        access: read-only
        deny_rules: [{ method: DELETE, path: /admin/** }]
    binaries: [{ path: /usr/bin/curl }]
`,
  'base.yaml',
).policy;

function request(
  method: string,
  path: string,
  reason: string,
  action: 'deny' | 'audit' = 'deny',
): EgressEvent {
  return {
    time: '2026-12-01T00:00:00.000Z',
    session: 's',
    sandbox: 'b',
    run: 'r',
    action,
    layer: 'http',
    protocol: 'tcp',
    host: 'api.test',
    ip: '203.0.113.5',
    port: 443,
    binary: '/usr/bin/curl',
    pid: 1,
    policy: 'api',
    reason,
    method,
    path,
  } as EgressEvent;
}

const curl = { exe: '/usr/bin/curl', ancestors: [] };
const dest = { host: 'api.test', port: 443 };
const allows = (policy: typeof BASE, method: string, path: string) =>
  decideRequest(policy, curl, dest, { method, path, query: {} }).action;

describe('suggestPolicy: request rules from refused requests', () => {
  const events = [
    request(
      'POST',
      '/v1/items/42',
      "POST /v1/items/42 not permitted by policy 'api' (line 5): no rule allows it",
    ),
    request(
      'POST',
      '/v1/items/43',
      "POST /v1/items/43 not permitted by policy 'api' (line 5): no rule allows it",
    ),
    request('PUT', '/v1/config?x=…', "PUT /v1/config not permitted by policy 'api'", 'audit'),
    request('DELETE', '/admin/users', "DELETE /admin/users denied by deny_rules[0] of policy 'api' (line 5)"),
  ];
  const s = suggestPolicy(events, BASE, { extends: 'base.yaml' });

  test('one allow rule per method and path pattern, on the connection the base allows', () => {
    assert.deepEqual(
      s.requests.map((r) => `${r.binary} ${r.host}:${r.port} ${r.method} ${r.path}`),
      ['/usr/bin/curl api.test:443 POST /v1/items/*', '/usr/bin/curl api.test:443 PUT /v1/config'],
    );
    assert.deepEqual(s.triples, []);
    assert.match(s.yaml, /It adds 2 request rules/);
  });

  test('fed back (YAML and merged), it allows the refused requests and their kin, and nothing more', () => {
    const again = parsePolicy(s.yaml, 'suggested.yaml').policy;
    assert.equal(again.network_policies[0]?.endpoints[0]?.protocol, 'rest');
    for (const policy of [s.policy]) {
      assert.equal(allows(policy, 'POST', '/v1/items/42'), 'allow');
      assert.equal(allows(policy, 'POST', '/v1/items/99'), 'allow');
      assert.equal(allows(policy, 'PUT', '/v1/config'), 'allow');
      assert.equal(allows(policy, 'GET', '/v1/anything'), 'allow', 'the base still allows reads');
      assert.equal(allows(policy, 'POST', '/v1/other'), 'deny');
      assert.equal(allows(policy, 'DELETE', '/v1/items/42'), 'deny');
      assert.equal(allows(policy, 'DELETE', '/admin/users'), 'deny', 'a deny rule still wins');
    }
    assert.equal(allows(BASE, 'POST', '/v1/items/42'), 'deny', 'the base alone refuses it');
  });

  test('a request refused by a deny rule is listed, not allowed', () => {
    assert.match(
      s.yaml,
      /# Not allowed: refused by a deny rule.*\n#\s+\/usr\/bin\/curl -> DELETE api\.test:443\/admin\/users/,
    );
  });
});
