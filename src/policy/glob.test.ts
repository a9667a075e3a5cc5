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
    ['*', /matches every host/],
    ['**', /matches every host/],
    ['*.com', /top-level-domain/],
    ['**.com', /top-level-domain/],
    ['api.*.example.com', /first label/],
    ['a**.example.com', /whole first label/],
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
    ['/usr/bin/python3.1?', '/usr/bin/python3.12', true],
    ['/usr/bin/python3.1?', '/usr/bin/python3.1', false],
    ['/usr/bin/python3.[0-9]', '/usr/bin/python3.9', true],
    ['/usr/bin/python3.[0-9]', '/usr/bin/python3.x', false],
    ['/usr/bin/a.b', '/usr/bin/aXb', false],
  ];
  for (const [pattern, path, expected] of ROWS) {
    test(`${pattern} ${expected ? 'matches' : 'does not match'} ${path}`, () =>
      assert.equal(binaryMatches(pattern, path), expected));
  }

  test('binary globs must be absolute, without `..`, with balanced brackets', () => {
    assert.equal(checkBinaryGlob('/usr/bin/*'), null);
    assert.match(checkBinaryGlob('curl') ?? '', /absolute/);
    assert.match(checkBinaryGlob('**/curl') ?? '', /absolute/);
    assert.match(checkBinaryGlob('/usr/../bin/sh') ?? '', /\.\./);
    assert.match(checkBinaryGlob('/usr/bin/python[3') ?? '', /unclosed/);
  });
});
