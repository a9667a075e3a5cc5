import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { isPaddockError, type Problem } from '../common/errors.js';
import { parsePolicy } from './parse.js';

/** A policy that uses every field OpenShell (v0.0.36 format) knows. */
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
    assert.deepEqual(
      { ...api, line: undefined },
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
      },
    );
    assert.equal(api?.line, 15);
    assert.deepEqual(git?.ports, [443, 8443]);
    assert.equal(git?.enforceable, false);
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
    assert.deepEqual(
      warnings.map((w) => [w.line, w.field]),
      [
        [15, 'network_policies.github.endpoints[0]'],
        [22, 'network_policies.github.endpoints[1]'],
        [40, 'network_policies.github.binaries[2].harness'],
      ],
    );
    assert.match(warnings[1]!.message, /cannot be enforced by Paddock yet.*fail closed/);
  });

  test('applies OpenShell defaults', () => {
    const { policy } = parsePolicy('version: 1\n', 'p.yaml');
    assert.deepEqual(policy.filesystem_policy, { include_workdir: true, read_only: [], read_write: [] });
    assert.deepEqual(policy.landlock, { compatibility: 'best_effort' });
    assert.deepEqual(policy.process, {});
    assert.deepEqual(policy.network_policies, []);
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
      name: 'bad landlock',
      text: 'version: 1\nlandlock:\n  compatibility: strict\n',
      expect: [[3, 18, 'landlock.compatibility', /best_effort, hard_requirement/]],
    },
    {
      name: 'root user by name',
      text: 'version: 1\nprocess:\n  run_as_user: root\n',
      expect: [[3, 16, 'process.run_as_user', /root/]],
    },
    {
      name: 'root uid 0',
      text: 'version: 1\nprocess:\n  run_as_group: 0\n',
      expect: [[3, 17, 'process.run_as_group', /root \(0\)/]],
    },
    {
      name: 'root uid "0"',
      text: 'version: 1\nprocess:\n  run_as_user: "0"\n',
      expect: [[3, 16, 'process.run_as_user', /root \(0\)/]],
    },
    {
      name: 'bare * host',
      text: net('{ host: "*", port: 443 }'),
      expect: [[4, 25, ep('host'), /matches every host/]],
    },
    {
      name: 'TLD wildcard',
      text: net('{ host: "*.com", port: 443 }'),
      expect: [[4, 25, ep('host'), /top-level-domain/]],
    },
    {
      name: 'wildcard after the first label',
      text: net('{ host: "api.*.x.com", port: 443 }'),
      expect: [[4, 25, ep('host'), /first label/]],
    },
    {
      name: '** mixed into a label',
      text: net('{ host: "a**.x.com", port: 443 }'),
      expect: [[4, 25, ep('host'), /whole first label/]],
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
      text: net('{ host: a.test, port: 1, protocol: sql, access: full }'),
      expect: [[4, 52, ep('protocol'), /expected one of tcp, rest/]],
    },
    {
      name: 'bad enforcement',
      text: net('{ host: a.test, port: 1, enforcement: block }'),
      expect: [[4, 55, ep('enforcement'), /enforce, audit/]],
    },
    {
      name: 'access with rules',
      text: net(
        '{ host: a.test, port: 1, protocol: rest, access: full, rules: [{ allow: { method: GET } }] }',
      ),
      expect: [[4, 58, ep('access'), /mutually exclusive/]],
    },
    {
      name: 'protocol without rules or access',
      text: net('{ host: a.test, port: 1, protocol: rest }'),
      expect: [[4, 52, ep('protocol'), /requires `rules` or `access`/]],
    },
    {
      name: 'deny_rules without protocol',
      text: net('{ host: a.test, port: 1, access: full, deny_rules: [{ method: POST }] }'),
      expect: [[4, 56, ep('deny_rules'), /require `protocol`/]],
    },
    {
      name: 'hostless without allowed_ips',
      text: net('{ port: 1 }'),
      expect: [[4, 17, ep('host'), /missing `host`/]],
    },
    {
      name: 'bad allowed_ips entry',
      text: net('{ host: a.test, port: 1, allowed_ips: [10.0.0.0/33] }'),
      expect: [[4, 56, ep('allowed_ips[0]'), /IP address or CIDR/]],
    },
    {
      name: 'endpoint key typo',
      text: net('{ host: a.test, prot: 1 }'),
      expect: [[4, 33, ep('prot'), /did you mean `port`/]],
    },
    {
      name: 'unsupported newer field',
      text: net('{ host: a.test, port: 1, credential_signing: sigv4 }'),
      expect: [[4, 42, ep('credential_signing'), /not supported by Paddock yet/]],
    },
    {
      name: 'relative binary path',
      text: 'version: 1\nnetwork_policies:\n  a:\n    binaries: [{ path: curl }]\n',
      expect: [[4, 24, 'network_policies.a.binaries[0].path', /absolute path/]],
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
      ['p.yaml', 8, 17, 'network_policies.github.endpoints[2].host'],
      ['p.yaml', 8, 28, 'network_policies.github.endpoints[2].port'],
      ['p.yaml', 9, 24, 'network_policies.github.binaries[0].path'],
    ]);
    assert.match(error.message, /5 problems/);
  });

  test('warns, with file and line, when an endpoint has no port (it matches nothing, as in OpenShell)', () => {
    const { warnings, policy } = parsePolicy(net('{ host: a.test }'), 'p.yaml');
    assert.deepEqual(policy.network_policies[0]!.endpoints[0]!.ports, []);
    assert.deepEqual(pick({ problems: warnings }), [['p.yaml', 4, 17, ep('')]]);
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
