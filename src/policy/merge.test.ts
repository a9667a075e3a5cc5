import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { mergePolicies, staticChanges } from './merge.js';
import { parsePolicy } from './parse.js';

const parse = (text: string) => parsePolicy(text, 'p.yaml').policy;

const BASE = parse(`version: 1
filesystem_policy: { include_workdir: true, read_only: [/usr], read_write: [/sandbox] }
landlock: { compatibility: best_effort }
process: { run_as_user: "1000", run_as_group: "1000" }
network_policies:
  a: { endpoints: [{ host: a.test, port: 443 }], binaries: [{ path: /usr/bin/a }] }
  b: { endpoints: [{ host: b.test, port: 443 }], binaries: [{ path: /usr/bin/b }] }
`);

describe('mergePolicies (extends)', () => {
  test('adds entries, replaces an entry with the same key, keeps unwritten static sections', () => {
    const child = parse(`version: 1
extends: default
network_policies:
  b: { endpoints: [{ host: b2.test, port: 443 }], binaries: [{ path: /usr/bin/b }] }
  c: { endpoints: [{ host: c.test, port: 443 }], binaries: [{ path: /usr/bin/c }] }
`);
    const merged = mergePolicies(BASE, child);
    assert.deepEqual(
      merged.network_policies.map((e) => [e.key, e.endpoints[0]?.host]),
      [
        ['a', 'a.test'],
        ['b', 'b2.test'],
        ['c', 'c.test'],
      ],
    );
    assert.deepEqual(merged.filesystem_policy, BASE.filesystem_policy);
    assert.deepEqual(merged.process, BASE.process);
    assert.equal(merged.extends, undefined);
  });

  test('a written filesystem_policy adds paths; written process and landlock replace', () => {
    const child = parse(`version: 1
filesystem_policy: { include_workdir: false, read_only: [/opt], read_write: [/data] }
landlock: { compatibility: hard_requirement }
process: { run_as_user: "2000" }
`);
    const merged = mergePolicies(BASE, child);
    assert.deepEqual(merged.filesystem_policy, {
      include_workdir: false,
      read_only: ['/usr', '/opt'],
      read_write: ['/sandbox', '/data'],
    });
    assert.deepEqual(merged.landlock, { compatibility: 'hard_requirement' });
    assert.deepEqual(merged.process, { run_as_user: '2000', run_as_group: '1000' });
  });
});

describe('staticChanges', () => {
  const ROWS: [string, string, string[]][] = [
    ['only network changed', 'version: 1\nnetwork_policies: {}\n', []],
    [
      'same static sections written again',
      'version: 1\nfilesystem_policy: { include_workdir: true, read_only: [/usr], read_write: [/sandbox] }\nprocess: { run_as_user: "1000", run_as_group: "1000" }\n',
      [],
    ],
    [
      'filesystem changed',
      'version: 1\nfilesystem_policy: { include_workdir: true, read_only: [/usr, /opt], read_write: [/sandbox] }\n',
      ['filesystem_policy'],
    ],
    ['landlock changed', 'version: 1\nlandlock: { compatibility: hard_requirement }\n', ['landlock']],
    ['process changed', 'version: 1\nprocess: { run_as_user: "1001", run_as_group: "1000" }\n', ['process']],
    [
      'all changed',
      'version: 1\nfilesystem_policy: { read_only: [/usr] }\nlandlock: { compatibility: hard_requirement }\nprocess: { run_as_user: sandbox }\n',
      ['filesystem_policy', 'landlock', 'process'],
    ],
  ];
  for (const [name, next, expected] of ROWS) {
    test(`${name}: ${expected.join(', ') || 'none'}`, () =>
      assert.deepEqual(staticChanges(BASE, parse(next)), expected));
  }
});
