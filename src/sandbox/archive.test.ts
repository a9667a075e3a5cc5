import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { entryPath, outputGlobs, saneMode, unsafePath, unsafeSymlink } from './archive.js';

describe('unsafePath', () => {
  const rows: [string, string | undefined][] = [
    ['out/a.txt', undefined],
    ['./out/a.txt', undefined],
    ['a..b/c', undefined],
    ['/etc/passwd', 'absolute path'],
    ['C:\\x', 'absolute path'],
    ['../x', 'contains ..'],
    ['out/../../x', 'contains ..'],
    ['out\\..\\x', 'contains ..'],
    ['', 'empty or NUL in name'],
    ['a\0b', 'empty or NUL in name'],
  ];
  for (const [name, expected] of rows)
    test(JSON.stringify(name), () => assert.equal(unsafePath(name), expected));
});

describe('unsafeSymlink', () => {
  const rows: [string, string, boolean][] = [
    ['out/l', 'a.txt', true],
    ['out/l', '../top.txt', true],
    ['out/sub/l', '../../x', true],
    ['out/l', '../../x', false],
    ['l', '..', false],
    ['out/l', '/etc/passwd', false],
    ['out/l', '', false],
  ];
  for (const [path, target, ok] of rows) {
    test(`${path} -> ${target} is ${ok ? 'kept' : 'refused'}`, () =>
      assert.equal(unsafeSymlink(path, target) === undefined, ok));
  }
});

describe('outputGlobs', () => {
  const rows: [string[], string[], [string, boolean][]][] = [
    [
      ['out/**'],
      ['out'],
      [
        ['out/a', true],
        ['out/d/b', true],
        ['outx/a', false],
        ['a', false],
      ],
    ],
    [
      ['out/**', 'out/x/*.json', 'logs/*.log'],
      ['out', 'logs'],
      [
        ['logs/a.log', true],
        ['logs/d/a.log', false],
      ],
    ],
    [
      ['result.json'],
      ['result.json'],
      [
        ['result.json', true],
        ['result.jsonx', false],
      ],
    ],
    [['out/'], ['out'], [['out/a/b', true]]],
    [
      ['**/*.json', 'out/**'],
      [''],
      [
        ['x/y.json', true],
        ['.hidden/y.json', true],
        ['y.txt', false],
      ],
    ],
  ];
  for (const [globs, bases, checks] of rows) {
    test(globs.join(' '), () => {
      const g = outputGlobs(globs);
      assert.deepEqual(g.bases, bases);
      for (const [p, expected] of checks) assert.equal(g.matches(p), expected, p);
    });
  }
  test('a glob escaping /sandbox is refused', () => assert.throws(() => outputGlobs(['../**'])));
  test('an absolute glob is refused', () => assert.throws(() => outputGlobs(['/etc/*'])));
});

describe('entryPath', () => {
  const rows: [string, string, string][] = [
    ['out', 'out/a.txt', 'out/a.txt'],
    ['out', 'out', 'out'],
    ['a/b', 'b/c', 'a/b/c'],
    ['', 'sandbox/x/y', 'x/y'],
    ['result.json', 'result.json', 'result.json'],
  ];
  for (const [base, name, expected] of rows)
    test(`${base} + ${name}`, () => assert.equal(entryPath(base, name), expected));
});

test('modes lose setuid, setgid, sticky and group/other write', () => {
  assert.equal(saneMode(0o4777, false), 0o755);
  assert.equal(saneMode(0o2666, false), 0o644);
  assert.equal(saneMode(0o1777, true), 0o755);
});
