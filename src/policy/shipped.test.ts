import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { decide, nameAllowed } from './decide.js';
import { loadPolicy } from './load.js';
import { decideRequest } from './request.js';
import type { BinaryIdentity } from './types.js';

const bin = (exe: string, ...ancestors: string[]): BinaryIdentity => ({ exe, ancestors });

describe('policies/default.yaml', () => {
  const ROWS: [string, BinaryIdentity | null, string, number, string, string | null][] = [
    [
      'node is not claude (claude ships native)',
      bin('/usr/bin/node'),
      'api.anthropic.com',
      443,
      'deny',
      null,
    ],
    [
      'claude.exe of the npm package',
      bin('/usr/local/lib/node_modules/@anthropic-ai/claude-code/bin/claude.exe'),
      'api.anthropic.com',
      443,
      'allow',
      'claude_code',
    ],
    [
      'gemini runs as node',
      bin('/usr/bin/node'),
      'generativelanguage.googleapis.com',
      443,
      'allow',
      'gemini',
    ],
    ['gemini telemetry', bin('/usr/bin/node'), 'play.googleapis.com', 443, 'deny', null],
    [
      'codex update check',
      bin(
        '/usr/local/lib/node_modules/@openai/codex/node_modules/@openai/codex-linux-x64/vendor/x86_64-unknown-linux-musl/bin/codex',
        '/usr/bin/node',
      ),
      'api.github.com',
      443,
      'deny',
      null,
    ],
    [
      'native claude',
      bin('/sandbox/.local/share/claude/versions/2.0.1'),
      'api.anthropic.com',
      443,
      'allow',
      'claude_code',
    ],
    [
      'codex native binary under npm',
      bin('/usr/local/lib/node_modules/@openai/codex/vendor/x86_64-unknown-linux-musl/codex/codex'),
      'api.openai.com',
      443,
      'allow',
      'codex',
    ],
    [
      'copilot wildcard host',
      bin(
        '/usr/local/lib/node_modules/@github/copilot/node_modules/@github/copilot-linux-x64/copilot',
        '/usr/bin/node',
      ),
      'api.individual.githubcopilot.com',
      443,
      'allow',
      'copilot',
    ],
    [
      'cursor agent',
      bin('/sandbox/.local/share/cursor-agent/versions/1/cursor-agent'),
      'api2.cursor.sh',
      443,
      'allow',
      'cursor',
    ],
    ['opencode', bin('/usr/local/bin/opencode'), 'opencode.ai', 443, 'allow', 'opencode'],
    [
      'git clone over https (helper, git ancestor)',
      bin('/usr/lib/git-core/git-remote-https', '/usr/bin/git'),
      'github.com',
      443,
      'allow',
      'git_https',
    ],
    ['npm via node', bin('/usr/bin/node'), 'registry.npmjs.org', 443, 'allow', 'claude_code'],
    ['pip via python', bin('/usr/bin/python3.11'), 'files.pythonhosted.org', 443, 'allow', 'pypi'],
    ['curl to anthropic', bin('/usr/bin/curl', '/bin/sh'), 'api.anthropic.com', 443, 'deny', null],
    ['git itself to github (not the helper)', bin('/usr/bin/git'), 'github.com', 443, 'deny', null],
    ['python to npm', bin('/usr/bin/python3'), 'registry.npmjs.org', 443, 'deny', null],
    ['node to plain http', bin('/usr/bin/node'), 'api.anthropic.com', 80, 'deny', null],
    ['unknown binary', null, 'api.anthropic.com', 443, 'deny', null],
    ['node to an unlisted host', bin('/usr/bin/node'), 'evil.test', 443, 'deny', null],
  ];
  for (const [name, binary, host, port, action, policy] of ROWS) {
    test(`${name}: ${action}`, async () => {
      const { policy: p } = await loadPolicy('default');
      const d = decide(p, binary, { host, port });
      assert.equal(d.action, action, d.reason);
      if (policy !== null && d.action === 'allow') assert.ok(d.policy !== null);
    });
  }

  const REQUESTS: [string, string, string, string, 'allow' | 'deny'][] = [
    [
      'git fetch: refs',
      '/usr/lib/git-core/git-remote-https',
      'GET',
      '/o/r.git/info/refs?service=git-upload-pack',
      'allow',
    ],
    ['git fetch: pack', '/usr/lib/git-core/git-remote-https', 'POST', '/o/r.git/git-upload-pack', 'allow'],
    [
      'git push: refs',
      '/usr/lib/git-core/git-remote-https',
      'GET',
      '/o/r.git/info/refs?service=git-receive-pack',
      'allow',
    ],
    ['git push: pack', '/usr/lib/git-core/git-remote-https', 'POST', '/o/r.git/git-receive-pack', 'deny'],
    ['gh reads the API', '/usr/bin/gh', 'GET', '/repos/o/r', 'allow'],
    ['gh writes the API', '/usr/bin/gh', 'POST', '/repos/o/r/issues', 'deny'],
  ];
  for (const [name, exe, method, target, action] of REQUESTS) {
    test(`read-only github, ${name}: ${action}`, async () => {
      const { policy: p } = await loadPolicy('default');
      const [path = '', q] = target.split('?');
      const query = Object.fromEntries([...new URLSearchParams(q ?? '')].map(([k, v]) => [k, [v]]));
      const host = exe.endsWith('/gh') ? 'api.github.com' : 'github.com';
      const d = decideRequest(p, bin(exe, '/usr/bin/git'), { host, port: 443 }, { method, path, query });
      assert.equal(d.action, action, d.reason);
    });
  }

  test('is non-root with /sandbox and /tmp writable and system paths read-only', async () => {
    const { policy } = await loadPolicy('default');
    assert.equal(policy.process.run_as_user, '1000');
    for (const p of ['/sandbox', '/tmp']) assert.ok(policy.filesystem_policy.read_write.includes(p));
    for (const p of ['/usr', '/etc', '/lib']) assert.ok(policy.filesystem_policy.read_only.includes(p));
  });

  test('the metadata address stays denied', async () => {
    const { policy } = await loadPolicy('default');
    assert.equal(decide(policy, bin('/usr/bin/node'), { ip: '169.254.169.254', port: 80 }).action, 'deny');
    assert.equal(
      decide(policy, bin('/usr/bin/node'), { host: 'api.anthropic.com', ip: '169.254.169.254', port: 443 })
        .action,
      'deny',
    );
  });
});

describe('policies/strict.yaml', () => {
  test('denies every connection and every name', async () => {
    const { policy } = await loadPolicy('strict');
    assert.equal(
      decide(policy, bin('/usr/bin/node'), { host: 'api.anthropic.com', port: 443 }).action,
      'deny',
    );
    assert.equal(nameAllowed(policy, 'api.anthropic.com').allowed, false);
    assert.equal(policy.process.run_as_user, '1000');
  });
});

describe('policies/setup.yaml', () => {
  const ROWS: [string, BinaryIdentity | null, string, number, 'allow' | 'deny', string | null][] = [
    ['npm install via node', bin('/usr/local/bin/node'), 'registry.npmjs.org', 443, 'allow', 'npm'],
    ['yarn via node', bin('/usr/bin/node'), 'registry.yarnpkg.com', 443, 'allow', 'npm'],
    ['pip via python', bin('/usr/bin/python3.11'), 'files.pythonhosted.org', 443, 'allow', 'pypi'],
    ['uv', bin('/usr/local/bin/uv'), 'pypi.org', 443, 'allow', 'pypi'],
    [
      'apt over http (method under apt-get)',
      bin('/usr/lib/apt/methods/http', '/usr/bin/apt-get'),
      'deb.debian.org',
      80,
      'allow',
      'debian',
    ],
    ['apt over https', bin('/usr/lib/apt/methods/https'), 'security.debian.org', 443, 'allow', 'debian'],
    ['curl to npm', bin('/usr/bin/curl', '/bin/sh'), 'registry.npmjs.org', 443, 'deny', null],
    ['apt-get itself (not its method)', bin('/usr/bin/apt-get'), 'deb.debian.org', 80, 'deny', null],
    ['python to npm', bin('/usr/bin/python3'), 'registry.npmjs.org', 443, 'deny', null],
    ['node to an agent API', bin('/usr/bin/node'), 'api.anthropic.com', 443, 'deny', null],
    ['node to plain http', bin('/usr/bin/node'), 'registry.npmjs.org', 80, 'deny', null],
    ['unknown binary', null, 'registry.npmjs.org', 443, 'deny', null],
  ];
  for (const [name, binary, host, port, action, policy] of ROWS) {
    test(`${name}: ${action}`, async () => {
      const { policy: p } = await loadPolicy('setup');
      const d = decide(p, binary, { host, port });
      assert.equal(d.action, action, d.reason);
      assert.equal(d.action === 'allow' ? d.policy : null, policy);
    });
  }

  test('loads by its shipped name', async () => {
    const { policy } = await loadPolicy('setup');
    assert.equal(policy.source, 'setup');
  });
});
