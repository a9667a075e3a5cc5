import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { binaryMatches, checkBinaryGlob, checkHostPattern, hostMatches } from './glob.js';

describe('hostMatches', () => {
  const ROWS: [string, string, boolean][] = [
    ['api.github.com', 'api.github.com', true],
    ['api.github.com', 'API.GitHub.COM', true],
    ['API.GITHUB.COM', 'api.github.com', true],
    ['api.github.com', 'api.github.com.', true],
    ['api.github.com', 'xapi.github.com', false],
    ['api.github.com', 'github.com', false],
    ['*.example.com', 'a.example.com', true],
    ['*.example.com', 'A.Example.com', true],
    ['*.example.com', 'a.b.example.com', false],
    ['*.example.com', 'example.com', false],
    ['*.example.com', 'evil-example.com', false],
    ['**.example.com', 'a.example.com', true],
    ['**.example.com', 'a.b.c.example.com', true],
    ['**.example.com', 'example.com', false],
    ['**.example.com', 'a.example.com.evil.test', false],
    ['*-api.example.com', 'eu-api.example.com', true],
    ['*-api.example.com', 'api.example.com', false],
    ['*-api.example.com', 'x.eu-api.example.com', false],
    ['api-*.example.com', 'api-eu.example.com', true],
    ['api-*.example.com', 'api-.example.com', true],
    ['*.example.com', 'a.example.org', false],
    ['*.s3.*.amazonaws.com', 'bucket.s3.us-east-1.amazonaws.com', true],
    ['*.s3.*.amazonaws.com', 's3.us-east-1.amazonaws.com', false],
    ['*.s3.*.amazonaws.com', 'bucket.s3.dualstack.us-east-1.amazonaws.com', false],
    ['*.example.com', 'sub\u0000.example.com', false],
    ['api.example.com', 'api.example.com\r', false],
    ['*.example.com', 'evil%2eexample.com', false],
  ];
  for (const [pattern, host, expected] of ROWS) {
    test(`${pattern} ${expected ? 'matches' : 'does not match'} ${host}`, () =>
      assert.equal(hostMatches(pattern, host), expected));
  }

  const CHECKS: [string, RegExp | null][] = [
    ['api.github.com', null],
    ['*.example.com', null],
    ['**.example.com', null],
    ['*-foo.example.com', null],
    ['under_score.example.com', null],
    ['api.*.example.com', null],
    ['*.s3.*.amazonaws.com', null],
    ['*', /matches all hosts/],
    ['**', /matches all hosts/],
    ['*.com', /TLD wildcard/],
    ['**.com', /TLD wildcard/],
    ['api.x*.example.com', /middle DNS label wildcard must be the entire label/],
    ['api.**.example.com', /only allowed as the entire first DNS label/],
    ['a**.example.com', /only allowed as the entire first DNS label/],
    ['bad host.example.com', /not a valid DNS label/],
    ['-a.example.com', /not a valid DNS label/],
  ];
  for (const [pattern, problem] of CHECKS) {
    test(`host pattern ${pattern} is ${problem ? 'rejected' : 'accepted'}`, () => {
      const result = checkHostPattern(pattern);
      if (problem === null) assert.equal(result, null);
      else assert.match(result ?? '', problem);
    });
  }
});

describe('binaryMatches', () => {
  const ROWS: [string, string, boolean][] = [
    ['/usr/bin/curl', '/usr/bin/curl', true],
    ['/usr/bin/curl', '/usr/bin/curl2', false],
    ['/usr/bin/curl', '/USR/BIN/CURL', false],
    ['/usr/bin/python3*', '/usr/bin/python3.11', true],
    ['/usr/bin/python3*', '/usr/bin/python3', true],
    ['/usr/bin/python3*', '/usr/bin/sub/python3', false],
    ['/usr/lib/jvm/*/bin/java', '/usr/lib/jvm/java-17/bin/java', true],
    ['/usr/lib/jvm/*/bin/java', '/usr/lib/jvm/a/b/bin/java', false],
    ['/sandbox/.vscode-server/**', '/sandbox/.vscode-server/bin/x/node', true],
    ['/sandbox/.vscode-server/**', '/sandbox/.vscode-server', false],
    ['/opt/**/bin/tool', '/opt/a/b/c/bin/tool', true],
    ['/opt/**/bin/tool', '/opt/bin/tool', false],
    ['/opt/x**', '/opt/xyz', true],
    ['/opt/x**', '/opt/x/y', false],
    ['/usr/bin/python3.1?*', '/usr/bin/python3.12', true],
    ['/usr/bin/python3.1?*', '/usr/bin/python3.1', false],
    ['/usr/bin/python3.[0-9]*', '/usr/bin/python3.9', true],
    ['/usr/bin/python3.[0-9]*', '/usr/bin/python3.x', false],
    // OpenShell: a path is a glob only when it contains `*`; `?` and `[` alone are literal.
    ['/usr/bin/python3.1?', '/usr/bin/python3.12', false],
    ['/usr/bin/python3.1?', '/usr/bin/python3.1?', true],
    ['/usr/bin/[x]', '/usr/bin/[x]', true],
    ['/usr/bin/[x]', '/usr/bin/x', false],
    ['/usr/bin/a.b', '/usr/bin/aXb', false],
  ];
  for (const [pattern, path, expected] of ROWS) {
    test(`${pattern} ${expected ? 'matches' : 'does not match'} ${path}`, () =>
      assert.equal(binaryMatches(pattern, path), expected));
  }

  test('binary paths that can never match are named (relative, `..`, broken glob)', () => {
    assert.equal(checkBinaryGlob('/usr/bin/*'), null);
    assert.equal(checkBinaryGlob('/usr/bin/python[3'), null, 'no `*`: a literal path');
    assert.match(checkBinaryGlob('curl') ?? '', /absolute/);
    assert.match(checkBinaryGlob('**/curl') ?? '', /absolute/);
    assert.match(checkBinaryGlob('/usr/../bin/sh') ?? '', /\.\./);
    assert.match(checkBinaryGlob('/usr/bin/python[3*') ?? '', /unclosed/);
    assert.equal(binaryMatches('/usr/bin/python[3*', '/usr/bin/python[3x'), false);
  });
});
