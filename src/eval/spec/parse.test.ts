import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isPaddockError, type Problem } from '../../common/errors.js';
import { defaultName, parseSpec } from './parse.js';

const FILE = 'evals/paddock.yml';

function problemsOf(text: string): Problem[] {
  try {
    parseSpec(text, FILE);
  } catch (error) {
    assert.ok(isPaddockError(error, 'SPEC_INVALID'), String(error));
    return [...error.problems];
  }
  assert.fail('expected SPEC_INVALID');
}

describe('parseSpec', () => {
  test('reads the DESIGN.md example with every field', () => {
    const spec = parseSpec(
      [
        'version: 1',
        'image: node:22-bookworm-slim',
        'policy: policies/default.yaml',
        'matrix:',
        '  prompt: ["prompts/*.md"]',
        '  model: [model-a, model-b]',
        '  exclude: [{ model: model-b, prompt: prompts/long.md }]',
        '  include: [{ model: model-c, prompt: prompts/short.md }]',
        'run: agent --model "$MODEL"',
        'files: ["prompts/**", "fixtures/**"]',
        'outputs: ["out/**"]',
        'env: { LOG_LEVEL: info, EMPTY: "" }',
        'timeout: 10m',
        'concurrency: 8',
        'expect: { exit-code: 0, egress: { denied: [evil.test, "*.exfil.test:53"] } }',
        'gateway:',
        '  hosts: { api.internal.test: 127.0.0.1 }',
        '  upstream-dns: 127.0.0.1:5353',
      ].join('\n'),
      FILE,
    );
    assert.equal(spec.dir, 'evals');
    assert.equal(spec.name, 'evals');
    assert.equal(spec.image, 'node:22-bookworm-slim');
    assert.deepEqual(spec.policy, { kind: 'ref', ref: 'policies/default.yaml', line: 3 });
    assert.deepEqual(
      spec.matrix.axes.map((a) => [a.key, a.values.map((v) => [v.value, v.glob, v.line])]),
      [
        ['prompt', [['prompts/*.md', true, 5]]],
        [
          'model',
          [
            ['model-a', false, 6],
            ['model-b', false, 6],
          ],
        ],
      ],
    );
    assert.deepEqual(spec.matrix.exclude[0]?.values, { model: 'model-b', prompt: 'prompts/long.md' });
    assert.deepEqual(spec.matrix.include[0]?.values, { model: 'model-c', prompt: 'prompts/short.md' });
    assert.deepEqual(spec.env, { LOG_LEVEL: 'info', EMPTY: '' });
    assert.equal(spec.timeoutMs, 600_000);
    assert.equal(spec.concurrency, 8);
    assert.deepEqual(spec.expect, {
      exitCode: 0,
      egress: { denied: ['evil.test', '*.exfil.test:53'] },
      passRate: 1,
    });
    assert.deepEqual(spec.gateway, {
      hosts: { 'api.internal.test': '127.0.0.1' },
      upstreamDns: '127.0.0.1:5353',
    });
    assert.equal(spec.maxRuns, 256);
  });

  test('applies defaults: shipped default policy, 10m timeout, no-denials', () => {
    const spec = parseSpec('version: 1\nrun: "true"\n', 'paddock.yml');
    assert.deepEqual(spec.policy, { kind: 'ref', ref: 'default' });
    assert.deepEqual(spec.expect, { exitCode: 0, egress: 'no-denials', passRate: 1 });
    assert.equal(spec.timeoutMs, 600_000);
    assert.equal(spec.concurrency, undefined);
    assert.deepEqual(spec.matrix, { axes: [], include: [], exclude: [] });
  });

  test('run as a list is the exec form: the words as written, no shell', () => {
    assert.deepEqual(parseSpec('version: 1\nrun: [/agent, --out, "$X", 3]\n', FILE).run, [
      '/agent',
      '--out',
      '$X',
      '3',
    ]);
    assert.equal(parseSpec('version: 1\nrun: echo "$X"\n', FILE).run, 'echo "$X"');
  });

  test('an inline policy mapping is recorded with its line', () => {
    const spec = parseSpec('version: 1\nrun: x\npolicy:\n  version: 1\n', FILE);
    assert.deepEqual(spec.policy, { kind: 'inline', line: 4 });
  });

  const bad: [string, string, { line: number; field: string; message: RegExp }][] = [
    [
      'unknown top key suggests the nearest',
      'version: 1\nrun: x\ntimeuot: 5m\n',
      { line: 3, field: 'timeuot', message: /unknown key 'timeuot'; did you mean 'timeout'\?/ },
    ],
    ['missing run', 'version: 1\n', { line: 1, field: 'run', message: /missing/ }],
    ['empty exec-form run', 'version: 1\nrun: []\n', { line: 2, field: 'run', message: /non-empty list/ }],
    [
      'run as a mapping',
      'version: 1\nrun: { a: 1 }\n',
      { line: 2, field: 'run', message: /a list \[program, arg…\]/ },
    ],
    [
      'wrong version',
      'version: 2\nrun: x\n',
      { line: 1, field: 'version', message: /expected an integer from 1 to 1, got number 2/ },
    ],
    [
      'duration without unit',
      'version: 1\nrun: x\ntimeout: 90\n',
      { line: 3, field: 'timeout', message: /expected a duration such as 90s/ },
    ],
    [
      // Assigned into a plain object, `__proto__` sets the prototype (a string is ignored): the value vanished.
      'an env key __proto__',
      'version: 1\nrun: x\nenv: { A: 1, __proto__: x }\n',
      { line: 3, field: 'env.__proto__', message: /reserved name/ },
    ],
    [
      'a matrix axis __proto__',
      'version: 1\nrun: x\nmatrix:\n  __proto__: [a, b]\n',
      { line: 4, field: 'matrix.__proto__', message: /reserved name/ },
    ],
    [
      // Node's timers hold 2^31-1 ms (24.8 days): a longer one fires after 1 ms, so every run "timed out" at once.
      'timeout longer than a timer holds',
      'version: 1\nrun: x\ntimeout: 600h\n',
      { line: 3, field: 'timeout', message: /at most 596h/ },
    ],
    [
      'verify timeout longer than a timer holds',
      'version: 1\nrun: x\nverify: { run: grade, timeout: 100000h }\n',
      { line: 3, field: 'verify.timeout', message: /at most 596h/ },
    ],
    [
      'concurrency zero',
      'version: 1\nrun: x\nconcurrency: 0\n',
      { line: 3, field: 'concurrency', message: /from 1 to 256, got number 0/ },
    ],
    [
      'axis not a list',
      'version: 1\nrun: x\nmatrix:\n  model: a\n',
      { line: 4, field: 'matrix.model', message: /expected a list of values or globs, got 'a'/ },
    ],
    [
      'exclude key not an axis',
      'version: 1\nrun: x\nmatrix:\n  model: [a]\n  exclude: [{ modle: a }]\n',
      { line: 5, field: 'matrix.exclude[0].modle', message: /not a matrix axis/ },
    ],
    [
      'egress word misspelt',
      'version: 1\nrun: x\nexpect: { egress: no-denial }\n',
      { line: 3, field: 'expect.egress', message: /expected 'no-denials', 'allow-denials'/ },
    ],
    [
      'unknown expect key',
      'version: 1\nrun: x\nexpect: { exitcode: 1 }\n',
      { line: 3, field: 'expect.exitcode', message: /did you mean 'exit-code'/ },
    ],
    [
      'gateway host not an IP',
      'version: 1\nrun: x\ngateway:\n  hosts: { a.test: localhost }\n',
      { line: 4, field: 'gateway.hosts.a.test', message: /expected an IP address/ },
    ],
    [
      'upstream dns bad port',
      'version: 1\nrun: x\ngateway: { upstream-dns: "1.2.3.4:99999" }\n',
      { line: 3, field: 'gateway.upstream-dns', message: /expected a port from 1 to 65535/ },
    ],
    [
      'upstream dns a name, not an address',
      'version: 1\nrun: x\ngateway: { upstream-dns: "dns.test:53" }\n',
      { line: 3, field: 'gateway.upstream-dns', message: /expected ADDR\[:PORT\] with an IP address/ },
    ],
    [
      'credential name not a variable',
      'version: 1\nrun: x\ncredentials: { bad-name: {} }\n',
      { line: 3, field: 'credentials.bad-name', message: /expected an environment variable name/ },
    ],
    [
      'credential key misspelt',
      'version: 1\nrun: x\ncredentials:\n  K: { host: [a.test] }\n',
      { line: 4, field: 'credentials.K.host', message: /did you mean 'hosts'/ },
    ],
    [
      'credential header not a header name',
      'version: 1\nrun: x\ncredentials:\n  K: { hosts: [a.test], headers: ["x key"] }\n',
      { line: 4, field: 'credentials.K.headers[0]', message: /expected a header name/ },
    ],
    [
      'absolute files glob',
      'version: 1\nrun: x\nfiles: [/etc/passwd]\n',
      { line: 3, field: 'files[0]', message: /relative glob/ },
    ],
    [
      'verify without run',
      'version: 1\nrun: x\nverify: { timeout: 1m }\n',
      { line: 3, field: 'verify.run', message: /expected the verify command/ },
    ],
    [
      'verify key misspelt',
      'version: 1\nrun: x\nverify: { run: t, polcy: strict }\n',
      { line: 3, field: 'verify.polcy', message: /did you mean 'policy'/ },
    ],
    [
      'setup without run',
      'version: 1\nrun: x\nsetup:\n  files: [tools]\n',
      { line: 4, field: 'setup.run', message: /expected the setup command/ },
    ],
    [
      'setup key misspelt',
      'version: 1\nrun: x\nsetup:\n  run: make\n  timout: 5m\n',
      { line: 5, field: 'setup.timout', message: /did you mean 'timeout'/ },
    ],
    [
      'setup timeout a bare number',
      'version: 1\nrun: x\nsetup: { run: make, timeout: 300 }\n',
      { line: 3, field: 'setup.timeout', message: /./ },
    ],
    [
      'setup files escaping the spec folder',
      'version: 1\nrun: x\nsetup: { run: make, files: [../secrets] }\n',
      { line: 3, field: 'setup.files[0]', message: /relative glob inside the spec folder/ },
    ],
    [
      'setup a list',
      'version: 1\nrun: x\nsetup: [a, b]\n',
      {
        line: 3,
        field: 'setup',
        message: /expected a command, or a mapping with run, policy, timeout and files/,
      },
    ],
    [
      'repeat zero',
      'version: 1\nrun: x\nrepeat: 0\n',
      { line: 3, field: 'repeat', message: /expected an integer from 1 to 100/ },
    ],
    [
      'pass-rate above 1',
      'version: 1\nrun: x\nexpect: { pass-rate: 1.5 }\n',
      { line: 3, field: 'expect.pass-rate', message: /expected a number from 0 to 1 \(e\.g\. 0\.8\)/ },
    ],
    [
      'gateway enforcement misspelt',
      'version: 1\nrun: x\ngateway: { enforcement: proxy-onyl }\n',
      {
        line: 3,
        field: 'gateway.enforcement',
        message: /unknown value 'proxy-onyl'; did you mean 'proxy-only'\?/,
      },
    ],
    [
      'outputs exclusion',
      'version: 1\nrun: x\noutputs: ["out/**", "!out/tmp/**"]\n',
      { line: 3, field: 'outputs[1]', message: /exclusions \(!\) are not supported/ },
    ],
    [
      'empty outputs pattern',
      'version: 1\nrun: x\noutputs:\n  - "out/**"\n  - ""\n',
      { line: 5, field: 'outputs[1]', message: /expected a string, got ''/ },
    ],
    [
      'outputs climbing out of /sandbox',
      'version: 1\nrun: x\noutputs: ["../x"]\n',
      { line: 3, field: 'outputs[0]', message: /inside \/sandbox/ },
    ],
    [
      'yaml syntax',
      'version: 1\nrun: [x\n',
      { line: 3, field: undefined as unknown as string, message: /YAML/ },
    ],
    [
      'env name',
      'version: 1\nrun: x\nenv: { "A-B": x }\n',
      { line: 3, field: 'env.A-B', message: /environment variable name/ },
    ],
  ];
  for (const [name, text, want] of bad) {
    test(`rejects ${name} at file:line:field`, () => {
      const p = problemsOf(text)[0];
      assert.ok(p, 'a problem');
      assert.equal(p.file, FILE);
      assert.equal(p.line, want.line);
      assert.equal(p.field, want.field);
      assert.match(p.message, want.message);
    });
  }

  test('collects every problem, not just the first', () => {
    const problems = problemsOf('version: 1\nrun: x\ntimeout: soon\nconcurrency: -1\nbogus: 1\n');
    assert.deepEqual(
      problems.map((p) => p.field),
      ['bogus', 'timeout', 'concurrency'],
    );
  });
});

describe('verify:', () => {
  test('a command alone: the shipped strict policy, a 10m timeout, no files', () => {
    const spec = parseSpec('version: 1\nrun: x\nverify: ./grade.sh\n', 'ev/paddock.yml');
    assert.deepEqual(spec.verify, {
      run: './grade.sh',
      policy: { kind: 'ref', ref: 'strict' },
      timeoutMs: 600_000,
      files: [],
    });
  });
  test('a mapping: run, an inline policy (read at verify.policy), timeout and files', () => {
    const spec = parseSpec(
      'version: 1\nrun: x\nverify:\n  run: pytest -q\n  timeout: 90s\n  files: [tests]\n  policy:\n    version: 1\n',
      'ev/paddock.yml',
    );
    assert.equal(spec.verify?.run, 'pytest -q');
    assert.equal(spec.verify?.timeoutMs, 90_000);
    assert.deepEqual(spec.verify?.files, [{ value: 'tests', line: 6, field: 'verify.files[0]' }]);
    assert.deepEqual(spec.verify?.policy, { kind: 'inline', line: 8, at: ['verify', 'policy'] });
  });
});

describe('setup:', () => {
  test('a command alone: the shipped setup policy, a 10m timeout, no files', () => {
    const spec = parseSpec('version: 1\nrun: x\nsetup: npm install -g tool\n', 'ev/paddock.yml');
    assert.deepEqual(spec.setup, {
      run: 'npm install -g tool',
      policy: { kind: 'ref', ref: 'setup' },
      timeoutMs: 600_000,
      files: [],
    });
  });
  test('a mapping: run, an inline policy (read at setup.policy), timeout and files', () => {
    const spec = parseSpec(
      'version: 1\nrun: x\nsetup:\n  run: sh install.sh\n  timeout: 5m\n  files: [install.sh]\n  policy:\n    version: 1\n',
      'ev/paddock.yml',
    );
    assert.equal(spec.setup?.run, 'sh install.sh');
    assert.equal(spec.setup?.timeoutMs, 300_000);
    assert.deepEqual(spec.setup?.files, [{ value: 'install.sh', line: 6, field: 'setup.files[0]' }]);
    assert.deepEqual(spec.setup?.policy, { kind: 'inline', line: 8, at: ['setup', 'policy'] });
  });
  test('a policy by name or path', () => {
    const spec = parseSpec('version: 1\nrun: x\nsetup: { run: make, policy: strict }\n', 'p.yml');
    assert.deepEqual(spec.setup?.policy, { kind: 'ref', ref: 'strict', line: 3 });
  });
  test('no setup: key, no setup phase', () => {
    assert.equal(parseSpec('version: 1\nrun: x\n', 'p.yml').setup, undefined);
  });
});

describe('gateway.upstream-dns: the address grammar of --upstream-dns', () => {
  const rows: [string, string][] = [
    ['127.0.0.1', '127.0.0.1:53'],
    ['127.0.0.1:5353', '127.0.0.1:5353'],
    ['"[::1]:5353"', '[::1]:5353'],
    ['"::1"', '[::1]:53'],
  ];
  for (const [written, stored] of rows) {
    test(`${written} → ${stored}`, () =>
      assert.equal(
        parseSpec(`version: 1\nrun: x\ngateway: { upstream-dns: ${written} }\n`, 'p.yml').gateway.upstreamDns,
        stored,
      ));
  }
});

describe('defaultName (a spec without `name:`)', () => {
  const rows: [string, string][] = [
    ['evals/paddock.yml', 'evals'],
    ['/work/repo/evals/coding.yaml', 'evals'],
    ['paddock.yml', 'paddock'],
    ['./agents.yaml', 'agents'],
    ['/paddock.yml', 'paddock'],
  ];
  for (const [file, name] of rows) test(`${file} → ${name}`, () => assert.equal(defaultName(file), name));
});

describe('credentials: names and hosts, never values', () => {
  const rows: [string, unknown][] = [
    ['{ ANTHROPIC_API_KEY: {} }', [{ name: 'ANTHROPIC_API_KEY' }]],
    ['{ ANTHROPIC_API_KEY: }', [{ name: 'ANTHROPIC_API_KEY' }]],
    [
      '{ T: { hosts: [API.Corp.test, "*.corp.test"], query: true } }',
      [{ name: 'T', hosts: ['api.corp.test', '*.corp.test'], query: true }],
    ],
    [
      '{ ELEVENLABS_API_KEY: { hosts: [api.elevenlabs.test], headers: [Xi-Api-Key] } }',
      [{ name: 'ELEVENLABS_API_KEY', hosts: ['api.elevenlabs.test'], headers: ['xi-api-key'] }],
    ],
  ];
  for (const [written, parsed] of rows)
    test(written, () =>
      assert.deepEqual(
        parseSpec(`version: 1\nrun: x\ncredentials: ${written}\n`, 'p.yml').credentials,
        parsed,
      ),
    );
  test('none by default', () => assert.deepEqual(parseSpec('version: 1\nrun: x\n', 'p.yml').credentials, []));
});

test('gateway.upstream-ca: one path or a list, resolved against the spec folder', () => {
  assert.deepEqual(
    parseSpec('version: 1\nrun: x\ngateway: { upstream-ca: certs/ca.pem }\n', '/w/evals/p.yml').gateway
      .upstreamCa,
    ['/w/evals/certs/ca.pem'],
  );
  assert.deepEqual(
    parseSpec('version: 1\nrun: x\ngateway: { upstream-ca: [a.pem, /etc/b.pem] }\n', '/w/p.yml').gateway
      .upstreamCa,
    ['/w/a.pem', '/etc/b.pem'],
  );
});
