import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { policyToYaml } from './emit.js';
import { loadPolicy } from './load.js';
import { parsePolicy } from './parse.js';
import type { Policy } from './types.js';

const EVERY_FIELD = readFileSync(
  new URL('../../test/policy/fixtures/every-field.yaml', import.meta.url),
  'utf8',
);

/** Compare policies without positions and bookkeeping. */
function meaning(p: Policy) {
  return {
    filesystem_policy: p.filesystem_policy,
    landlock: p.landlock,
    process: p.process,
    network_policies: p.network_policies.map((e) => ({
      ...e,
      endpoints: e.endpoints.map(({ line: _l, notEnforced: _n, ...rest }) => rest),
      binaries: e.binaries.map((b) => b.path),
    })),
  };
}

describe('policyToYaml', () => {
  test('round-trips a policy using every field', () => {
    const original = parsePolicy(EVERY_FIELD, 'p.yaml').policy;
    const again = parsePolicy(policyToYaml(original), 'again.yaml').policy;
    assert.deepEqual(meaning(again), meaning(original));
  });

  for (const name of ['default', 'strict']) {
    test(`round-trips the shipped ${name} policy`, async () => {
      const { policy } = await loadPolicy(name);
      assert.deepEqual(meaning(parsePolicy(policyToYaml(policy), 'again.yaml').policy), meaning(policy));
    });
  }

  test('`##[` in a value is written inert for CI logs and read back unchanged', () => {
    const yaml = [
      'version: 1',
      'network_policies:',
      '  tool:',
      '    name: "##[stop-commands]t"',
      '    endpoints: [{ host: ok.test, port: 443 }]',
      "    binaries: [{ path: '/sandbox/##[error]x \\##[' }]",
    ].join('\n');
    const original = parsePolicy(yaml, 'p.yaml').policy;
    const text = policyToYaml(original);
    assert.equal(text.includes('##['), false, text);
    assert.deepEqual(meaning(parsePolicy(text, 'again.yaml').policy), meaning(original));
    assert.equal(original.network_policies[0]?.binaries[0]?.path, '/sandbox/##[error]x \\##[');
  });

  test('writes OpenShell field names only', () => {
    const text = policyToYaml(parsePolicy(EVERY_FIELD, 'p.yaml').policy);
    assert.doesNotMatch(text, /enforceable|line:|declared|source/);
    assert.match(text, /host: 10\.0\.5\.0\/24/);
  });
});
