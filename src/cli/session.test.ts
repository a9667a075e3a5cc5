import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isPaddockError } from '../common/errors.js';
import { policyRef } from './record.js';
import { sessionFrom } from './session.js';

const rows: [name: string, flag: string | undefined, env: NodeJS.ProcessEnv, id: string, stateDir: string][] =
  [
    [
      'defaults to local under XDG_STATE_HOME',
      undefined,
      { HOME: '/h', XDG_STATE_HOME: '/x' },
      'local',
      '/x/paddock/local',
    ],
    ['falls back to ~/.local/state', undefined, { HOME: '/h' }, 'local', '/h/.local/state/paddock/local'],
    [
      'PADDOCK_SESSION names the session',
      undefined,
      { HOME: '/h', PADDOCK_SESSION: 't-1' },
      't-1',
      '/h/.local/state/paddock/t-1',
    ],
    [
      '--session wins over PADDOCK_SESSION',
      'ci-9',
      { HOME: '/h', PADDOCK_SESSION: 't-1' },
      'ci-9',
      '/h/.local/state/paddock/ci-9',
    ],
    [
      'PADDOCK_STATE_DIR is the state folder itself',
      undefined,
      { HOME: '/h', PADDOCK_STATE_DIR: '/s' },
      'local',
      '/s',
    ],
  ];
for (const [name, flag, env, id, stateDir] of rows) {
  test(`sessionFrom ${name}`, () => assert.deepEqual(sessionFrom(flag, env), { id, stateDir }));
}

test('sessionFrom refuses an id Docker could not name things with', () => {
  assert.throws(
    () => sessionFrom('bad id', {}),
    (e) => isPaddockError(e, 'INPUT_INVALID'),
  );
});

test('policyRef keeps shipped names and makes paths absolute', () => {
  assert.equal(policyRef('default', '/w'), 'default');
  assert.equal(policyRef('strict', '/w'), 'strict');
  assert.equal(policyRef('p/a.yaml', '/w'), '/w/p/a.yaml');
  assert.equal(policyRef('/abs.yaml', '/w'), '/abs.yaml');
});
