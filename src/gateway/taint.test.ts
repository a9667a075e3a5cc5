import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fromWritable, splitOptions, taintOf } from './taint.js';

const W = ['/sandbox', '/tmp', '/dev/shm'];
const env = (vars: Record<string, string>) =>
  Object.entries(vars)
    .map(([k, v]) => `${k}=${v}\0`)
    .join('');
const facts = (over: { environ?: string; maps?: string[]; status?: string } = {}) => ({
  exe: '/usr/bin/node',
  environ: over.environ ?? env({ HOME: '/sandbox', PATH: '/usr/bin' }),
  maps: ['5600-5700 r-xp 00000000 08:01 10 /usr/bin/node', ...(over.maps ?? [])].join('\n'),
  status: over.status ?? 'Name:\tnode\nTracerPid:\t0\n',
});

describe('taintOf', () => {
  const rows: [string, Parameters<typeof facts>[0], string[]][] = [
    ['a clean process', {}, []],
    [
      'LD_PRELOAD from /sandbox',
      { environ: env({ LD_PRELOAD: '/sandbox/x.so' }) },
      ['LD_PRELOAD=/sandbox/x.so'],
    ],
    ['LD_PRELOAD from a system path', { environ: env({ LD_PRELOAD: '/usr/lib/libjemalloc.so' }) }, []],
    [
      'LD_PRELOAD list split on spaces and colons',
      { environ: env({ LD_PRELOAD: '/usr/lib/a.so /tmp/b.so:/usr/lib/c.so' }) },
      ['LD_PRELOAD=/tmp/b.so'],
    ],
    [
      'LD_PRELOAD through /proc/self/fd (a memfd)',
      { environ: env({ LD_PRELOAD: '/proc/self/fd/3' }) },
      ['LD_PRELOAD=/proc/self/fd/3'],
    ],
    [
      'LD_PRELOAD with .. into /sandbox',
      { environ: env({ LD_PRELOAD: '/usr/../sandbox/x.so' }) },
      ['LD_PRELOAD=/usr/../sandbox/x.so'],
    ],
    ['LD_PRELOAD relative', { environ: env({ LD_PRELOAD: './x.so' }) }, ['LD_PRELOAD=./x.so']],
    ['LD_AUDIT from /dev/shm', { environ: env({ LD_AUDIT: '/dev/shm/a.so' }) }, ['LD_AUDIT=/dev/shm/a.so']],
    [
      'LD_LIBRARY_PATH with the working directory',
      { environ: env({ LD_LIBRARY_PATH: ':/usr/lib' }) },
      ['LD_LIBRARY_PATH=:/usr/lib'],
    ],
    [
      'NODE_OPTIONS --require from /tmp',
      { environ: env({ NODE_OPTIONS: '--require /tmp/x.js' }) },
      ['NODE_OPTIONS --require /tmp/x.js'],
    ],
    ['NODE_OPTIONS -r=relative', { environ: env({ NODE_OPTIONS: '-r=./x.js' }) }, ['NODE_OPTIONS -r ./x.js']],
    [
      'NODE_OPTIONS --import a bare package (resolved from the cwd)',
      { environ: env({ NODE_OPTIONS: '--import tsx' }) },
      ['NODE_OPTIONS --import tsx'],
    ],
    [
      'NODE_OPTIONS --import file URL in /sandbox',
      { environ: env({ NODE_OPTIONS: '--import=file:///sandbox/a%20b.mjs' }) },
      ['NODE_OPTIONS --import file:///sandbox/a%20b.mjs'],
    ],
    [
      'NODE_OPTIONS --require a system file',
      { environ: env({ NODE_OPTIONS: '--max-old-space-size=100 --require /usr/lib/x.js' }) },
      [],
    ],
    [
      'BUN_OPTIONS --preload from /sandbox',
      { environ: env({ BUN_OPTIONS: '--preload /sandbox/p.ts' }) },
      ['BUN_OPTIONS --preload /sandbox/p.ts'],
    ],
    [
      'an executable mapping of a memfd',
      { maps: ['7f00-7f10 r-xp 00000000 00:01 9 /memfd:jit (deleted)'] },
      ['executable mapping of /memfd:jit (deleted)'],
    ],
    [
      'an executable mapping of /sandbox',
      { maps: ['7f00-7f10 r-xp 00000000 00:01 9 /sandbox/evil lib.so'] },
      ['executable mapping of /sandbox/evil lib.so'],
    ],
    ['a read-only mapping of /sandbox', { maps: ['7f00-7f10 r--p 00000000 00:01 9 /sandbox/data.bin'] }, []],
    [
      'a deleted system library',
      { maps: ['7f00-7f10 r-xp 00000000 08:01 9 /usr/lib/x.so (deleted)'] },
      ['executable mapping of /usr/lib/x.so (deleted)'],
    ],
    [
      'anonymous executable memory (a JIT)',
      { maps: ['7f00-7f10 rwxp 00000000 00:00 0 ', '7f00-7f10 r-xp 00000000 00:00 0 [vdso]'] },
      [],
    ],
    ['a tracer', { status: 'Name:\tnode\nTracerPid:\t77\n' }, ['traced by pid 77']],
  ];
  for (const [name, over, want] of rows) test(name, () => assert.deepEqual(taintOf(facts(over), W), want));

  test("the exe's own mapping is judged by the binary rule, not as taint", () => {
    const f = {
      ...facts(),
      exe: '/sandbox/.local/share/claude/versions/1.0',
      maps: '5600-5700 r-xp 0 08:01 1 /sandbox/.local/share/claude/versions/1.0',
    };
    assert.deepEqual(taintOf(f, W), []);
  });
});

describe('fromWritable', () => {
  test('a writable root makes every path writable', () =>
    assert.equal(fromWritable('/usr/lib/x.so', ['/']), true));
  test('a sibling with the same prefix is not inside', () =>
    assert.equal(fromWritable('/sandboxed/x', ['/sandbox']), false));
});

describe('splitOptions', () => {
  test('double quotes group words', () =>
    assert.deepEqual(splitOptions('--require "/tmp/a b.js" --x'), ['--require', '/tmp/a b.js', '--x']));
});
