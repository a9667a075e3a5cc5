import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isPaddockError } from '../common/errors.js';
import { filesToCopy } from './files.js';
import { sandboxName } from './lifecycle.js';
import { applyInclude, plan, runId, uniqueIds } from './plan.js';
import { parseSpec } from './spec/parse.js';

const FILES = ['prompts/b.md', 'prompts/a.md', 'prompts/long.md', 'fixtures/x.json', 'paddock.yml'];

function planOf(matrix: string, extra = '', filters?: string[]) {
  const spec = parseSpec(
    `version: 1\nrun: x\nenv: { LOG: info }\n${extra}matrix:\n${matrix}`,
    'ev/paddock.yml',
  );
  return plan(spec, { files: FILES, ...(filters ? { filters } : {}) });
}

describe('files: patterns', () => {
  test('a pattern that matches no file is an error at its line; the others are fine', () => {
    const spec = parseSpec(
      'version: 1\nrun: x\nfiles:\n  - "fixtures/**"\n  - "promts/*.md"\n  - prompts\n  - fixtures/y.json\n',
      'ev/paddock.yml',
    );
    try {
      plan(spec, { files: FILES });
      assert.fail('expected an error');
    } catch (e) {
      assert.ok(isPaddockError(e), String(e));
      assert.equal(e.code, 'SPEC_INVALID');
      assert.match(e.message, /2 patterns match no file/);
      assert.deepEqual(
        e.problems.map((p) => [p.line, p.field, p.message]),
        [
          [5, 'files[1]', "'promts/*.md' matches no file under ev"],
          [7, 'files[3]', "'fixtures/y.json' matches no file under ev"],
        ],
      );
    }
  });

  test('a plain folder copies what is under it', () => {
    const spec = parseSpec('version: 1\nrun: x\nfiles: [prompts]\n', 'ev/paddock.yml');
    const [run] = plan(spec, { files: FILES });
    assert.deepEqual(
      filesToCopy(run?.files ?? [], FILES, 'ev').map((f) => f.path),
      ['prompts/a.md', 'prompts/b.md', 'prompts/long.md'],
    );
  });
});

describe('repeat', () => {
  test('every cell N times, together: ids <cell>#k, PADDOCK_RUN and PADDOCK_REPEAT, the cell kept', () => {
    const runs = planOf('  model: [a, b]\n', 'repeat: 3\n');
    assert.deepEqual(
      runs.map((r) => [r.id, r.cell, r.repetition, r.env.PADDOCK_RUN, r.env.PADDOCK_REPEAT]),
      [
        ['a#1', 'a', 1, 'a#1', '1'],
        ['a#2', 'a', 2, 'a#2', '2'],
        ['a#3', 'a', 3, 'a#3', '3'],
        ['b#1', 'b', 1, 'b#1', '1'],
        ['b#2', 'b', 2, 'b#2', '2'],
        ['b#3', 'b', 3, 'b#3', '3'],
      ],
    );
  });

  test('without repeat nothing changes: the run is its own cell, no PADDOCK_REPEAT', () => {
    const [run] = planOf('  model: [a]\n');
    assert.deepEqual(
      [run?.id, run?.cell, run?.repetition, run?.env.PADDOCK_REPEAT],
      ['a', 'a', undefined, undefined],
    );
  });

  test('max-runs counts every repetition', () => {
    assert.throws(
      () => planOf('  model: [a, b, c]\n', 'repeat: 4\nmax-runs: 10\n'),
      /expands to 12 runs \(repeat: 4\), above the maximum of 10/,
    );
  });

  test('a repetition has a sandbox name Docker accepts', () => {
    assert.equal(sandboxName('model-a__x#12'), 'eval-model-a__x.r12');
    assert.equal(sandboxName('a'), 'eval-a');
  });
});

describe('plan', () => {
  const rows: [string, string, string[]][] = [
    [
      'cartesian in axis order, first axis outermost',
      '  model: [a, b]\n  prompt: [x, y]\n',
      ['a__x', 'a__y', 'b__x', 'b__y'],
    ],
    [
      'globs expand sorted, ids use basenames',
      '  prompt: ["prompts/*.md"]\n  model: [m]\n',
      ['a__m', 'b__m', 'long__m'],
    ],
    [
      'exclude matches partially',
      '  model: [a, b]\n  prompt: [x, y]\n  exclude: [{ model: b }]\n',
      ['a__x', 'a__y'],
    ],
    [
      'exclude against glob values by path',
      '  prompt: ["prompts/*.md"]\n  exclude: [{ prompt: prompts/long.md }]\n',
      ['a', 'b'],
    ],
    [
      'include extends matching combos',
      '  model: [a, b]\n  include: [{ model: a, temp: "0.5" }]\n',
      ['a__0.5', 'b'],
    ],
    [
      'include that changes an original value adds a combo',
      '  model: [a]\n  include: [{ model: c }]\n',
      ['a', 'c'],
    ],
    ['only include', '  include: [{ model: a }, { model: b }]\n', ['a', 'b']],
    ['no matrix at all is one run', '  {}\n', ['run']],
    ['unsafe characters are replaced', '  model: ["GPT 4/o:mini", "a__b"]\n', ['gpt-4-o-mini', 'a_b']],
    ['collisions get -2 deterministically', '  model: ["A", "a", "a-2"]\n', ['a', 'a-3', 'a-2']],
  ];
  for (const [name, matrix, ids] of rows) {
    test(name, () =>
      assert.deepEqual(
        planOf(matrix).map((r) => r.id),
        ids,
      ),
    );
  }

  test('exports matrix keys upper-cased, PADDOCK_MATRIX and PADDOCK_RUN; copies matrix files', () => {
    const [run] = planOf(
      '  prompt: ["prompts/a.md"]\n  model-name: [m]\n'.replace('model-name', 'model_name'),
      'files: ["fixtures/**"]\n',
    );
    assert.deepEqual(run?.env, {
      LOG: 'info',
      PROMPT: 'prompts/a.md',
      MODEL_NAME: 'm',
      PADDOCK_MATRIX: '{"prompt":"prompts/a.md","model_name":"m"}',
      PADDOCK_RUN: 'a__m',
    });
    assert.deepEqual(run?.files, ['fixtures/**', 'prompts/a.md']);
  });

  test('a glob matching nothing is an error at its line', () => {
    assert.throws(
      () => planOf('  prompt: ["none/*.md"]\n'),
      (e) => {
        assert.ok(isPaddockError(e, 'SPEC_INVALID'));
        assert.deepEqual(
          e.problems.map((p) => [p.line, p.field]),
          [[5, 'matrix.prompt[0]']],
        );
        return true;
      },
    );
  });

  test('more runs than max-runs is a clear error', () => {
    assert.throws(
      () => planOf('  a: [1, 2, 3]\n  b: [1, 2]\n', 'max-runs: 5\n'),
      /expands to 6 runs, above the maximum of 5/,
    );
    assert.equal(planOf('  a: [1, 2, 3]\n  b: [1, 2]\n', 'max-runs: 6\n').length, 6);
  });

  test('filters: same key ORs, keys AND, id form accepted', () => {
    const m = '  prompt: ["prompts/*.md"]\n  model: [a, b]\n';
    assert.deepEqual(
      planOf(m, '', ['model=b', 'prompt=long', 'prompt=prompts/a.md']).map((r) => r.id),
      ['a__b', 'long__b'],
    );
  });

  test('a filter on an unknown key is rejected loudly', () => {
    assert.throws(
      () => planOf('  model: [a]\n', '', ['modle=a']),
      /Expected `--filter` to be KEY=VALUE with KEY one of model, got 'modle=a'/,
    );
  });
});

describe('applyInclude (GitHub Actions semantics)', () => {
  test('added values may be overwritten by a later include, original values never', () => {
    const base = [
      { os: 'linux', node: '20' },
      { os: 'mac', node: '20' },
    ];
    const out = applyInclude(
      base,
      [{ color: 'green' }, { os: 'mac', color: 'red' }, { os: 'win', node: '20' }],
      new Set(['os', 'node']),
    );
    assert.deepEqual(out, [
      { os: 'linux', node: '20', color: 'green' },
      { os: 'mac', node: '20', color: 'red' },
      { os: 'win', node: '20' },
    ]);
  });
});

describe('run ids', () => {
  test('long ids are cut with a hash so they stay unique', () => {
    const id = runId({ a: 'x'.repeat(200) }, ['a'], new Set());
    assert.equal(id.length, 100);
    assert.notEqual(id, runId({ a: `${'x'.repeat(199)}y` }, ['a'], new Set()));
  });
  test('uniqueIds keeps the first and skips taken suffixes', () => {
    assert.deepEqual(uniqueIds(['a', 'a', 'a-2', 'a']), ['a', 'a-3', 'a-2', 'a-4']);
  });
});
