import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { decide } from './decide.js';
import { parsePolicy } from './parse.js';
import {
  bindBinaries,
  MAX_LINKS,
  type PathKind,
  resolvePath,
  type SandboxFs,
  withBindings,
} from './resolve.js';

/** A sandbox filesystem from a table: `path -> target` for links, a trailing `/` for directories. */
function fakeFs(table: Record<string, string | null>): SandboxFs & { looked: string[] } {
  const looked: string[] = [];
  const dirs = new Set<string>(['/']);
  for (const p of Object.keys(table)) {
    const parts = p.split('/').filter(Boolean);
    for (let i = 1; i < parts.length; i++) dirs.add(`/${parts.slice(0, i).join('/')}`);
  }
  return {
    looked,
    async lookup(path: string): Promise<PathKind> {
      looked.push(path);
      if (path in table) {
        const t = table[path];
        return t === null || t === undefined ? { kind: 'other' } : { kind: 'link', target: t };
      }
      return dirs.has(path) ? { kind: 'other' } : { kind: 'missing' };
    },
    async list(dir: string) {
      if (!dirs.has(dir)) return null;
      const prefix = dir === '/' ? '/' : `${dir}/`;
      const names = new Set<string>();
      for (const p of [...Object.keys(table), ...dirs]) {
        if (p.startsWith(prefix) && p !== dir) names.add(p.slice(prefix.length).split('/')[0]!);
      }
      return [...names];
    },
  };
}

// npm install -g layout: bin symlinks into node_modules; /lib is a usrmerge link; one native binary.
const NPM: Record<string, string | null> = {
  '/usr/local/bin/claude': '../lib/node_modules/@anthropic-ai/claude-code/bin/claude.exe',
  '/usr/local/lib/node_modules/@anthropic-ai/claude-code/bin/claude.exe': null,
  '/usr/local/bin/codex': '../lib/node_modules/@openai/codex/bin/codex.js',
  '/usr/local/lib/node_modules/@openai/codex/bin/codex.js': null,
  '/usr/bin/node': null,
  '/usr/bin/nodejs': 'node',
  '/bin': 'usr/bin',
  '/opt/tool/current': '/opt/tool/v2',
  '/opt/tool/v2/bin/tool': null,
  '/usr/local/bin/tool': '/opt/tool/current/bin/tool',
  '/usr/local/bin/up': '../../../../../usr/bin/node',
  '/usr/local/bin/loop-a': 'loop-b',
  '/usr/local/bin/loop-b': 'loop-a',
  '/usr/local/bin/self': 'self',
  '/usr/local/bin/dangling': '/nowhere/tool',
  '/usr/local/bin/writable': '/sandbox/bin/agent',
  '/sandbox/bin/agent': null,
  '/usr/local/bin/via-tmp': '/tmp/planted',
  '/tmp/planted': '/usr/bin/node',
  '/sandbox/.local/share/claude/versions/2.1.0': null,
  '/sandbox/.local/share/claude/versions/latest': '2.1.0',
};

describe('resolvePath: like the kernel, inside the sandbox root', () => {
  const ROWS: [string, string, string | RegExp][] = [
    [
      'a relative bin link into node_modules',
      '/usr/local/bin/claude',
      '/usr/local/lib/node_modules/@anthropic-ai/claude-code/bin/claude.exe',
    ],
    ['a plain file resolves to itself', '/usr/bin/node', '/usr/bin/node'],
    ['a link in the same directory', '/usr/bin/nodejs', '/usr/bin/node'],
    ['a directory link on the way (usrmerge /bin)', '/bin/nodejs', '/usr/bin/node'],
    [
      'an absolute target restarts at the sandbox root, then a directory link',
      '/usr/local/bin/tool',
      '/opt/tool/v2/bin/tool',
    ],
    ['.. never climbs above the sandbox root', '/usr/local/bin/up', '/usr/bin/node'],
    ['a two-link loop fails closed', '/usr/local/bin/loop-a', /more than 40 symlinks/],
    ['a self loop fails closed', '/usr/local/bin/self', /more than 40 symlinks/],
    ['a dangling link names the missing component', '/usr/local/bin/dangling', /\/nowhere does not exist/],
    ['an absent path', '/usr/bin/absent', /\/usr\/bin\/absent does not exist/],
  ];
  for (const [name, path, want] of ROWS) {
    test(name, async () => {
      const r = await resolvePath(fakeFs(NPM), path);
      if (typeof want === 'string') assert.deepEqual(r.ok && r.path, want);
      else assert.match(r.ok ? `ok ${r.path}` : r.reason, want);
    });
  }

  // Jail mode (a copied results folder): what leaves the root is refused, not kept to the root.
  const JAIL: [string, string, string | RegExp][] = [
    ['links inside still resolve', '/bin/nodejs', '/usr/bin/node'],
    [
      'an absolute target is refused',
      '/usr/local/bin/tool',
      /\/usr\/local\/bin\/tool is a symlink to an absolute path/,
    ],
    ['.. above the root is refused', '/usr/local/bin/up', /^it leads outside the destination$/],
  ];
  for (const [name, path, want] of JAIL) {
    test(`jail: ${name}`, async () => {
      const r = await resolvePath(fakeFs(NPM), path, { jail: true });
      if (typeof want === 'string') assert.deepEqual(r.ok && r.path, want);
      else assert.match(r.ok ? `ok ${r.path}` : r.reason, want);
    });
  }

  test('directories are resolved before a component is read, so the host root is never consulted', async () => {
    const fs = fakeFs(NPM);
    await resolvePath(fs, '/bin/nodejs');
    // Every path handed to the filesystem has only resolved (non-link) directories in it.
    assert.deepEqual(fs.looked, ['/bin', '/usr', '/usr/bin', '/usr/bin/nodejs', '/usr/bin/node']);
  });

  test(`a chain of exactly ${MAX_LINKS} links resolves; one more does not`, async () => {
    const chain = (n: number) => {
      const t: Record<string, string | null> = { '/x/end': null };
      for (let i = 0; i < n; i++) t[`/x/l${i}`] = i === n - 1 ? 'end' : `l${i + 1}`;
      return fakeFs(t);
    };
    assert.deepEqual(await resolvePath(chain(MAX_LINKS), '/x/l0').then((r) => r.ok), true);
    assert.deepEqual(await resolvePath(chain(MAX_LINKS + 1), '/x/l0').then((r) => r.ok), false);
  });
});

const POLICY = parsePolicy(
  [
    'version: 1',
    'network_policies:',
    '  claude_code:',
    '    endpoints: [{ host: api.anthropic.com, port: 443 }]',
    '    binaries:',
    '      - { path: /usr/local/bin/claude }',
    '      - { path: "/sandbox/.local/share/claude/versions/*" }',
    '  tool:',
    '    endpoints: [{ host: tool.test, port: 443 }]',
    '    binaries: [{ path: /usr/local/bin/tool }, { path: "/opt/tool/current/bin/*" }]',
    '  risky:',
    '    endpoints: [{ host: risky.test, port: 443 }]',
    '    binaries: [{ path: /usr/local/bin/writable }, { path: /usr/local/bin/via-tmp }, { path: /usr/local/bin/loop-a }]',
  ].join('\n'),
  '<test>',
).policy;

describe('bindBinaries: what each policy path resolved to', () => {
  test('bin symlinks, directory links in globs, version links in a glob directory; problems and writable paths reported', async () => {
    const bindings = await bindBinaries(POLICY, fakeFs(NPM));
    const shown = bindings.map((b) => [b.policy, b.path, b.resolved, b.writable, b.problem ?? null]);
    assert.deepEqual(shown, [
      [
        'claude_code',
        '/usr/local/bin/claude',
        ['/usr/local/lib/node_modules/@anthropic-ai/claude-code/bin/claude.exe'],
        [],
        null,
      ],
      [
        'claude_code',
        '/sandbox/.local/share/claude/versions/*',
        [],
        ['/sandbox/.local/share/claude/versions/*'],
        null,
      ],
      ['tool', '/usr/local/bin/tool', ['/opt/tool/v2/bin/tool'], [], null],
      ['tool', '/opt/tool/current/bin/*', ['/opt/tool/v2/bin/*'], [], null],
      ['risky', '/usr/local/bin/writable', ['/sandbox/bin/agent'], ['/sandbox/bin/agent'], null],
      [
        'risky',
        '/usr/local/bin/via-tmp',
        [],
        [],
        'resolves through /tmp/planted, a symlink in a writable location (not followed)',
      ],
      ['risky', '/usr/local/bin/loop-a', [], [], bindings[6]?.problem],
    ]);
    assert.match(bindings[6]?.problem ?? '', /a loop/);
  });

  test('a symlink planted in a writable glob directory is not followed', async () => {
    const fs = fakeFs({
      ...NPM,
      '/sandbox/.local/share/claude/versions/evil': '/usr/bin/curl',
      '/usr/bin/curl': null,
    });
    const [, versions] = await bindBinaries(POLICY, fs);
    assert.deepEqual(versions?.resolved, []);
  });

  test('a version link in a read-only glob directory binds its target', async () => {
    const policy = parsePolicy(
      'version: 1\nnetwork_policies:\n  t:\n    endpoints: [{ host: t.test, port: 443 }]\n    binaries: [{ path: "/opt/t/*" }]\n',
      '<test>',
    ).policy;
    const fs = fakeFs({ '/opt/t/latest': '/usr/lib/t/9/t', '/usr/lib/t/9/t': null });
    const [b] = await bindBinaries(policy, fs);
    assert.deepEqual(b?.resolved, ['/usr/lib/t/9/t']);
  });

  test('a path absent from the sandbox binds nothing and says so', async () => {
    const [b] = await bindBinaries(POLICY, fakeFs({}));
    assert.deepEqual([b?.resolved, b?.problem], [[], '/usr does not exist in the sandbox']);
  });
});

describe('withBindings: decisions match the resolved targets as well as the path as written', () => {
  const ROWS: [string, string, string, string][] = [
    [
      'native claude, exe is the node_modules target',
      '/usr/local/lib/node_modules/@anthropic-ai/claude-code/bin/claude.exe',
      'api.anthropic.com',
      'allow',
    ],
    ['the path as written still matches', '/usr/local/bin/claude', 'api.anthropic.com', 'allow'],
    [
      'a glob with a symlinked directory matches under the target',
      '/opt/tool/v2/bin/other',
      'tool.test',
      'allow',
    ],
    ['another binary does not', '/usr/bin/curl', 'api.anthropic.com', 'deny'],
    ['a target reached through a writable symlink does not', '/usr/bin/node', 'risky.test', 'deny'],
    [
      'the target of a loop does not exist, nothing else matches',
      '/usr/local/bin/loop-b',
      'risky.test',
      'deny',
    ],
  ];
  for (const [name, exe, host, action] of ROWS) {
    test(name, async () => {
      const bound = withBindings(POLICY, await bindBinaries(POLICY, fakeFs(NPM)));
      assert.equal(decide(bound, { exe, ancestors: [] }, { host, port: 443 }).action, action);
      assert.equal(
        decide(POLICY, { exe, ancestors: [] }, { host, port: 443 }).action,
        name.startsWith('the path as written') ? 'allow' : 'deny',
      );
    });
  }
});
