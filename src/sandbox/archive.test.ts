import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { commonRoot, entryPath, outputGlobs, saneMode, unsafePath, unsafeSymlink } from './archive.js';

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
  // Laid out as actions/upload-artifact lays out files: relative to the patterns' common literal directory.
  const placed: [string[], string, string][] = [
    [['out/**'], 'out/r.txt', 'r.txt'],
    [['out/**'], 'out/d/r.txt', 'd/r.txt'],
    [['out/*.json', 'out/logs/**'], 'out/logs/a.log', 'logs/a.log'],
    [['out/**', 'logs/*.log'], 'logs/a.log', 'logs/a.log'],
    [['out/a/**', 'out/b/**'], 'out/b/x', 'b/x'],
    [['result.json'], 'result.json', 'result.json'],
    [['reports/result.json'], 'reports/result.json', 'result.json'],
    [['out'], 'out/x/y', 'x/y'],
    [['**/*.json'], 'x/y.json', 'x/y.json'],
  ];
  for (const [globs, path, expected] of placed)
    test(`${globs.join(' ')}: ${path} lands at ${expected}`, () =>
      assert.equal(outputGlobs(globs).place(path), expected));
  test('commonRoot', () => {
    assert.equal(commonRoot(['a/b/c', 'a/b/d']), 'a/b');
    assert.equal(commonRoot(['a/b', 'ab/c']), '');
    assert.equal(commonRoot(['', 'a']), '');
    assert.equal(commonRoot(['a/b']), 'a/b');
  });
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
