import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { type InputName, parseInputs } from '../../src/action/inputs.js';
import { fileState, parseState } from '../../src/action/state.js';
import { isPaddockError } from '../../src/common/errors.js';

const read = (given: Partial<Record<InputName, string>>) => (name: InputName) => given[name] ?? '';

describe('parseInputs', () => {
  test('empty inputs take the action.yml defaults', () => {
    assert.deepEqual(parseInputs(read({})), {
      spec: 'paddock.yml',
      concurrency: undefined,
      'results-dir': 'paddock-results',
      'fail-on-egress': true,
      policy: undefined,
      image: undefined,
      summary: true,
      'pr-comment': false,
      'github-token': '',
      shard: undefined,
      merge: undefined,
      'allow-missing-shards': false,
      credentials: [],
    });
  });

  const good: [Partial<Record<InputName, string>>, Partial<ReturnType<typeof parseInputs>>][] = [
    [{ concurrency: '8' }, { concurrency: 8 }],
    [{ concurrency: ' 256 ' }, { concurrency: 256 }],
    [{ 'fail-on-egress': 'False' }, { 'fail-on-egress': false }],
    [
      { summary: 'FALSE', 'pr-comment': 'True' },
      { summary: false, 'pr-comment': true },
    ],
    [
      { policy: ' strict ', image: 'node:22' },
      { policy: 'strict', image: 'node:22' },
    ],
    [
      { spec: 'evals/a.yml', 'results-dir': 'out' },
      { spec: 'evals/a.yml', 'results-dir': 'out' },
    ],
  ];
  for (const [given, expected] of good) {
    test(`accepts ${JSON.stringify(given)}`, () => {
      const inputs = parseInputs(read(given));
      for (const [key, value] of Object.entries(expected)) assert.equal(inputs[key as InputName], value);
    });
  }

  const modes: [Partial<Record<InputName, string>>, Partial<ReturnType<typeof parseInputs>>][] = [
    [{ shard: '2/4' }, { shard: { index: 2, count: 4 }, merge: undefined }],
    [{ shard: ' 1 / 1 ' }, { shard: { index: 1, count: 1 } }],
    [{ merge: ' shards/* ' }, { merge: 'shards/*', shard: undefined, 'allow-missing-shards': false }],
    [
      { merge: 'shards/*', 'allow-missing-shards': 'true' },
      { merge: 'shards/*', 'allow-missing-shards': true },
    ],
    [
      { credentials: 'ANTHROPIC_API_KEY\n\n# mirror\nMY_TOKEN = api.internal.test, *.corp.test\n' },
      {
        credentials: [
          { name: 'ANTHROPIC_API_KEY' },
          { name: 'MY_TOKEN', hosts: ['api.internal.test', '*.corp.test'] },
        ],
      },
    ],
  ];
  for (const [given, expected] of modes) {
    test(`accepts ${JSON.stringify(given)}`, () => {
      const inputs = parseInputs(read(given));
      for (const [key, value] of Object.entries(expected)) assert.deepEqual(inputs[key as InputName], value);
    });
  }

  const bad: [Partial<Record<InputName, string>>, string][] = [
    [{ concurrency: '0' }, `Input 'concurrency': expected a whole number from 1 to 256, got "0"`],
    [{ concurrency: '-1' }, `Input 'concurrency': expected a whole number from 1 to 256, got "-1"`],
    [{ concurrency: '1.5' }, `Input 'concurrency': expected a whole number from 1 to 256, got "1.5"`],
    [{ concurrency: '257' }, `Input 'concurrency': expected a whole number from 1 to 256, got "257"`],
    [{ concurrency: '1e3' }, `Input 'concurrency': expected a whole number from 1 to 256, got "1e3"`],
    [
      { 'fail-on-egress': 'yes' },
      `Input 'fail-on-egress': expected true or false (a YAML boolean), got "yes"`,
    ],
    [{ summary: 'tRuE' }, `Input 'summary': expected true or false (a YAML boolean), got "tRuE"`],
    [{ 'pr-comment': '0' }, `Input 'pr-comment': expected true or false (a YAML boolean), got "0"`],
    [{ shard: '5/4' }, `Input 'shard': Expected a shard as K/N with 1 ≤ K ≤ N ≤ 256 (e.g. 2/4), got "5/4"`],
    [{ shard: '2' }, `Input 'shard': Expected a shard as K/N with 1 ≤ K ≤ N ≤ 256 (e.g. 2/4), got "2"`],
    [
      { shard: '1/2', merge: 'shards/*' },
      "Inputs 'shard' and 'merge' exclude each other: a job runs a shard or merges them",
    ],
    [
      { merge: 'x', 'allow-missing-shards': 'yes' },
      `Input 'allow-missing-shards': expected true or false (a YAML boolean), got "yes"`,
    ],
    [{ credentials: 'BAD-NAME' }, "Input 'credentials': expected NAME[=HOST,…], got 'BAD-NAME'"],
    [{ credentials: 'TOKEN=' }, "Input 'credentials': 'TOKEN=': expected host names after ="],
    [
      { credentials: 'TOKEN=a b' },
      "Input 'credentials': 'TOKEN=a b': expected a host name or *.domain, got 'a b'",
    ],
  ];
  for (const [given, message] of bad) {
    test(`rejects ${JSON.stringify(given)} with INPUT_INVALID`, () => {
      assert.throws(
        () => parseInputs(read(given)),
        (error) => isPaddockError(error, 'INPUT_INVALID') && error.message === message,
      );
    });
  }
});

describe('SessionState', () => {
  const state = { sessionId: 'gha-1', gatewayPid: 42, stateDir: '/tmp/s', resultsDir: '/w/r' };
  const rows: [string, unknown][] = [
    ['', null],
    ['not json', null],
    ['{"sessionId":""}', null],
    [JSON.stringify({ ...state, gatewayPid: -1 }), null],
    [JSON.stringify({ ...state, extra: 'x' }), state],
    [JSON.stringify({ ...state, gatewayPid: null }), { ...state, gatewayPid: null }],
  ];
  for (const [text, expected] of rows) {
    test(`parseState(${JSON.stringify(text).slice(0, 40)})`, () =>
      assert.deepEqual(parseState(text), expected));
  }

  test('the file store round-trips and reads a missing file as nothing saved', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'paddock-state-')), 'state.json');
    const store = fileState(path);
    assert.equal(await store.load(), null);
    await store.save(state);
    assert.deepEqual(await store.load(), state);
  });
});
