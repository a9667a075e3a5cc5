import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isPaddockError } from '../common/errors.js';
import { parseCredentialSpec, placeholderFor, resolveCredentials } from './credentials.js';

describe('placeholderFor keeps the provider prefix and the shape of a key', () => {
  const rows: [string, string, RegExp][] = [
    ['anthropic', `sk-ant-api03-${'a'.repeat(90)}`, /^sk-ant-api03-paddock[0-9a-f]+$/],
    ['openai project', `sk-proj-${'b'.repeat(50)}`, /^sk-proj-paddock[0-9a-f]+$/],
    ['openai', `sk-${'c'.repeat(48)}`, /^sk-paddock[0-9a-f]+$/],
    ['github classic', `ghp_${'d'.repeat(36)}`, /^ghp_paddock[0-9a-f]+$/],
    ['github fine-grained', `github_pat_${'e'.repeat(70)}`, /^github_pat_paddock[0-9a-f]+$/],
    ['google', `AIza${'f'.repeat(35)}`, /^AIzapaddock[0-9a-f]+$/],
    ['unknown', 'hunter2', /^paddock[0-9a-f]{25}$/],
  ];
  for (const [name, secret, shape] of rows)
    test(name, () => {
      const p = placeholderFor(secret);
      assert.match(p, shape);
      assert.equal(p.length, Math.max(secret.length, 32));
      assert.notEqual(p, secret);
      assert.equal(p.includes(secret.slice(-8)), false);
    });
  test('two placeholders for one secret differ (random)', () =>
    assert.notEqual(placeholderFor('sk-ant-xyz'), placeholderFor('sk-ant-xyz')));
});

describe('resolveCredentials', () => {
  const env = {
    ANTHROPIC_API_KEY: 'sk-ant-secret',
    MY_TOKEN: 'tok',
    EMPTY: '',
    // What the runner puts into every JavaScript action's environment (and so into Paddock's own).
    ACTIONS_RUNTIME_TOKEN: 'eyJtok',
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'eyJtok',
    RUNNER_TOKEN: 'tok',
    INPUT_TOKEN: 'tok',
  };
  test('known names take their default hosts; given hosts win', () => {
    assert.deepEqual(
      resolveCredentials([{ name: 'ANTHROPIC_API_KEY' }, { name: 'MY_TOKEN', hosts: ['x.test'] }], env),
      [
        { name: 'ANTHROPIC_API_KEY', value: 'sk-ant-secret', hosts: ['api.anthropic.com'] },
        { name: 'MY_TOKEN', value: 'tok', hosts: ['x.test'] },
      ],
    );
  });
  const bad: [string, { name: string; hosts?: string[] }[], RegExp][] = [
    [
      'missing from the environment',
      [{ name: 'OPENAI_API_KEY' }],
      /OPENAI_API_KEY: not set in the environment/,
    ],
    ['empty', [{ name: 'EMPTY', hosts: ['x.test'] }], /EMPTY: not set/],
    ['no hosts known', [{ name: 'MY_TOKEN' }], /MY_TOKEN: no hosts known for it/],
    [
      'given twice',
      [
        { name: 'MY_TOKEN', hosts: ['a.test'] },
        { name: 'MY_TOKEN', hosts: ['b.test'] },
      ],
      /given twice/,
    ],
    // A spec names credentials and their hosts; one changed in a pull request (pull_request_target) must not be
    // able to hand the runner's own tokens (cache and artifact writes, OIDC) to a host of its choosing.
    [
      "the runner's runtime token",
      [{ name: 'ACTIONS_RUNTIME_TOKEN', hosts: ['collector.evil.test'] }],
      /ACTIONS_RUNTIME_TOKEN: the runner's own/,
    ],
    [
      "the runner's OIDC request token",
      [{ name: 'ACTIONS_ID_TOKEN_REQUEST_TOKEN', hosts: ['collector.evil.test'] }],
      /ACTIONS_ID_TOKEN_REQUEST_TOKEN: the runner's own/,
    ],
    ['a RUNNER_ variable', [{ name: 'RUNNER_TOKEN', hosts: ['x.test'] }], /RUNNER_TOKEN: the runner's own/],
    ["an action's input", [{ name: 'INPUT_TOKEN', hosts: ['x.test'] }], /INPUT_TOKEN: the runner's own/],
  ];
  for (const [name, specs, message] of bad)
    test(`refuses ${name}, never showing a value`, () =>
      assert.throws(
        () => resolveCredentials(specs, env),
        (e) => isPaddockError(e, 'INPUT_INVALID') && message.test(e.message) && !e.message.includes('tok'),
      ));
});

test('parseCredentialSpec reads NAME and NAME=HOST,…', () => {
  assert.deepEqual(parseCredentialSpec('GH_TOKEN'), { name: 'GH_TOKEN' });
  assert.deepEqual(parseCredentialSpec('K=A.test,*.b.test'), { name: 'K', hosts: ['a.test', '*.b.test'] });
});
