import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { InvalidArgumentError } from 'commander';
import { isPaddockError } from '../common/errors.js';
import {
  option,
  parseAddHost,
  parseCopyFlag,
  parseCpus,
  parseDuration,
  parseEnvFlag,
  parseMemory,
  parseName,
  parseOutput,
  parseUpstreamDns,
  parseVolumeFlag,
} from './flags.js';

type Row<T> = [input: string, expected: T];

function accepts<T>(name: string, parse: (v: string) => T, rows: Row<T>[]): void {
  for (const [input, expected] of rows) {
    test(`${name} reads ${JSON.stringify(input)}`, () => assert.deepEqual(parse(input), expected));
  }
}

function rejects(
  name: string,
  parse: (v: string) => unknown,
  rows: [input: string, mentions: RegExp][],
): void {
  for (const [input, mentions] of rows) {
    test(`${name} rejects ${JSON.stringify(input)}`, () =>
      assert.throws(
        () => parse(input),
        (e) => isPaddockError(e, 'INPUT_INVALID') && mentions.test(e.message),
      ));
  }
}

describe('--env', () => {
  accepts('parseEnvFlag', parseEnvFlag, [
    ['A=1', ['A', '1']],
    ['LOG_LEVEL=debug', ['LOG_LEVEL', 'debug']],
    ['EMPTY=', ['EMPTY', '']],
    ['URL=http://x/?a=b', ['URL', 'http://x/?a=b']],
    ['_x9=  spaced ', ['_x9', '  spaced ']],
  ]);
  rejects('parseEnvFlag', parseEnvFlag, [
    ['NOEQUALS', /KEY=VALUE/],
    ['=value', /variable name/],
    ['1A=x', /variable name/],
    ['A-B=x', /variable name/],
    ['A=x\0y', /NUL/],
  ]);
});

describe('--volume', () => {
  accepts('parseVolumeFlag', parseVolumeFlag, [
    ['work:/work', { name: 'work', path: '/work', readOnly: false }],
    ['plans:/plans:ro', { name: 'plans', path: '/plans', readOnly: true }],
    ['plans:/plans:rw', { name: 'plans', path: '/plans', readOnly: false }],
    ['a.b-c_1:/data/x/', { name: 'a.b-c_1', path: '/data/x', readOnly: false }],
  ]);
  rejects('parseVolumeFlag', parseVolumeFlag, [
    ['/abs:/x', /host path; only named volumes/],
    ['./rel:/x', /host path/],
    ['~/home:/x', /host path/],
    ['work', /NAME:\/path/],
    ['work:relative', /absolute path/],
    ['work:/a/../etc', /\.\./],
    ['work:/x:rx', /ro or rw/],
    ['work:/x:ro:extra', /NAME:\/path/],
    ['bad name:/x', /volume name/],
  ]);
});

describe('durations', () => {
  accepts('parseDuration', parseDuration, [
    ['500ms', 500],
    ['30s', 30_000],
    ['10m', 600_000],
    ['1h', 3_600_000],
    ['1.5m', 90_000],
    ['1h30m', 5_400_000],
  ]);
  rejects('parseDuration', parseDuration, [
    ['abc', /duration/],
    ['90', /add a unit: 90s/],
    ['0s', /above 0/],
    ['-5s', /duration/],
    ['10d', /duration/],
    ['', /duration/],
  ]);
});

describe('--cpus and --memory', () => {
  accepts('parseCpus', parseCpus, [
    ['1', 1],
    ['0.5', 0.5],
    ['2.25', 2.25],
  ]);
  rejects('parseCpus', parseCpus, [
    ['abc', /number of CPUs/],
    ['0', /above 0/],
    ['-1', /number of CPUs/],
    ['1e3', /number of CPUs/],
  ]);
  accepts('parseMemory', parseMemory, [
    ['512m', 512 * 1024 ** 2],
    ['1g', 1024 ** 3],
    ['1.5GiB', 1.5 * 1024 ** 3],
    ['268435456', 268435456],
    ['65536k', 64 * 1024 ** 2],
    ['256MB', 256 * 1024 ** 2],
  ]);
  rejects('parseMemory', parseMemory, [
    ['lots', /memory size/],
    ['1t', /memory size/],
    ['1k', /at least 6m/],
    ['', /memory size/],
  ]);
});

describe('names, output, gateway flags', () => {
  accepts('parseName', parseName, [
    ['planner', 'planner'],
    ['agent-1.b_2', 'agent-1.b_2'],
  ]);
  rejects('parseName', parseName, [
    ['-lead', /name/],
    ['has space', /name/],
    ['a/b', /name/],
    ['x'.repeat(64), /at most 63/],
  ]);
  accepts('parseOutput', parseOutput, [
    ['table', 'table'],
    ['json', 'json'],
  ]);
  rejects('parseOutput', parseOutput, [
    ['yaml', /table or json/],
    ['JSON', /table or json/],
  ]);
  accepts('parseAddHost', parseAddHost, [
    ['api.internal.test=127.0.0.1', ['api.internal.test', '127.0.0.1']],
    ['Mirror.Test.=10.0.0.5', ['mirror.test', '10.0.0.5']],
    ['v6.test=::1', ['v6.test', '::1']],
  ]);
  rejects('parseAddHost', parseAddHost, [
    ['api.test', /NAME=IP/],
    ['api.test=notanip', /IP address/],
    ['bad host=127.0.0.1', /host name/],
  ]);
  accepts('parseUpstreamDns', parseUpstreamDns, [
    ['127.0.0.1', '127.0.0.1:53'],
    ['127.0.0.1:5353', '127.0.0.1:5353'],
    ['::1', '[::1]:53'],
    ['[::1]:5353', '[::1]:5353'],
  ]);
  rejects('parseUpstreamDns', parseUpstreamDns, [
    ['dns.test', /IP address/],
    ['127.0.0.1:0', /port/],
    ['127.0.0.1:99999', /port/],
    ['127.0.0.1:x', /IP address|port/],
  ]);
});

describe('option()', () => {
  test('turns an input error into commander InvalidArgumentError so the flag is named', () => {
    assert.throws(() => option(parseCpus)('abc'), InvalidArgumentError);
  });
  test('collects repeated values in order', () => {
    const collect = option(parseEnvFlag, true);
    assert.deepEqual(collect('B=2', collect('A=1')), [
      ['A', '1'],
      ['B', '2'],
    ]);
  });
});

describe('--copy', () => {
  const at = (v: string) => parseCopyFlag(v, '/w');
  accepts('parseCopyFlag', at, [
    ['./server', { hostPath: '/w/server', path: 'server' }],
    [
      '/tmp/mcp/node_modules:mcp/node_modules',
      { hostPath: '/tmp/mcp/node_modules', path: 'mcp/node_modules' },
    ],
    ['a.json:/sandbox/in/a.json', { hostPath: '/w/a.json', path: 'in/a.json' }],
    ['dir/:x/', { hostPath: '/w/dir/', path: 'x' }],
  ]);
  rejects('parseCopyFlag', at, [
    ['x:/etc/passwd', /relative to \/sandbox/],
    ['x:../up', /without \.\./],
    ['', /HOST_PATH/],
  ]);
});
