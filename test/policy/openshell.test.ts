import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isPaddockError } from '../../src/common/errors.js';
import {
  isAlwaysBlocked,
  isPrivateAddress,
  overlapsAlwaysBlocked,
  parseCidr,
} from '../../src/policy/address.js';
import { decide } from '../../src/policy/decide.js';
import { binaryMatches, hostMatches } from '../../src/policy/glob.js';
import { parsePolicy } from '../../src/policy/parse.js';
import { CASES, type Case } from './openshell-cases.js';

/** OpenShell v0.0.111's policy tests as a table (test/policy/openshell-cases.ts). */
describe('OpenShell v0.0.111 parity', () => {
  test('the table has at least 150 rows, each citing an OpenShell test', () => {
    assert.ok(CASES.length >= 150, `${CASES.length} rows`);
    for (const c of CASES) assert.match(c.from, /^crates\/[\w-]+\/src\/[\w/]+\.rs::\w+$/);
  });
  CASES.forEach((c, i) => {
    const name = `${i + 1}. ${c.from.split('::')[1]}${c.divergence ? ' (divergence)' : ''}`;
    test(name, () => check(c));
  });
});

function check(c: Case): void {
  if ('ip' in c) {
    assert.equal(isPrivateAddress(c.ip), c.internal, `${c.ip} internal`);
    assert.equal(isAlwaysBlocked(c.ip), c.alwaysBlocked, `${c.ip} always blocked`);
    return;
  }
  if ('cidr' in c) {
    assert.equal(overlapsAlwaysBlocked(parseCidr(c.cidr)!), c.overlapsBlocked);
    return;
  }
  if ('hostPattern' in c) {
    assert.equal(hostMatches(c.hostPattern, c.name), c.match);
    return;
  }
  if ('binaryPattern' in c) {
    assert.equal(binaryMatches(c.binaryPattern, c.path), c.match);
    return;
  }
  const text = c.policy ?? '';
  if ('error' in c) {
    try {
      parsePolicy(text, 'p.yaml');
    } catch (error) {
      assert.ok(isPaddockError(error, 'POLICY_INVALID'), String(error));
      const messages = error.problems.map((p) => `${p.field}: ${p.message}`);
      assert.ok(
        messages.some((m) => c.error.test(m)),
        `no problem matches ${c.error}: ${messages.join(' | ')}`,
      );
      for (const p of error.problems)
        assert.ok(p.line !== undefined && p.field !== undefined, `${p.message}: no position`);
      return;
    }
    assert.fail(`expected the policy to be rejected (${c.error})`);
  }
  const { policy, warnings } = parsePolicy(text, 'p.yaml');
  if ('valid' in c) {
    if (c.warn) {
      const messages = warnings.map((w) => w.message);
      assert.ok(
        messages.some((m) => c.warn!.test(m)),
        `no warning matches ${c.warn}: ${messages.join(' | ')}`,
      );
    }
    return;
  }
  const d = c.decide;
  const binary = d.exe === null ? null : { exe: d.exe, ancestors: d.ancestors ?? [] };
  const decision = decide(policy, binary, {
    ...(d.host !== undefined ? { host: d.host } : {}),
    ...(d.ip !== undefined ? { ip: d.ip } : {}),
    port: d.port,
  });
  assert.equal(decision.action, c.action, decision.reason);
  if (c.reason) assert.match(decision.reason, c.reason);
}
