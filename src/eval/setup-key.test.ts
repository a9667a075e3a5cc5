import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Policy } from '../policy/types.js';
import { canonicalJson, type SetupInputs, setupKey, setupTag } from './setup-key.js';

const policies = [
  {
    key: 'pkgs',
    name: 'pkgs',
    endpoints: [{ host: 'pkgs.test', port: 443 }],
    binaries: [{ path: '/usr/bin/curl' }],
  },
] as unknown as Policy['network_policies'];
const base: SetupInputs = {
  baseImageId: 'sha256:aaa',
  command: 'npm install -g tool',
  files: [
    { path: 'install.sh', sha256: '11' },
    { path: 'lock.json', sha256: '22' },
  ],
  networkPolicies: policies,
};
const key = setupKey(base);

describe('setupKey: one key per distinct setup', () => {
  const differs: [string, SetupInputs][] = [
    ['another base image id', { ...base, baseImageId: 'sha256:bbb' }],
    ['another command', { ...base, command: 'npm install -g tool@2' }],
    [
      'a file whose content changed',
      { ...base, files: [{ path: 'install.sh', sha256: '33' }, base.files[1] as never] },
    ],
    ['a file renamed', { ...base, files: [{ path: 'setup.sh', sha256: '11' }, base.files[1] as never] }],
    ['a file fewer', { ...base, files: [base.files[0] as never] }],
    ['other network policies', { ...base, networkPolicies: [] }],
    // Length-prefixed parts: moving text from the command into a file path is not the same setup.
    [
      'the same text split differently',
      {
        ...base,
        command: 'npm install -g',
        files: [{ path: ' toolinstall.sh', sha256: '11' }, base.files[1] as never],
      },
    ],
  ];
  for (const [name, inputs] of differs)
    test(`${name} → another key`, () => assert.notEqual(setupKey(inputs), key));

  const same: [string, SetupInputs][] = [
    ['files listed in another order', { ...base, files: [...base.files].reverse() }],
    [
      'policy keys in another order',
      {
        ...base,
        networkPolicies: [
          {
            binaries: [{ path: '/usr/bin/curl' }],
            endpoints: [{ port: 443, host: 'pkgs.test' }],
            name: 'pkgs',
            key: 'pkgs',
          },
        ] as unknown as Policy['network_policies'],
      },
    ],
  ];
  for (const [name, inputs] of same)
    test(`${name} → the same key`, () => assert.equal(setupKey(inputs), key));

  test('hex SHA-256, and the tag is paddock/setup:<its first 24 digits>', () => {
    assert.match(key, /^[0-9a-f]{64}$/);
    assert.equal(setupTag(key), `paddock/setup:${key.slice(0, 24)}`);
  });
});

describe('canonicalJson', () => {
  const rows: [unknown, string][] = [
    [{ b: 1, a: [2, { d: null, c: 'x' }] }, '{"a":[2,{"c":"x","d":null}],"b":1}'],
    [{ a: undefined, b: true }, '{"b":true}'],
    ['text', '"text"'],
    [null, 'null'],
  ];
  for (const [value, text] of rows) test(text, () => assert.equal(canonicalJson(value), text));
});
