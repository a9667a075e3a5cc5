import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { formatProblem, isPaddockError, type Problem } from '../common/errors.js';
import { parsePolicy } from './parse.js';

/** A policy that uses every field OpenShell v0.0.111 knows. */
const EVERY_FIELD = readFileSync(
  new URL('../../test/policy/fixtures/every-field.yaml', import.meta.url),
  'utf8',
);

describe('parsePolicy', () => {
  test('reads every field of an OpenShell policy', () => {
    const { policy, warnings } = parsePolicy(EVERY_FIELD, 'p.yaml');
    assert.deepEqual(policy.filesystem_policy, {
      include_workdir: true,
      read_only: ['/usr', '/lib', '/etc'],
      read_write: ['/sandbox', '/tmp'],
    });
    assert.deepEqual(policy.landlock, { compatibility: 'hard_requirement' });
    assert.deepEqual(policy.process, { run_as_user: 'sandbox', run_as_group: '1500' });
    const [entry] = policy.network_policies;
    assert.equal(entry?.key, 'github');
    assert.equal(entry?.name, 'github-api');
    const [api, git, wild, cidr, hostless] = entry!.endpoints;
    assert.match(
      api?.notEnforced?.[0] ?? '',
      /not inspected by Paddock; connections are allowed and logged as audit/,
    );
    assert.deepEqual(
      { ...api, line: undefined, notEnforced: undefined },
      {
        host: 'api.github.com',
        ports: [443],
        protocol: 'rest',
        tls: 'skip',
        enforcement: 'audit',
        access: 'read-only',
        allowed_ips: [],
        enforceable: true,
        allow_encoded_slash: true,
        line: undefined,
        notEnforced: undefined,
      },
    );
    assert.equal(api?.line, 15);
    assert.deepEqual(git?.ports, [443, 8443]);
    // REST rules under enforce are enforced per request (the gateway terminates TLS for them).
    assert.equal(git?.enforceable, true);
    assert.equal(git?.notEnforced, undefined);
    assert.deepEqual(git?.rules, [
      { allow: { method: 'GET', path: '/**/info/refs*', query: { service: 'git-*' } } },
    ]);
    assert.deepEqual(git?.deny_rules, [{ method: 'POST', path: '/**/git-receive-pack' }]);
    assert.equal(wild?.host, '*.githubusercontent.com');
    assert.equal(wild?.protocol, 'tcp');
    assert.equal(cidr?.ip, '10.0.5.0/24');
    assert.equal(cidr?.host, undefined);
    assert.deepEqual(hostless?.allowed_ips, ['10.1.0.0/16']);
    assert.deepEqual(
      entry!.binaries.map((b) => b.path),
      ['/usr/bin/gh', '/usr/lib/jvm/*/bin/java', '/usr/bin/git'],
    );
    const [s3, bedrock, mcp, rpc, graph, ws, sql] = policy.network_policies[1]!.endpoints;
    assert.equal(s3?.host, '*.s3.*.amazonaws.com');
    assert.equal(s3?.path, '/v1/**');
    assert.deepEqual(s3?.options, {
      request_body_credential_rewrite: true,
      credential_binding: { provider: 'aws' },
    });
    assert.equal(s3?.enforceable, true, 'audit by default: allowed and logged');
    assert.equal(bedrock?.enforceable, true, 'an allow-everything rule is enforced at the connection');
    assert.equal(bedrock?.enforcement, 'enforce');
    assert.equal(mcp?.enforceable, false, 'MCP tool rules under enforce: fail closed');
    assert.deepEqual(mcp?.options?.mcp, {
      max_body_bytes: 131072,
      strict_tool_names: true,
      allow_all_known_mcp_methods: true,
    });
    assert.equal(rpc?.protocol, 'json-rpc');
    assert.equal(graph?.options?.persisted_queries, 'allow_registered');
    assert.deepEqual(ws?.middleware, ['guard'], 'a fail_closed middleware Paddock does not run denies');
    assert.equal(ws?.enforceable, false);
    assert.equal(sql?.enforcement, 'audit');
    assert.deepEqual(
      policy.network_middlewares?.map((m) => [m.key, m.middleware, m.order, m.on_error, m.include]),
      [['guard', 'content-guard-example', 10, 'fail_closed', ['ws.example.test']]],
    );
    assert.deepEqual(
      warnings.slice(0, 4).map((w) => [w.line, w.field]),
      [
        [15, 'network_policies.github.endpoints[0]'],
        [18, 'network_policies.github.endpoints[0].tls'],
        [40, 'network_policies.github.binaries[2].harness'],
        [48, 'network_policies.newer.endpoints[0].credential_binding'],
      ],
    );
    // The enforced REST endpoint (line 22) is inspected per request: no warning for it any more.
    assert.equal(
      warnings.some((w) => w.line === 22),
      false,
    );
  });

  test('applies OpenShell defaults', () => {
    const { policy } = parsePolicy('version: 1\n', 'p.yaml');
    assert.deepEqual(policy.filesystem_policy, { include_workdir: true, read_only: [], read_write: [] });
    assert.deepEqual(policy.landlock, { compatibility: 'best_effort' });
    assert.deepEqual(policy.process, {});
    assert.deepEqual(policy.network_policies, []);
    assert.deepEqual(
      parsePolicy('version: 1\nprocess: { identity: connect-time }\n', 'p.yaml').policy.process,
      { identity: 'connect-time' },
    );
    const written = parsePolicy('version: 1\nfilesystem_policy: { read_only: [/usr] }\n', 'p.yaml').policy;
    assert.equal(
      written.filesystem_policy.include_workdir,
      false,
      'a written filesystem_policy defaults include_workdir to false',
    );
    const ep = parsePolicy(
      'version: 1\nnetwork_policies:\n  a:\n    endpoints: [{ host: a.test, port: 1 }]\n    binaries: [{ path: /x }]\n',
      'p.yaml',
    ).policy.network_policies[0]!.endpoints[0]!;
    assert.equal(ep.enforcement, 'enforce');
    assert.equal(ep.access, 'full');
    assert.equal(ep.enforceable, true);
  });

  test('L7 restrictions without enforcement take OpenShell default audit (allowed, logged)', () => {
    const text =
      'version: 1\nnetwork_policies:\n  a:\n    endpoints: [{ host: a.test, port: 443, protocol: rest, access: read-only }]\n    binaries: [{ path: /x }]\n';
    const ep = parsePolicy(text, 'p.yaml').policy.network_policies[0]!.endpoints[0]!;
    assert.equal(ep.enforcement, 'audit');
    assert.equal(ep.enforceable, true);
  });

  test('reads an inline policy at a path inside another document, keeping file positions', () => {
    const text =
      'version: 1\nimage: x\npolicy:\n  version: 1\n  network_policies:\n    a:\n      endpoints: [{ host: "*", port: 1 }]\n';
    const error = catchError(() => parsePolicy(text, 'paddock.yml', { at: ['policy'] }));
    assert.deepEqual(pick(error), [['paddock.yml', 7, 27, 'policy.network_policies.a.endpoints[0].host']]);
  });

  const ERRORS: { name: string; text: string; expect: [number, number, string, RegExp][] }[] = [
    {
      name: 'missing version',
      text: 'network_policies: {}\n',
      expect: [[1, 1, 'version', /expected `version: 1`/]],
    },
    { name: 'wrong version', text: 'version: 2\n', expect: [[1, 10, 'version', /expected `version: 1`/]] },
    {
      name: 'unknown top-level key with a suggestion',
      text: 'version: 1\nnetwork_policy: {}\n',
      expect: [[2, 1, 'network_policy', /did you mean `network_policies`/]],
    },
    {
      name: 'unknown key without a close match',
      text: 'version: 1\nzzz: 1\n',
      expect: [[2, 1, 'zzz', /expected one of: version/]],
    },
    {
      name: 'relative read_only path',
      text: 'version: 1\nfilesystem_policy:\n  read_only: [usr]\n',
      expect: [[3, 15, 'filesystem_policy.read_only[0]', /absolute path/]],
    },
    {
      name: 'path traversal',
      text: 'version: 1\nfilesystem_policy:\n  read_write: [/sandbox/../etc]\n',
      expect: [[3, 16, 'filesystem_policy.read_write[0]', /`\.\.`/]],
    },
    {
      name: 'root read_write',
      text: 'version: 1\nfilesystem_policy:\n  read_write: [/]\n',
      expect: [[3, 16, 'filesystem_policy.read_write[0]', /cannot be read-write/]],
    },
    {
      name: 'bad process.identity',
      text: 'version: 1\nprocess:\n  identity: strong\n',
      expect: [[3, 13, 'process.identity', /connect-time/]],
    },
    {
      name: 'bad landlock',
      text: 'version: 1\nlandlock:\n  compatibility: strict\n',
      expect: [[3, 18, 'landlock.compatibility', /best_effort, hard_requirement/]],
    },
    {
      name: 'root user by name',
      text: 'version: 1\nprocess:\n  run_as_user: root\n',
      expect: [
        [
          3,
          16,
          'process.run_as_user',
          /must be 'sandbox' or a numeric UID\/GID in range \[1, 4294967294\], got 'root'/,
        ],
      ],
    },
    {
      name: 'root uid 0',
      text: 'version: 1\nprocess:\n  run_as_group: 0\n',
      expect: [[3, 17, 'process.run_as_group', /got '0'/]],
    },
    {
      name: 'root uid "0"',
      text: 'version: 1\nprocess:\n  run_as_user: "0"\n',
      expect: [[3, 16, 'process.run_as_user', /got '0'/]],
    },
    {
      name: 'bare * host',
      text: net('{ host: "*", port: 443 }'),
      expect: [[4, 25, ep('host'), /matches all hosts/]],
    },
    {
      name: 'TLD wildcard',
      text: net('{ host: "*.com", port: 443 }'),
      expect: [[4, 25, ep('host'), /TLD wildcard/]],
    },
    {
      name: 'partial wildcard in a later label',
      text: net('{ host: "api.x*.x.com", port: 443 }'),
      expect: [[4, 25, ep('host'), /middle DNS label wildcard must be the entire label/]],
    },
    {
      name: '** mixed into a label',
      text: net('{ host: "a**.x.com", port: 443 }'),
      expect: [[4, 25, ep('host'), /entire first DNS label/]],
    },
    {
      name: 'port out of range',
      text: net('{ host: a.test, port: 70000 }'),
      expect: [[4, 39, ep('port'), /1 to 65535, got 70000/]],
    },
    {
      name: 'port and ports',
      text: net('{ host: a.test, port: 1, ports: [2] }'),
      expect: [[4, 42, ep('ports'), /mutually exclusive/]],
    },
    {
      name: 'bad protocol',
      text: net('{ host: a.test, port: 1, protocol: soap, access: full }'),
      expect: [[4, 52, ep('protocol'), /unknown protocol 'soap' \(expected tcp, rest/]],
    },
    {
      name: 'SQL under enforcement: enforce',
      text: net('{ host: a.test, port: 1, protocol: sql, enforcement: enforce, access: full }'),
      expect: [[4, 70, ep('enforcement'), /SQL enforcement requires full SQL parsing/]],
    },
    {
      name: 'access with rules',
      text: net(
        '{ host: a.test, port: 1, protocol: rest, access: full, rules: [{ allow: { method: GET } }] }',
      ),
      expect: [[4, 66, ep('access'), /rules and access are mutually exclusive/]],
    },
    {
      name: 'protocol without rules or access',
      text: net('{ host: a.test, port: 1, protocol: rest }'),
      expect: [[4, 52, ep('protocol'), /protocol requires rules or access/]],
    },
    {
      name: 'deny_rules without protocol',
      text: net('{ host: a.test, port: 1, access: full, deny_rules: [{ method: POST }] }'),
      expect: [[4, 68, ep('deny_rules'), /deny_rules require protocol/]],
    },
    {
      name: 'hostless without allowed_ips',
      text: net('{ port: 1 }'),
      expect: [[4, 17, ep('host'), /host must not be empty unless allowed_ips/]],
    },
    {
      name: 'bad allowed_ips entry',
      text: net('{ host: a.test, port: 1, allowed_ips: [10.0.0.0/33] }'),
      expect: [[4, 56, ep('allowed_ips[0]'), /invalid CIDR\/IP in allowed_ips: 10.0.0.0\/33/]],
    },
    {
      name: 'endpoint key typo',
      text: net('{ host: a.test, prot: 1 }'),
      expect: [[4, 33, ep('prot'), /did you mean `port`/]],
    },
    {
      name: 'credential_signing without signing_service',
      text: net('{ host: a.test, port: 1, credential_signing: sigv4 }'),
      expect: [[4, 62, ep('credential_signing'), /credential_signing set but signing_service is empty/]],
    },
    {
      name: 'endpoint without a port',
      text: net('{ host: a.test }'),
      expect: [[4, 17, ep('port'), /endpoint 'a.test' must declare at least one port/]],
    },
    { name: 'duplicate key', text: 'version: 1\nversion: 1\n', expect: [[2, 1, '', /unique/]] },
    { name: 'YAML syntax error', text: 'version: 1\nnetwork_policies: [\n', expect: [[3, 1, '', /./]] },
    { name: 'not a mapping', text: '- 1\n', expect: [[1, 1, '', /expected a policy mapping/]] },
  ];

  for (const row of ERRORS) {
    test(`reports ${row.name} with file, line, column and field`, () => {
      const error = catchError(() => parsePolicy(row.text, 'p.yaml'));
      assert.deepEqual(
        pick(error),
        row.expect.map(([line, column, field]) => ['p.yaml', line, column, field || undefined]),
      );
      row.expect.forEach(([, , , message], i) => {
        assert.match(error.problems[i]!.message, message);
      });
    });
  }

  test('a file that is not a policy (a token, an env file, /proc/self/environ) is never quoted in the error', () => {
    // A spec's `policy:`, `extends:` or `--policy` may name any file; its problems go to the log, the job summary,
    // junit.xml and summary.md (uploaded as an artifact): the text of a file that is no policy has no place there.
    for (const text of [
      'ghp_SECRETTOKEN1234567890\n',
      '//registry.npmjs.org/:_authToken=npm_SECRET\n',
      'API_KEY=sk-SECRET\nOTHER=SECRET2\n',
      'HOME=/sandbox\u0000ANTHROPIC_API_KEY=sk-ant-SECRET\u0000',
      '- SECRET\n',
    ]) {
      const error = catchError(() => parsePolicy(text, 'p.yaml'));
      const shown = `${error.message}\n${error.problems.map(formatProblem).join('\n')}`;
      assert.match(shown, /p\.yaml:1:1: expected a policy mapping/, shown);
      assert.doesNotMatch(shown, /SECRET/, shown);
    }
  });

  test('collects every problem, not just the first', () => {
    const text = [
      'version: 1',
      'process: { run_as_user: root }',
      'network_policies:',
      '  github:',
      '    endpoints:',
      '      - { host: api.github.com, port: 443 }',
      '      - { host: "*.com", port: 443 }',
      '      - { host: "*", port: 0 }',
      '    binaries: [{ path: git }]',
      '',
    ].join('\n');
    const error = catchError(() => parsePolicy(text, 'p.yaml'));
    assert.deepEqual(pick(error), [
      ['p.yaml', 2, 25, 'process.run_as_user'],
      ['p.yaml', 7, 17, 'network_policies.github.endpoints[1].host'],
      ['p.yaml', 8, 9, 'network_policies.github.endpoints[2].port'],
      ['p.yaml', 8, 17, 'network_policies.github.endpoints[2].host'],
    ]);
    assert.match(error.message, /4 problems/);
  });

  test('warns, with file and line, when a binary path can never match (OpenShell accepts it)', () => {
    const text =
      'version: 1\nnetwork_policies:\n  a:\n    endpoints: [{ host: a.test, port: 1 }]\n    binaries: [{ path: curl }]\n';
    const { warnings, policy } = parsePolicy(text, 'p.yaml');
    assert.equal(policy.network_policies[0]!.binaries[0]!.path, 'curl');
    assert.deepEqual(pick({ problems: warnings }), [
      ['p.yaml', 5, 24, 'network_policies.a.binaries[0].path'],
    ]);
    assert.match(warnings[0]!.message, /never matches/);
  });

  test('two names without a wildcard overlap only as the same name, whatever its case', () => {
    const two = (a: string, b: string) =>
      `version: 1\nnetwork_policies:\n  a:\n    endpoints: [{ host: ${a}, port: 443, tls: skip }]\n    binaries: [{ path: /usr/bin/curl }]\n  b:\n    endpoints: [{ host: ${b}, port: 443 }]\n    binaries: [{ path: /usr/bin/curl }]\n`;
    assert.doesNotThrow(() => parsePolicy(two('api.example.test', 'apl.example.test'), 'p.yaml'));
    const error = catchError(() => parsePolicy(two('API.example.test', 'api.example.test'), 'p.yaml'));
    assert.match(error.problems[0]?.message ?? '', /overlap on port\(s\) 443 with conflicting metadata: tls/);
  });
});

function net(endpoint: string): string {
  return `version: 1\nnetwork_policies:\n  a:\n    endpoints: [${endpoint}]\n    binaries: [{ path: /usr/bin/curl }]\n`;
}

function ep(field: string): string {
  return `network_policies.a.endpoints[0]${field ? `.${field}` : ''}`;
}

function catchError(fn: () => unknown) {
  try {
    fn();
  } catch (error) {
    assert.ok(isPaddockError(error, 'POLICY_INVALID'), `expected POLICY_INVALID, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the policy to be rejected');
}

function pick(e: { problems: readonly Problem[] }) {
  return e.problems.map((p) => [p.file, p.line, p.column, p.field]);
}
