import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { covers, decide, nameAllowed } from './decide.js';
import { parsePolicy } from './parse.js';
import type { BinaryIdentity, Destination } from './types.js';

const POLICY = parsePolicy(
  `version: 1
network_policies:
  github:
    endpoints:
      - { host: api.github.com, port: 443 }
      - { host: "*.githubusercontent.com", ports: [443, 80] }
      - { host: "**.deep.test", port: 443 }
      - { host: "*-cdn.assets.test", port: 443 }
    binaries:
      - { path: /usr/bin/gh }
      - { path: "/usr/lib/git-core/git-remote-*" }
      - { path: "/opt/tools/**" }
  claude:
    endpoints:
      - { host: api.anthropic.com, port: 443 }
    binaries:
      - { path: /usr/bin/node }
  audited:
    endpoints:
      - { host: audit.test, port: 443, enforcement: audit }
    binaries:
      - { path: /usr/bin/curl }
  l7_enforced:
    endpoints:
      - { host: rest.test, port: 443, protocol: rest, enforcement: enforce, access: read-only }
    binaries:
      - { path: /usr/bin/curl }
  l7_graphql:
    endpoints:
      - host: gql.test
        port: 443
        protocol: graphql
        enforcement: enforce
        rules: [{ allow: { operation_type: query } }]
    binaries:
      - { path: /usr/bin/curl }
  l7_audited:
    endpoints:
      - { host: rest-audit.test, port: 443, protocol: rest, access: read-only }
    binaries:
      - { path: /usr/bin/curl }
  internal:
    endpoints:
      - { host: db.internal.test, port: 5432, allowed_ips: [10.0.5.0/24] }
      - { host: 10.9.0.0/16, port: 8080 }
      - { host: 203.0.113.5, port: 22 }
      - { port: 9000, allowed_ips: [192.168.7.0/24] }
      - { host: "169.254.169.254", port: 80 }
    binaries:
      - { path: /usr/bin/psql }
  public_pinned:
    endpoints:
      - { host: pinned.test, port: 443, allowed_ips: [198.51.100.0/24] }
    binaries:
      - { path: /usr/bin/curl }
`,
  'p.yaml',
).policy;

const bin = (exe: string, ...ancestors: string[]): BinaryIdentity => ({ exe, ancestors });
const CURL = bin('/usr/bin/curl', '/bin/sh');
const GH = bin('/usr/bin/gh');
const PSQL = bin('/usr/bin/psql');

const ROWS: {
  name: string;
  binary: BinaryIdentity | null;
  dest: Destination;
  action: string;
  policy: string | null;
  reason?: RegExp;
}[] = [
  {
    name: 'exact host and binary',
    binary: GH,
    dest: { host: 'api.github.com', port: 443 },
    action: 'allow',
    policy: 'github',
  },
  {
    name: 'host is case-insensitive',
    binary: GH,
    dest: { host: 'API.GitHub.com', port: 443 },
    action: 'allow',
    policy: 'github',
  },
  {
    name: 'wrong port',
    binary: GH,
    dest: { host: 'api.github.com', port: 80 },
    action: 'deny',
    policy: null,
    reason: /no matching policy/,
  },
  {
    name: '`ports` list, second port',
    binary: GH,
    dest: { host: 'raw.githubusercontent.com', port: 80 },
    action: 'allow',
    policy: 'github',
  },
  {
    name: '*. matches one label',
    binary: GH,
    dest: { host: 'raw.githubusercontent.com', port: 443 },
    action: 'allow',
    policy: 'github',
  },
  {
    name: '*. does not match two labels',
    binary: GH,
    dest: { host: 'a.b.githubusercontent.com', port: 443 },
    action: 'deny',
    policy: null,
  },
  {
    name: '**. matches any depth',
    binary: GH,
    dest: { host: 'a.b.c.deep.test', port: 443 },
    action: 'allow',
    policy: 'github',
  },
  {
    name: '**. does not match the apex',
    binary: GH,
    dest: { host: 'deep.test', port: 443 },
    action: 'deny',
    policy: null,
  },
  {
    name: 'partial first-label wildcard',
    binary: GH,
    dest: { host: 'eu-cdn.assets.test', port: 443 },
    action: 'allow',
    policy: 'github',
  },
  {
    name: 'partial wildcard needs its suffix',
    binary: GH,
    dest: { host: 'eu.assets.test', port: 443 },
    action: 'deny',
    policy: null,
  },
  {
    name: 'binary glob with *',
    binary: bin('/usr/lib/git-core/git-remote-https'),
    dest: { host: 'api.github.com', port: 443 },
    action: 'allow',
    policy: 'github',
  },
  {
    name: 'binary glob with **',
    binary: bin('/opt/tools/a/b/tool'),
    dest: { host: 'api.github.com', port: 443 },
    action: 'allow',
    policy: 'github',
  },
  {
    name: 'ancestor matches (parent)',
    binary: bin('/usr/bin/curl', '/usr/bin/gh'),
    dest: { host: 'api.github.com', port: 443 },
    action: 'allow',
    policy: 'github',
  },
  {
    name: 'ancestor matches (grandparent glob)',
    binary: bin('/usr/bin/curl', '/bin/sh', '/opt/tools/x'),
    dest: { host: 'api.github.com', port: 443 },
    action: 'allow',
    policy: 'github',
  },
  {
    name: 'binary not in the entry',
    binary: CURL,
    dest: { host: 'api.github.com', port: 443 },
    action: 'deny',
    policy: null,
    reason: /binary \/usr\/bin\/curl not allowed by policy 'github'/,
  },
  {
    name: 'unknown binary never matches',
    binary: null,
    dest: { host: 'api.github.com', port: 443 },
    action: 'deny',
    policy: null,
    reason: /binary unknown/,
  },
  {
    name: 'a tainted binary never matches, not even its own entry',
    binary: { exe: '/usr/bin/gh', ancestors: [], tainted: 'LD_PRELOAD=/sandbox/x.so' },
    dest: { host: 'api.github.com', port: 443 },
    action: 'deny',
    policy: null,
    reason:
      /binary \/usr\/bin\/gh is tainted \(LD_PRELOAD=\/sandbox\/x.so\): it cannot match policy 'github'/,
  },
  {
    name: 'a tainted binary does not match through an ancestor either',
    binary: { exe: '/usr/bin/curl', ancestors: ['/usr/bin/node'], tainted: 'traced by pid 9' },
    dest: { host: 'api.anthropic.com', port: 443 },
    action: 'deny',
    policy: null,
    reason: /tainted/,
  },
  {
    name: 'endpoint and binary must be in the same entry',
    binary: bin('/usr/bin/node'),
    dest: { host: 'api.github.com', port: 443 },
    action: 'deny',
    policy: null,
  },
  {
    name: 'the other entry allows its own pair',
    binary: bin('/usr/bin/node'),
    dest: { host: 'api.anthropic.com', port: 443 },
    action: 'allow',
    policy: 'claude',
  },
  {
    name: 'enforcement: audit allows and reports audit',
    binary: CURL,
    dest: { host: 'audit.test', port: 443 },
    action: 'audit',
    policy: 'audited',
  },
  {
    name: 'audit still needs the binary',
    binary: GH,
    dest: { host: 'audit.test', port: 443 },
    action: 'deny',
    policy: null,
  },
  {
    name: 'REST rules under enforce: the connection is allowed (requests are decided one by one)',
    binary: CURL,
    dest: { host: 'rest.test', port: 443 },
    action: 'allow',
    policy: 'l7_enforced',
  },
  {
    name: 'GraphQL rules under enforce: fail closed (not inspected)',
    binary: CURL,
    dest: { host: 'gql.test', port: 443 },
    action: 'deny',
    policy: 'l7_graphql',
    reason: /cannot enforce/,
  },
  {
    name: 'L7 rules under default audit: audit',
    binary: CURL,
    dest: { host: 'rest-audit.test', port: 443 },
    action: 'audit',
    policy: 'l7_audited',
  },
  {
    name: 'private IP resolved for a name, in allowed_ips',
    binary: PSQL,
    dest: { host: 'db.internal.test', ip: '10.0.5.7', port: 5432 },
    action: 'allow',
    policy: 'internal',
  },
  {
    name: 'IP outside allowed_ips',
    binary: PSQL,
    dest: { host: 'db.internal.test', ip: '10.0.6.7', port: 5432 },
    action: 'deny',
    policy: 'internal',
    reason: /not in allowed_ips/,
  },
  {
    name: 'allowed_ips also pins public addresses',
    binary: CURL,
    dest: { host: 'pinned.test', ip: '203.0.113.1', port: 443 },
    action: 'deny',
    policy: 'public_pinned',
  },
  {
    name: 'allowed_ips pin, inside',
    binary: CURL,
    dest: { host: 'pinned.test', ip: '198.51.100.3', port: 443 },
    action: 'allow',
    policy: 'public_pinned',
  },
  {
    name: 'exact name resolving to a private IP without allowed_ips (OpenShell 2026-05: the name is the trust signal)',
    binary: GH,
    dest: { host: 'api.github.com', ip: '192.168.1.4', port: 443 },
    action: 'allow',
    policy: 'github',
  },
  {
    name: 'wildcard name resolving to a private IP without allowed_ips',
    binary: GH,
    dest: { host: 'raw.githubusercontent.com', ip: '192.168.1.4', port: 443 },
    action: 'deny',
    policy: 'github',
    reason: /internal or special-use/,
  },
  {
    name: 'exact name resolving to loopback',
    binary: GH,
    dest: { host: 'api.github.com', ip: '127.0.0.1', port: 443 },
    action: 'deny',
    policy: 'github',
    reason: /loopback/,
  },
  {
    name: 'name resolving to a public IP',
    binary: GH,
    dest: { host: 'api.github.com', ip: '192.0.2.44', port: 443 },
    action: 'allow',
    policy: 'github',
  },
  {
    name: 'CIDR endpoint names the private range',
    binary: PSQL,
    dest: { ip: '10.9.3.3', port: 8080 },
    action: 'allow',
    policy: 'internal',
  },
  {
    name: 'CIDR endpoint, outside',
    binary: PSQL,
    dest: { ip: '10.8.3.3', port: 8080 },
    action: 'deny',
    policy: null,
  },
  {
    name: 'IP endpoint, host given as IP literal',
    binary: PSQL,
    dest: { host: '203.0.113.5', port: 22 },
    action: 'allow',
    policy: 'internal',
  },
  {
    name: 'IP endpoint does not match a name',
    binary: PSQL,
    dest: { host: 'x.test', ip: '203.0.113.5', port: 22 },
    action: 'deny',
    policy: null,
  },
  {
    name: 'hostless endpoint with allowed_ips',
    binary: PSQL,
    dest: { ip: '192.168.7.9', port: 9000 },
    action: 'allow',
    policy: 'internal',
  },
  {
    name: 'hostless endpoint needs the address',
    binary: PSQL,
    dest: { host: 'any.test', port: 9000 },
    action: 'deny',
    policy: null,
  },
  {
    name: 'metadata IP named explicitly',
    binary: PSQL,
    dest: { ip: '169.254.169.254', port: 80 },
    action: 'allow',
    policy: 'internal',
  },
  {
    name: 'metadata IP for another binary',
    binary: CURL,
    dest: { ip: '169.254.169.254', port: 80 },
    action: 'deny',
    policy: null,
  },
  {
    name: 'loopback IP',
    binary: CURL,
    dest: { ip: '127.0.0.1', port: 443 },
    action: 'deny',
    policy: null,
    reason: /private/,
  },
  {
    name: 'IPv6 loopback literal host',
    binary: CURL,
    dest: { host: '[::1]', port: 443 },
    action: 'deny',
    policy: null,
  },
  {
    name: 'invalid port',
    binary: GH,
    dest: { host: 'api.github.com', port: 0 },
    action: 'deny',
    policy: null,
    reason: /invalid destination/,
  },
  {
    name: 'no host and no ip',
    binary: GH,
    dest: { port: 443 },
    action: 'deny',
    policy: null,
    reason: /invalid destination/,
  },
];

describe('decide', () => {
  for (const row of ROWS) {
    test(`${row.name}: ${row.action}`, () => {
      const d = decide(POLICY, row.binary, row.dest);
      assert.equal(d.action, row.action, d.reason);
      assert.equal(d.policy, row.policy, d.reason);
      if (row.reason) assert.match(d.reason, row.reason);
    });
  }

  const PRIVATE = ['10.1.2.3', '172.16.0.1', '172.31.9.9', '192.168.0.1', '100.64.0.1', 'fc00::1', 'fd00::5'];
  const LOCAL = ['127.0.0.1', '169.254.169.254', '169.254.1.1', '::1', 'fe80::1', '0.0.0.0'];
  const SPECIAL = ['192.0.0.8', '192.0.2.10', '198.18.0.7', '198.51.100.3', '203.0.113.9', '255.255.255.255'];
  const open = parsePolicy(
    `version: 1
network_policies:
  exact:
    endpoints: [{ host: svc.test, port: 443 }]
    binaries: [{ path: /usr/bin/curl }]
  wild:
    endpoints: [{ host: "*.wild.test", port: 443 }]
    binaries: [{ path: /usr/bin/curl }]
  pinned:
    endpoints: [{ host: svc2.test, port: 443, allowed_ips: [10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, 100.64.0.0/10, "fc00::/7"] }]
    binaries: [{ path: /usr/bin/curl }]
  local:
    endpoints: [{ host: svc3.test, port: 443, allowed_ips: [127.0.0.0/8, 169.254.0.0/16, "::1", "fe80::/10", 0.0.0.0/32] }]
    binaries: [{ path: /usr/bin/curl }]
`,
    'p.yaml',
  ).policy;
  for (const ip of PRIVATE) {
    test(`private ${ip}: an exactly named host may resolve to it, a wildcard host may not`, () => {
      assert.equal(decide(open, CURL, { host: 'svc.test', ip, port: 443 }).action, 'allow');
      assert.equal(decide(open, CURL, { host: 'a.wild.test', ip, port: 443 }).action, 'deny');
      assert.equal(decide(open, CURL, { ip, port: 443 }).action, 'deny');
      assert.equal(decide(open, CURL, { host: 'svc2.test', ip, port: 443 }).action, 'allow');
    });
  }
  for (const ip of LOCAL) {
    test(`loopback/link-local ${ip}: denied for a named host, allowed only when listed in allowed_ips`, () => {
      assert.match(
        decide(open, CURL, { host: 'svc.test', ip, port: 443 }).reason,
        /loopback, link-local or unspecified/,
      );
      assert.equal(decide(open, CURL, { host: 'a.wild.test', ip, port: 443 }).action, 'deny');
      assert.equal(decide(open, CURL, { host: 'svc2.test', ip, port: 443 }).action, 'deny');
      assert.equal(decide(open, CURL, { host: 'svc3.test', ip, port: 443 }).action, 'allow');
    });
  }
  for (const ip of SPECIAL) {
    test(`special-use ${ip}: a wildcard host never reaches it; an exact host may`, () => {
      assert.match(decide(open, CURL, { host: 'a.wild.test', ip, port: 443 }).reason, /special-use/);
      assert.equal(decide(open, CURL, { host: 'svc.test', ip, port: 443 }).action, 'allow');
    });
  }

  test('with no network policies everything is denied', () => {
    const strict = parsePolicy('version: 1\nnetwork_policies: {}\n', 'p.yaml').policy;
    const d = decide(strict, CURL, { host: 'api.github.com', port: 443 });
    assert.deepEqual(d, {
      action: 'deny',
      policy: null,
      reason: 'network connections not allowed by policy',
    });
  });

  test('an enforced allow wins over an audit on the same destination; smallest key decides ties', () => {
    const p = parsePolicy(
      'version: 1\nnetwork_policies:\n  a_audit:\n    endpoints: [{ host: x.test, port: 1, enforcement: audit }]\n    binaries: [{ path: /b }]\n  z_allow:\n    endpoints: [{ host: x.test, port: 1 }]\n    binaries: [{ path: /b }]\n  y_allow:\n    endpoints: [{ host: x.test, port: 1 }]\n    binaries: [{ path: /b }]\n',
      'p.yaml',
    ).policy;
    assert.deepEqual(decide(p, bin('/b'), { host: 'x.test', port: 1 }), {
      action: 'allow',
      policy: 'y_allow',
      reason: "allowed by policy 'y_allow'",
    });
  });
});

describe('nameAllowed', () => {
  const ROWS: [string, boolean, string | null][] = [
    ['api.github.com', true, 'github'],
    ['API.GITHUB.COM.', true, 'github'],
    ['raw.githubusercontent.com', true, 'github'],
    ['x.y.deep.test', true, 'github'],
    ['audit.test', true, 'audited'],
    ['rest.test', true, 'l7_enforced'],
    ['gql.test', false, null],
    ['rest-audit.test', true, 'l7_audited'],
    ['noport.test', false, null],
    ['evil.test', false, null],
    ['203.0.113.5', false, null],
  ];
  for (const [host, allowed, policy] of ROWS) {
    test(`${host}: ${allowed ? 'answered' : 'NXDOMAIN'}`, () =>
      assert.deepEqual(nameAllowed(POLICY, host), { allowed, policy }));
  }
});

describe('covers: can any binary matter for the destination?', () => {
  const rows: [Destination, boolean][] = [
    [{ host: 'api.github.com', port: 443 }, true],
    [{ host: 'x.githubusercontent.com', port: 80 }, true],
    [{ host: 'api.github.com', port: 22 }, false],
    [{ host: 'evil.test', port: 443 }, false],
    [{ ip: '192.0.2.1', port: 80 }, false],
  ];
  for (const [dest, want] of rows) {
    test(`${JSON.stringify(dest)} → ${want}`, () => {
      assert.equal(covers(POLICY, dest), want);
      // Not covered: every binary, known or not, gets the same denial.
      if (!want)
        for (const b of [
          null,
          { exe: '/usr/bin/gh', ancestors: [] },
          { exe: '/usr/bin/node', ancestors: [] },
        ])
          assert.equal(decide(POLICY, b, dest as Destination).action, 'deny');
    });
  }
});
