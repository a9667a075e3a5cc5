import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const ENTRY = fileURLToPath(new URL('./fixtures/cli.ts', import.meta.url));
const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));

function paddock(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', ENTRY, ...args], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

let dir = '';
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'paddock-policy-cli-'));
  await writeFile(
    join(dir, 'bad.yaml'),
    'version: 1\nnetwork_policies:\n  github:\n    endpoints:\n      - { host: "*", port: 443 }\n      - { host: a.test, prot: 443 }\n      - { host: b.test, port: 6443, protocol: tcp, enforcement: enforce }\n    binaries: [{ path: git }]\n',
  );
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('paddock policy', () => {
  test('validate: exit 3 and every error as file:line:col: field: message', () => {
    const bad = join(dir, 'bad.yaml');
    const r = paddock('policy', 'validate', bad, 'strict');
    assert.equal(r.status, 3);
    assert.deepEqual(r.stderr.trim().split('\n'), [
      `${bad}:5:17: network_policies.github.endpoints[0].host: host wildcard '*' matches all hosts; use specific patterns like '*.example.com'`,
      `${bad}:6:25: network_policies.github.endpoints[1].prot: unknown field \`prot\`; did you mean \`port\`?`,
      `${bad}:7:47: network_policies.github.endpoints[2].protocol: protocol tcp does not support L7-only fields: enforcement; remove those fields`,
    ]);
    assert.match(r.stdout, /^strict: valid \(0 network policies\)$/m);
  });

  test('validate: an OpenShell policy using every field is valid; warnings are printed with positions', () => {
    const r = paddock('policy', 'validate', join(FIXTURES, 'every-field.yaml'));
    assert.equal(r.status, 0, r.stderr);
    assert.match(
      r.stderr,
      /every-field\.yaml:59:9: network_policies\.newer\.endpoints\[2\]: warning: protocol: mcp.*fail closed/,
    );
  });

  test('show -o json: the effective policy and what is enforced', () => {
    const r = paddock('policy', 'show', 'default', '-o', 'json');
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout) as {
      policy: { network_policies: Record<string, unknown> };
      enforced: string[];
      notEnforced: string[];
    };
    assert.ok('claude_code' in out.policy.network_policies);
    assert.ok(out.enforced.some((s) => s.startsWith('network:')));
    assert.ok(Array.isArray(out.notEnforced));
  });

  test('show (yaml) prints a valid OpenShell policy after the summary comments', () => {
    const r = paddock('policy', 'show', 'strict');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^# Enforced by Paddock:/m);
    assert.match(r.stdout, /^version: 1$/m);
  });

  test('suggest: YAML for the recorded events', () => {
    const r = paddock('policy', 'suggest', '--events', join(FIXTURES, 'events.jsonl'), '--base', 'default');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^extends: default$/m);
    assert.match(r.stdout, /allow_curl:/);
  });

  test('suggest: without --base the suggestion extends default; --no-base writes a whole policy', () => {
    const events = join(FIXTURES, 'events.jsonl');
    const extended = paddock('policy', 'suggest', '--events', events);
    assert.equal(extended.status, 0, extended.stderr);
    assert.match(extended.stdout, /^extends: default$/m);
    const whole = paddock('policy', 'suggest', '--events', events, '--no-base');
    assert.equal(whole.status, 0, whole.stderr);
    assert.doesNotMatch(whole.stdout, /^extends:/m);
    assert.match(whole.stdout, /allow_curl:/);
  });

  test('show -o json names a shipped policy by its name, not its install path', () => {
    const r = paddock('policy', 'show', 'default', '-o', 'json');
    assert.equal(r.status, 0, r.stderr);
    assert.equal((JSON.parse(r.stdout) as { source: string }).source, 'default');
  });

  test('show -o table is accepted wherever -o json is (the commented YAML)', () => {
    const r = paddock('policy', 'show', 'strict', '-o', 'table');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^# Enforced by Paddock:/m);
  });

  test('suggest: lines that are not events are skipped and counted', async () => {
    const events = join(dir, 'torn.jsonl');
    await writeFile(
      events,
      `${await readFile(join(FIXTURES, 'events.jsonl'), 'utf8')}{"time":"t","sess\nnot json\n`,
    );
    const r = paddock('policy', 'suggest', '--events', events, '--base', 'default');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /skipped 2 lines that are not events/);
    assert.match(r.stdout, /network_policies:/);
  });

  test('suggest: a missing events file is invalid input (exit 3)', () => {
    const r = paddock('policy', 'suggest', '--events', join(dir, 'none.jsonl'));
    assert.equal(r.status, 3);
    assert.match(r.stderr, /cannot read events file/);
  });
});
