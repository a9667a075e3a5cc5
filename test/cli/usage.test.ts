// Usage errors and help, spawned as a user would; none of these reach the engine or start a gateway.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { EXIT } from '../../src/common/errors.js';
import { paddock, testSession } from './paddock.js';

const session = testSession('t-usage');

describe('paddock usage errors exit non-zero with a message on stderr and nothing on stdout', {
  concurrency: 6,
}, () => {
  const rows: [args: string[], code: number, stderr: RegExp][] = [
    [
      ['sandbox', 'create', '--cpus', 'abc'],
      EXIT.usage,
      /--cpus <n>' argument 'abc' is invalid. expected a number of CPUs/,
    ],
    [['sandbox', 'create', '--memory', 'lots'], EXIT.usage, /--memory <size>' argument 'lots' is invalid/],
    [['run', '--disk', 'huge', '--', 'true'], EXIT.usage, /--disk <size>' argument 'huge' is invalid/],
    [['sandbox', 'create', '--env', 'NOEQUALS'], EXIT.usage, /expected KEY=VALUE, got "NOEQUALS"/],
    [['sandbox', 'create', '--volume', '/abs:/x'], EXIT.usage, /only named volumes are allowed/],
    [['sandbox', 'create', '--name', 'bad name'], EXIT.usage, /expected a name of letters/],
    [['sandbox', 'list', '-o', 'yaml'], EXIT.usage, /expected table or json, got "yaml"/],
    [['eval', 'run', '-o', 'yaml'], EXIT.usage, /expected table or json, got "yaml"/],
    [['sandbox', 'exec', 'x', '--timeout', 'soon', '--', 'true'], EXIT.usage, /expected a duration/],
    [['sandbox', 'frobnicate'], EXIT.usage, /unknown command 'frobnicate'/],
    [['gateway', 'start', '--add-host', 'api.test'], EXIT.usage, /expected NAME=IP/],
    [['gateway', 'start', '--upstream-dns', 'dns.test'], EXIT.usage, /expected ADDR\[:PORT\]/],
    [['run', '--copy', 'x:/etc/passwd', '--', 'true'], EXIT.usage, /relative to \/sandbox/],
    [['run'], EXIT.usage, /expected a command after --/],
    [['run', '--'], EXIT.usage, /expected a command after --/],
    [
      ['sandbox', 'exec', 'box'],
      EXIT.usage,
      /expected a command after --, e.g. paddock sandbox exec box -- ls/,
    ],
    [['sandbox', 'get'], EXIT.usage, /missing required argument 'name'/],
    [['run', '--timeout', '90', '--', 'true'], EXIT.usage, /add a unit: 90s/],
    [['run', '--policy', 'no-such-policy.yaml', '--', 'true'], EXIT.invalidInput, /no-such-policy\.yaml/],
    [['--session', 'bad id', 'sandbox', 'list'], EXIT.invalidInput, /expected a session id/],
    [['sandbox', 'delete'], EXIT.usage, /expected sandbox names or --all/],
    [['sandbox', 'delete', 'a', '--all'], EXIT.usage, /expected sandbox names or --all/],
  ];
  for (const [args, code, stderr] of rows) {
    test(`paddock ${args.join(' ')} → exit ${code}`, async () => {
      const r = await paddock(session, args);
      assert.equal(r.code, code, r.stderr);
      assert.match(r.stderr, stderr);
      assert.equal(r.out, '');
    });
  }

  test('an option error is one line and a pointer to the command help, not the whole help', async () => {
    const r = await paddock(session, ['sandbox', 'create', '--cpus', 'abc']);
    assert.equal(r.code, EXIT.usage);
    assert.deepEqual(r.stderr.split('\n'), [
      `paddock: option '--cpus <n>' argument 'abc' is invalid. expected a number of CPUs such as 1 or 0.5, got "abc"`,
      "Run 'paddock sandbox create --help' for usage.",
      '',
    ]);
    const unknown = await paddock(session, ['eval', 'run', '--bogus']);
    assert.equal(unknown.code, EXIT.usage);
    assert.deepEqual(unknown.stderr.split('\n'), [
      "paddock: unknown option '--bogus'",
      "Run 'paddock eval run --help' for usage.",
      '',
    ]);
  });

  test('--filter with a key that is not a matrix axis is a usage error (exit 2)', async () => {
    const spec = join(session.stateDir, 'filter.yml');
    writeFileSync(spec, 'version: 1\nmatrix: { model: [a, b] }\nrun: "true"\n');
    const r = await paddock(session, ['eval', 'run', spec, '--filter', 'modle=a']);
    assert.equal(r.code, EXIT.usage, r.stderr);
    assert.match(r.stderr, /with KEY one of model, got 'modle=a'/);
    const none = await paddock(session, ['eval', 'run', spec, '--filter', 'model=c']);
    assert.equal(none.code, EXIT.usage, none.stderr);
  });

  test('an invalid policy file is named with its line and field, exit 3', async () => {
    const file = join(session.stateDir, 'bad.yaml');
    writeFileSync(
      file,
      'version: 1\nnetwork_policies:\n  x:\n    endpoints: [{ host: a.test, port: banana }]\n',
    );
    const r = await paddock(session, ['run', '--policy', file, '--', 'true']);
    assert.equal(r.code, EXIT.invalidInput, r.stderr);
    assert.match(r.stderr, /bad\.yaml:4/);
    assert.equal(r.out, '');
  });
});

describe('paddock help and version', { concurrency: 6 }, () => {
  test('--version prints the version on stdout and exits 0', async () => {
    const r = await paddock(session, ['--version']);
    assert.equal(r.code, 0);
    assert.match(r.out, /^\d+\.\d+\.\d+/);
  });
  const commands = [
    ['sandbox'],
    ['gateway'],
    ['run'],
    ['sandbox', 'create'],
    ['sandbox', 'list'],
    ['sandbox', 'get'],
    ['sandbox', 'exec'],
    ['sandbox', 'connect'],
    ['sandbox', 'logs'],
    ['sandbox', 'restart'],
    ['sandbox', 'delete'],
    ['sandbox', 'prune'],
    ['policy', 'set'],
    ['gateway', 'start'],
    ['gateway', 'stop'],
    ['gateway', 'status'],
  ];
  for (const command of commands) {
    test(`paddock ${command.join(' ')} --help shows examples`, async () => {
      const r = await paddock(session, [...command, '--help']);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.out, /Examples:\n {2}paddock /);
    });
  }
});
