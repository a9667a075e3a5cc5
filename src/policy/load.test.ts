import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { isPaddockError } from '../common/errors.js';
import { decide } from './decide.js';
import { loadPolicy, resolveExtends, shippedDir } from './load.js';
import { parsePolicy } from './parse.js';

let dir = '';
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'paddock-policy-'));
  const files: Record<string, string> = {
    'child.yaml':
      'version: 1\nextends: default\nnetwork_policies:\n  extra:\n    endpoints: [{ host: extra.test, port: 443 }]\n    binaries: [{ path: /usr/bin/curl }]\n',
    'grandchild.yaml': 'version: 1\nextends: ./child.yaml\nprocess: { run_as_user: "2000" }\n',
    'a.yaml': 'version: 1\nextends: b.yaml\n',
    'b.yaml': 'version: 1\nextends: a.yaml\n',
    'missing-base.yaml': 'version: 1\nnetwork_policies: {}\nextends: nowhere.yaml\n',
    'bad-base.yaml': 'version: 1\nextends: broken.yaml\n',
    'broken.yaml': 'version: 1\nprocess: { run_as_user: root }\n',
  };
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('loadPolicy', () => {
  test('finds the shipped policies by name', async () => {
    assert.ok(shippedDir().endsWith('policies'));
    const d = await loadPolicy('default');
    const s = await loadPolicy('strict');
    assert.equal(d.warnings.length, 0, JSON.stringify(d.warnings));
    assert.equal(s.policy.network_policies.length, 0);
  });

  test('resolves extends: the child adds to the shipped default', async () => {
    const { policy } = await loadPolicy('child.yaml', { baseDir: dir });
    const keys = policy.network_policies.map((e) => e.key);
    assert.ok(keys.includes('claude_code') && keys.includes('extra'));
    assert.equal(policy.process.run_as_user, '1000');
    assert.equal(
      decide(policy, { exe: '/usr/bin/curl', ancestors: [] }, { host: 'extra.test', port: 443 }).action,
      'allow',
    );
  });

  test('resolves a chain of extends relative to each file', async () => {
    const { policy } = await loadPolicy(join(dir, 'grandchild.yaml'));
    assert.equal(policy.process.run_as_user, '2000');
    assert.ok(policy.network_policies.some((e) => e.key === 'extra'));
  });

  test('an extends cycle is an error', async () => {
    await assert.rejects(
      loadPolicy('a.yaml', { baseDir: dir }),
      (e) => isPaddockError(e, 'POLICY_INVALID') && /extends itself/.test(e.message),
    );
  });

  test('a missing base names the extends line', async () => {
    await assert.rejects(loadPolicy('missing-base.yaml', { baseDir: dir }), (e) => {
      assert.ok(isPaddockError(e, 'POLICY_INVALID'));
      assert.equal(e.problems[0]?.line, 3);
      assert.equal(e.problems[0]?.field, 'extends');
      return true;
    });
  });

  test("a base's own errors point into the base file", async () => {
    await assert.rejects(loadPolicy('bad-base.yaml', { baseDir: dir }), (e) => {
      assert.ok(isPaddockError(e, 'POLICY_INVALID'));
      assert.match(e.problems[0]?.file ?? '', /broken\.yaml$/);
      assert.equal(e.problems[0]?.field, 'process.run_as_user');
      return true;
    });
  });

  test('a missing file is POLICY_INVALID and names the shipped names', async () => {
    await assert.rejects(
      loadPolicy('nope.yaml', { baseDir: dir }),
      (e) => isPaddockError(e, 'POLICY_INVALID') && /default, strict/.test(e.message),
    );
  });

  test('resolveExtends works for an inline policy', async () => {
    const inline = parsePolicy('image: x\npolicy:\n  version: 1\n  extends: strict\n', 'paddock.yml', {
      at: ['policy'],
    });
    const { policy } = await resolveExtends(inline, { baseDir: dir });
    assert.equal(policy.process.run_as_user, '1000');
    assert.equal(policy.network_policies.length, 0);
  });
});
