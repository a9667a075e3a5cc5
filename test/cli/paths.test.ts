// Paths resolve where the user stands: a flag's path against the working directory, a spec's own paths against
// the spec. Both cases fail on an invalid policy, before any engine is needed, so the error shows which file was read.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { EXIT } from '../../src/common/errors.js';
import { paddock, testSession } from './paddock.js';

const session = testSession('t-paths');
const root = mkdtempSync(join(tmpdir(), 'paddock-paths-'));
const BAD = 'version: 1\nnetwork_policies:\n  x: { endpoints: [{ host: a.test, port: banana }] }\n';
mkdirSync(join(root, 'evals'));
mkdirSync(join(root, 'policies'));
writeFileSync(join(root, 'policies', 'a.yaml'), BAD);
writeFileSync(join(root, 'evals', 'bad.yaml'), BAD);
writeFileSync(join(root, 'evals', 'x.yml'), 'version: 1\nrun: "true"\n');
writeFileSync(join(root, 'evals', 'own.yml'), 'version: 1\npolicy: bad.yaml\nrun: "true"\n');
after(() => rmSync(root, { recursive: true, force: true }));

describe('eval run: which policy file is read', () => {
  test('--policy policies/a.yaml is relative to the working directory, not to the spec (evals/)', async () => {
    const r = await paddock(session, ['eval', 'run', 'evals/x.yml', '--policy', 'policies/a.yaml'], {
      cwd: root,
    });
    assert.equal(r.code, EXIT.invalidInput, r.stderr);
    assert.match(r.stderr, /^ {2}policies\/a\.yaml:3:\d+: network_policies\.x\.endpoints\[0\]\.port: /m);
  });

  test('--policy ./policies/a.yaml from another folder is found there too', async () => {
    const r = await paddock(session, ['eval', 'run', '../evals/x.yml', '--policy', './a.yaml'], {
      cwd: join(root, 'policies'),
    });
    assert.equal(r.code, EXIT.invalidInput, r.stderr);
    assert.match(r.stderr, /^ {2}a\.yaml:3:/m);
  });

  test("the spec's own policy: bad.yaml stays relative to the spec", async () => {
    const r = await paddock(session, ['eval', 'run', 'evals/own.yml'], { cwd: root });
    assert.equal(r.code, EXIT.invalidInput, r.stderr);
    assert.match(r.stderr, /^ {2}evals\/bad\.yaml:3:/m);
  });
});
