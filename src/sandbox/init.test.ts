import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { isPaddockError } from '../common/errors.js';
import type { Policy } from '../policy/types.js';
import {
  attributionOf,
  execCommand,
  initBinary,
  initEntrypoint,
  type LandlockRules,
  landlockRules,
  rulesOf,
} from './init.js';

function policy(fs: Partial<Policy['filesystem_policy']> | null, hard = false): Policy {
  return {
    version: 1,
    source: 'p.yaml',
    filesystem_policy: { include_workdir: false, read_only: [], read_write: [], ...fs },
    landlock: { compatibility: hard ? 'hard_requirement' : 'best_effort' },
    process: {},
    network_policies: [],
    declared: fs === null ? [] : ['filesystem_policy', 'landlock'],
  };
}

describe('landlockRules: policy → what init enforces', () => {
  const rows: [string, Policy | undefined, string[], LandlockRules][] = [
    [
      'no policy: / readable, the container’s writable places writable',
      undefined,
      ['/cache'],
      { compatibility: 'best_effort', readOnly: ['/'], readWrite: ['/sandbox', '/tmp', '/dev', '/cache'] },
    ],
    [
      'filesystem_policy not written: the same default',
      policy(null, true),
      [],
      { compatibility: 'hard_requirement', readOnly: ['/'], readWrite: ['/sandbox', '/tmp', '/dev'] },
    ],
    [
      'written: exactly its lists (OpenShell), include_workdir false',
      policy({ read_only: ['/usr', '/lib', '/etc'], read_write: ['/tmp'] }),
      ['/tmp'],
      { compatibility: 'best_effort', readOnly: ['/usr', '/lib', '/etc'], readWrite: ['/tmp'] },
    ],
    [
      'include_workdir adds /sandbox to read_write, once',
      policy({ include_workdir: true, read_write: ['/sandbox', '/data'] }),
      [],
      { compatibility: 'best_effort', readOnly: [], readWrite: ['/sandbox', '/data'] },
    ],
    [
      'written and empty: no rules (no Landlock, as OpenShell)',
      policy({}),
      [],
      { compatibility: 'best_effort', readOnly: [], readWrite: [] },
    ],
  ];
  for (const [name, p, writable, expected] of rows) {
    test(name, () => assert.deepEqual(landlockRules(p, '/sandbox', writable, []), expected));
  }
  test('volumes the sandbox was given are granted as mounted', () => {
    const vols = [
      { name: 'a', path: '/plan', readOnly: true },
      { name: 'b', path: '/work' },
    ];
    assert.deepEqual(landlockRules(policy({ read_only: ['/usr'] }), '/sandbox', [], vols), {
      compatibility: 'best_effort',
      readOnly: ['/usr', '/plan'],
      readWrite: ['/work'],
    });
  });
});

describe('init command lines', () => {
  const rules: LandlockRules = {
    compatibility: 'hard_requirement',
    readOnly: ['/usr', '/a b'],
    readWrite: ['/tmp'],
  };
  test('the entrypoint carries the rules, then --', () =>
    assert.deepEqual(initEntrypoint(rules), [
      '/.paddock/init',
      '-c',
      'hard_requirement',
      '-r',
      '/usr',
      '-r',
      '/a b',
      '-w',
      '/tmp',
      '--',
    ]));
  test('rulesOf reads them back', () => assert.deepEqual(rulesOf(initEntrypoint(rules)), rules));
  test('process.identity connect-time adds -i connect-time before --; rulesOf still reads the rules', () => {
    const entrypoint = initEntrypoint(rules, { identity: 'connect-time' });
    assert.deepEqual(entrypoint.slice(-3), ['-i', 'connect-time', '--']);
    assert.deepEqual(rulesOf(entrypoint), rules);
  });
  for (const [name, entrypoint, expected] of [
    ['with -i connect-time', initEntrypoint(rules, { identity: 'connect-time' }), 'connect-time'],
    ['without', initEntrypoint(rules), 'procfs'],
    ['a sandbox made before init', ['sh'], 'procfs'],
    ['-i after -- is the command’s', [...initEntrypoint(rules), '-i', 'connect-time'], 'procfs'],
  ] as const)
    test(`attributionOf: ${name}`, () => assert.equal(attributionOf(entrypoint), expected));
  test('a sandbox made before init has no rules', () =>
    assert.equal(rulesOf(['sh', '-c', 'while :; do sleep 1; done']), null));
  test('exec goes through init', () =>
    assert.deepEqual(execCommand(['sh', '-c', 'id']), ['/.paddock/init', 'exec', '--', 'sh', '-c', 'id']));
});

describe('initBinary: found from the running module', () => {
  const root = mkdtempSync(join(tmpdir(), 'paddock-init-'));
  mkdirSync(join(root, 'dist', 'native'), { recursive: true });
  mkdirSync(join(root, 'dist', 'chunks'), { recursive: true });
  mkdirSync(join(root, 'src', 'sandbox'), { recursive: true });
  writeFileSync(join(root, 'dist', 'native', 'paddock-init-x86_64'), '');
  test('from the bundle (dist/chunks/x.js)', () =>
    assert.equal(
      initBinary('x64', pathToFileURL(join(root, 'dist', 'chunks', 'x.js')).href),
      join(root, 'dist', 'native', 'paddock-init-x86_64'),
    ));
  test('from source (src/sandbox/init.ts)', () =>
    assert.equal(
      initBinary('x64', pathToFileURL(join(root, 'src', 'sandbox', 'init.ts')).href),
      join(root, 'dist', 'native', 'paddock-init-x86_64'),
    ));
  test('missing: SANDBOX_FAILED naming the build command', () =>
    assert.throws(
      () => initBinary('arm64', pathToFileURL(join(root, 'src', 'sandbox', 'init.ts')).href),
      (e: unknown) =>
        isPaddockError(e, 'SANDBOX_FAILED') && /paddock-init-aarch64.*npm run build:native/s.test(e.message),
    ));
});
