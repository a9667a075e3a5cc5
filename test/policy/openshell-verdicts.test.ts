import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { isPaddockError } from '../../src/common/errors.js';
import { enforcementSummary, parsePolicy } from '../../src/policy/index.js';

const DIR = new URL('./fixtures/openshell/', import.meta.url);
interface Expected {
  readonly verdict: 'valid' | 'invalid';
  readonly match?: string;
  readonly fixture: string;
}
const VERDICTS = JSON.parse(readFileSync(new URL('verdicts.json', DIR), 'utf8')) as Record<
  string,
  { readonly files: Record<string, Expected> }
>;

/** OpenShell's verdict on every policy YAML of v0.0.111 and the community repo, on the committed copies. */
describe('OpenShell policy files: Paddock gives OpenShell verdict', () => {
  for (const [repo, { files }] of Object.entries(VERDICTS)) {
    for (const [path, expected] of Object.entries(files)) {
      test(`${repo}:${path} is ${expected.verdict}`, () => {
        const text = readFileSync(new URL(expected.fixture, DIR), 'utf8');
        if (expected.verdict === 'invalid') {
          try {
            parsePolicy(text, path);
          } catch (error) {
            assert.ok(isPaddockError(error, 'POLICY_INVALID'));
            const messages = error.problems.map((p) => p.message).join(' | ');
            assert.match(messages, new RegExp(expected.match ?? '.'));
            return;
          }
          assert.fail('expected the policy to be rejected');
        }
        const { policy } = parsePolicy(text, path);
        const summary = enforcementSummary(policy);
        // `policy show` lists what is enforced: every endpoint appears, allowed or denied.
        const endpoints = policy.network_policies.reduce((n, e) => n + e.endpoints.length, 0);
        assert.equal(summary.enforced.filter((s) => s.startsWith('network_policies.')).length, endpoints);
      });
    }
  }

  test('the community sandboxes keep their agents reachable (enforced at the connection)', () => {
    const text = readFileSync(new URL('community/base.yaml', DIR), 'utf8');
    const { policy } = parsePolicy(text, 'base.yaml');
    const denied = policy.network_policies.flatMap((e) => e.endpoints.filter((x) => !x.enforceable));
    const lines = enforcementSummary(policy).enforced.filter((s) => s.includes('every connection denied'));
    assert.equal(lines.length, denied.length);
    assert.ok(policy.network_policies.some((e) => e.key === 'claude_code'));
  });
});
