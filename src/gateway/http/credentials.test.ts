import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Credential } from '../context.js';
import { masked, useCredentials } from './credentials.js';

const GH: Credential = {
  name: 'GH_TOKEN',
  placeholder: 'ghp_paddock0123456789abcdef0123456789ab',
  secret: 'ghp_REALSECRET0123456789abcdef012345678',
  hosts: ['github.com'],
};
const basic = (user: string, pass: string) => `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;

describe('useCredentials: the headers a key goes into', () => {
  const XI: Credential = {
    name: 'ELEVENLABS_API_KEY',
    placeholder: 'paddock0123456789abcdef0123456789',
    secret: 'REALSECRET0123456789abcdef012345',
    hosts: ['api.elevenlabs.test'],
    headers: ['xi-api-key'],
  };

  test('a header the credential names gets the key, as the key headers do', () => {
    for (const name of ['xi-api-key', 'Xi-Api-Key', 'Authorization']) {
      const use = useCredentials([XI], 'api.elevenlabs.test', true, [name, XI.placeholder], '/v1/tts');
      assert.ok(use.ok, use.ok ? '' : use.reason);
      assert.equal(use.headers[1], XI.secret);
    }
  });

  test('another header is still refused, naming the ones allowed', () => {
    const use = useCredentials([XI], 'api.elevenlabs.test', true, ['x-request-id', XI.placeholder], '/');
    assert.equal(use.ok, false);
    assert.match(use.ok ? '' : use.reason, /in header x-request-id: substituted only in .*xi-api-key/);
    const plain = useCredentials([GH], 'github.com', true, ['xi-api-key', GH.placeholder], '/');
    assert.equal(plain.ok, false, 'a credential that names no extra header keeps the key headers only');
  });
});

describe('masked', () => {
  test('a key its host answers back in a header goes back as its placeholder: as is, percent- or Basic-encoded', () => {
    const b64 = Buffer.from(`x-access-token:${GH.secret}`).toString('base64');
    const text = `${GH.secret} ${encodeURIComponent(GH.secret)} Basic ${b64}`;
    const out = masked([GH], text);
    assert.equal(out.includes(GH.secret) || out.includes(b64), false, out);
    assert.equal(
      out,
      `${GH.placeholder} ${GH.placeholder} Basic ${Buffer.from(`x-access-token:${GH.placeholder}`).toString('base64')}`,
    );
    assert.equal(masked([GH], `Basic ${Buffer.from('me:pw').toString('base64')}`), 'Basic bWU6cHc=');
  });
});

describe('useCredentials: Basic authorization (git over HTTPS)', () => {
  test('the placeholder inside Basic credentials is replaced, re-encoded', () => {
    const use = useCredentials(
      [GH],
      'github.com',
      true,
      ['Authorization', basic('x-access-token', GH.placeholder)],
      '/o/r.git/info/refs',
    );
    assert.ok(use.ok);
    assert.equal(use.headers[1], basic('x-access-token', GH.secret));
    assert.deepEqual(use.used, ['GH_TOKEN']);
  });

  test('to a host the credential does not name, or in clear text, it is refused, naming the variable', () => {
    const headers = ['authorization', basic('x-access-token', GH.placeholder)];
    const other = useCredentials([GH], 'evil.test', true, headers, '/');
    assert.equal(other.ok, false);
    assert.match(other.ok ? '' : other.reason, /GH_TOKEN sent to evil\.test/);
    const clear = useCredentials([GH], 'github.com', false, headers, '/');
    assert.match(clear.ok ? '' : clear.reason, /without TLS/);
  });

  test('Basic credentials without the placeholder, or not base64, pass unchanged', () => {
    for (const value of [basic('me', 'pw'), 'Basic !!!not-base64', `Bearer ${GH.placeholder}`]) {
      const use = useCredentials([GH], 'github.com', true, ['Authorization', value], '/');
      assert.ok(use.ok);
      assert.equal(use.headers[1], value.startsWith('Bearer') ? `Bearer ${GH.secret}` : value);
    }
  });
});
