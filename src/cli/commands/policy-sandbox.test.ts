import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parsePolicy } from '../../policy/index.js';
import { bindingLines } from './policy-sandbox.js';

test('policy show --sandbox: one line per binary path, with its target, its problem or "as written", and writable ones flagged', () => {
  const policy = parsePolicy('version: 1\n', 'policies/default.yaml').policy;
  const lines = bindingLines({
    sandbox: 'agent',
    policy,
    warnings: [],
    bindings: [
      {
        policy: 'claude_code',
        path: '/usr/local/bin/claude',
        resolved: ['/usr/local/lib/x/claude.exe'],
        writable: [],
      },
      {
        policy: 'claude_code',
        path: '/usr/bin/claude',
        resolved: [],
        writable: [],
        problem: '/usr/bin/claude does not exist in the sandbox',
      },
      { policy: 'npm', path: '/usr/bin/node', resolved: [], writable: [] },
      { policy: 't', path: '/usr/local/bin/w', resolved: ['/tmp/w'], writable: ['/tmp/w'] },
    ],
  });
  assert.deepEqual(lines, [
    '# Policy of sandbox agent (policies/default.yaml); binary paths as resolved in it:',
    '#   claude_code: /usr/local/bin/claude -> /usr/local/lib/x/claude.exe',
    '#   claude_code: /usr/bin/claude (/usr/bin/claude does not exist in the sandbox)',
    '#   npm: /usr/bin/node (as written: no symlink)',
    '#   t: /usr/local/bin/w -> /tmp/w [writable location]',
  ]);
});
