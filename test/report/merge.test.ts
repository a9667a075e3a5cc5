import assert from 'node:assert/strict';
import { appendFile, mkdir, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { isPaddockError } from '../../src/common/errors.js';
import type { Results, SetupResult } from '../../src/eval/results.js';
import { setupPaths } from '../../src/eval/setup-result.js';
import { jsonl } from '../../src/eval/write.js';
import { findResultsDirs, mergeResults, readEvents, summaryMarkdown } from '../../src/report/index.js';
import { denyEvent } from './fixture.js';
import { shardDirs } from './shards.js';

const roots: string[] = [];
after(async () => {
  for (const r of roots) await rm(r, { recursive: true, force: true });
});
async function shards(...args: Parameters<typeof shardDirs>) {
  const s = await shardDirs(...args);
  roots.push(s.root);
  return s;
}
const refused = (pattern: RegExp) => (e: unknown) => {
  assert.ok(isPaddockError(e, 'INPUT_INVALID'), String(e));
  assert.match(`${e.message}\n${e.problems.map((p) => `${p.file}: ${p.message}`).join('\n')}`, pattern);
  return true;
};
const withoutTimes = ({ session, startedAt, finishedAt, durationMs, merge, ...rest }: Results) => rest;

describe('mergeResults', () => {
  test('3 shards of 12 runs merge into the unsharded results: plan order, totals, events in time order, run folders', async () => {
    const { root, whole, events, dirs } = await shards(12, 3);
    const out = join(root, 'merged');
    const { results } = await mergeResults({ dirs, out });
    assert.deepEqual(withoutTimes(results), withoutTimes(whole));
    assert.deepEqual(results.merge, {
      count: 3,
      shards: [1, 2, 3].map((index) => ({ index, session: `s-${index}` })),
      missingShards: [],
      missingRuns: [],
    });
    assert.equal(results.session, 's-1,s-2,s-3');
    const written = JSON.parse(await readFile(join(out, 'results.json'), 'utf8')) as Results;
    assert.deepEqual(written, results);
    const merged = await readEvents(out);
    const line = (e: (typeof events)[number]) => `${e.time} ${e.run}`;
    assert.deepEqual(merged.map(line).sort(), events.map(line).sort(), 'every shard’s events, once');
    assert.deepEqual(
      merged.map((e) => e.time),
      merged.map((e) => e.time).sort(),
      'in time order',
    );
    assert.deepEqual((await readdir(join(out, 'runs'))).sort(), whole.runs.map((r) => r.id).sort());
    assert.equal(
      await readFile(join(out, 'runs', 'm2__p1', 'out', 'result.json'), 'utf8'),
      '{"run":"m2__p1"}',
    );
  });

  test('a shard with 200,000 events merges (they were spread into one call: past the stack)', async () => {
    const { root, events, dirs } = await shards(12, 3);
    const extra = Array.from({ length: 200_000 }, (_, i) =>
      denyEvent({ run: 'm0__p0', time: `2026-01-01T00:01:${String(i % 60).padStart(2, '0')}.000Z` }),
    );
    await appendFile(join(dirs[0] ?? '', 'egress.jsonl'), [...jsonl(extra)].join(''));
    const out = join(root, 'merged');
    await mergeResults({ dirs, out });
    assert.equal((await readEvents(out)).length, events.length + extra.length);
  });

  test('shards that each ran setup merge into one setup record: a failed one first, else the one that built', async () => {
    const setup = (over: Partial<SetupResult>): SetupResult => ({
      status: 'passed',
      image: 'paddock/setup:abc',
      imageId: 'sha256:img',
      key: 'abc',
      cached: true,
      exitCode: null,
      timedOut: false,
      durationMs: 2,
      denials: 0,
      denied: [],
      reason: '',
      paths: setupPaths(),
      ...over,
    });
    const built = setup({ cached: false, exitCode: 0, durationMs: 900 });
    const { root, dirs } = await shards(12, 3, (i, set) => ({ ...set, setup: i === 2 ? built : setup({}) }));
    await mkdir(join(dirs[1] as string, 'setup'), { recursive: true });
    await writeFile(join(dirs[1] as string, 'setup', 'stdout.log'), 'built by shard 2\n');
    const { results } = await mergeResults({ dirs, out: join(root, 'merged') });
    assert.deepEqual(results.setup, built);
    assert.equal(await readFile(join(root, 'merged', 'setup', 'stdout.log'), 'utf8'), 'built by shard 2\n');

    const failed = setup({
      status: 'failed',
      imageId: null,
      cached: false,
      exitCode: 7,
      reason: 'exit code 7',
    });
    const again = await shards(12, 3, (i, set) => ({ ...set, setup: i === 3 ? failed : built }));
    const merged = await mergeResults({ dirs: again.dirs, out: join(again.root, 'merged') });
    assert.deepEqual(merged.results.setup, failed, 'a shard whose setup failed is not hidden');

    const none = await shards(12, 3);
    const plain = await mergeResults({ dirs: none.dirs, out: join(none.root, 'merged') });
    assert.equal(plain.results.setup, undefined);
  });

  test('refuses shards of different specs, naming the one that differs', async () => {
    const { dirs } = await shards(12, 3, (i, s) =>
      i === 2 ? { ...s, spec: { ...s.spec, digest: 'other' } } : s,
    );
    await assert.rejects(
      mergeResults({ dirs, out: join(dirs[0] as string, '..', 'm') }),
      refused(/different evals.*shard-2.*\n.*shard-2\/results.json: ran a different text of paddock.yml/s),
    );
  });

  test('refuses shards split differently (another shard count or matrix)', async () => {
    const a = await shards(12, 3);
    const b = await shards(12, 4);
    await assert.rejects(
      mergeResults({ dirs: [a.dirs[0] as string, b.dirs[1] as string], out: join(a.root, 'm') }),
      refused(/ran 4 shards instead of 3/),
    );
    const c = await shards(8, 3);
    await assert.rejects(
      mergeResults({ dirs: [a.dirs[0] as string, c.dirs[1] as string], out: join(a.root, 'm') }),
      refused(/a different matrix/),
    );
  });

  test('refuses overlapping shards: the same shard twice, or a run where the assignment does not put it', async () => {
    const { root, dirs } = await shards(12, 3);
    await assert.rejects(
      mergeResults({ dirs: [...dirs, dirs[1] as string], out: join(root, 'm') }),
      refused(/overlapping shards.*shard 2\/3 again/s),
    );
    const moved = await shards(12, 3, (i, s) =>
      i === 1 ? { ...s, shard: { ...(s.shard as NonNullable<Results['shard']>), index: 2 } } : s,
    );
    await assert.rejects(
      mergeResults({ dirs: moved.dirs, out: join(moved.root, 'm') }),
      refused(/belongs to shard 1\/3, not 2\/3/),
    );
  });

  test('refuses a missing shard, naming it and its runs; --allow-missing merges and the summary says so', async () => {
    const { root, dirs } = await shards(12, 3);
    const two = [dirs[0] as string, dirs[2] as string];
    await assert.rejects(
      mergeResults({ dirs: two, out: join(root, 'm') }),
      refused(/shard 2\/3 missing \(4 of 12 runs: .*--allow-missing/),
    );
    const { results, events } = await mergeResults({ dirs: two, out: join(root, 'm'), allowMissing: true });
    assert.equal(results.totals.total, 8);
    assert.deepEqual(results.merge?.missingShards, [2]);
    assert.equal(results.merge?.missingRuns.length, 4);
    const summary = summaryMarkdown(results, events, null);
    assert.match(
      summary,
      /Incomplete results.*shard 2\/3 missing; 4 runs of the matrix are not in these totals/,
    );
  });

  test('refuses a run id that is a path, the output folder being a shard, and a non-results file', async () => {
    const { root, dirs } = await shards(4, 2, (i, s) =>
      i === 2 ? { ...s, runs: s.runs.map((r, j) => (j === 0 ? { ...r, id: '../../etc' } : r)) } : s,
    );
    await assert.rejects(
      mergeResults({ dirs, out: join(root, 'm') }),
      refused(/run id that is not a plain name: "..\/..\/etc"/),
    );
    await assert.rejects(mergeResults({ dirs, out: dirs[0] as string }), refused(/shard's own directory/));
    await writeFile(join(root, 'shard-2', 'results.json'), '{"schema":"other"}');
    await assert.rejects(
      mergeResults({ dirs, out: join(root, 'm') }),
      refused(/is not a Paddock results file/),
    );
  });

  test("a shard's setup record naming another folder copies nothing outside the merged results", async () => {
    // Shard artifacts can be edited by anyone (run ids are checked for this): setup.paths.dir is as untrusted.
    const setup: SetupResult = {
      status: 'passed',
      image: 'paddock/setup:abc',
      imageId: 'sha256:img',
      key: 'abc',
      cached: false,
      exitCode: 0,
      timedOut: false,
      durationMs: 2,
      denials: 0,
      denied: [],
      reason: '',
      paths: { ...setupPaths(), dir: '../shard-1/evil' },
    };
    const { root, dirs } = await shards(4, 2, (_, set) => ({ ...set, setup }));
    await mkdir(join(dirs[0] as string, 'evil'), { recursive: true });
    await writeFile(join(dirs[0] as string, 'evil', 'payload.sh'), 'echo pwned\n');
    const out = join(root, 'deeper', 'merged');
    const { results } = await mergeResults({ dirs, out });
    // Copied as `<out>/../shard-1/evil` before: a folder beside the merged results, outside them.
    assert.deepEqual(await readdir(join(root, 'deeper')), ['merged']);
    assert.deepEqual(results.setup?.paths, setupPaths());
  });

  test("a shard's run with markup where a number or a status belongs, or with text that is not text, is refused", async () => {
    // Reports print these fields as they are (they are numbers and known words when Paddock wrote them), and a
    // number where text belongs threw a TypeError while writing the reports.
    const tampered: [string, Record<string, unknown>][] = [
      ['exitCode', { exitCode: '<img src=https://tracker.test/p.png>' }],
      ['denials', { denials: '<img src=https://tracker.test/p.png>' }],
      ['expectedDenials', { expectedDenials: '<img src=https://tracker.test/p.png>' }],
      ['durationMs', { durationMs: '1" onmouseover="alert(1)' }],
      ['score', { score: '<a href=https://evil.test>log in</a>' }],
      ['status', { status: 'passed"><img src=https://tracker.test/p.png>' }],
      [
        'verify.exitCode',
        {
          verify: {
            exitCode: '<img src=x>',
            timedOut: false,
            durationMs: 1,
            denials: 0,
            denied: [],
            paths: {},
          },
        },
      ],
      ['matrix', { matrix: { model: 5, prompt: 'p0' } }],
      ['reason', { reason: null }],
      ['outputs', { outputs: [1] }],
      ['outputsOmitted', { outputsOmitted: '<img src=x>' }],
      ['deniedOmitted', { deniedOmitted: '<img src=x>' }],
      ['outputsRefused', { outputsRefused: { count: '<img src=x>', first: [] } }],
      ['outputsRefused', { outputsRefused: { count: 1, first: [{ path: 'a', reason: 5 }] } }],
      ['sandbox', { sandbox: 5 }],
      ['startedAt', { startedAt: 5 }],
      ['metrics', { score: 0.5, metrics: { a: { b: 1 } } }],
      [
        'denied[0].host',
        { denied: [{ binary: null, host: 5, ip: null, port: 443, layer: 'connect', count: 1 }] },
      ],
      [
        'denied[0].count',
        {
          denied: [
            { binary: null, host: 'a.test', ip: null, port: 443, layer: 'connect', count: '<b>9</b>' },
          ],
        },
      ],
    ];
    for (const [field, over] of tampered) {
      const { root, dirs } = await shards(4, 2, (i, set) =>
        i === 2 ? { ...set, runs: set.runs.map((r, j) => (j === 0 ? { ...r, ...over } : r)) } : set,
      );
      await assert.rejects(
        mergeResults({ dirs, out: join(root, 'm') }),
        refused(new RegExp(`holds a run whose ${field.replace(/[.[\]]/g, '\\$&')} is not`)),
        field,
      );
    }
  });

  test('a shard record with markup for its index is refused (the summary prints it as it is)', async () => {
    // 2 runs in 3 shards: one shard is empty, so no run contradicts its index.
    const index = '<img src=https://tracker.test/p.png>' as unknown as number;
    const { root, dirs } = await shards(2, 3, (_, set) =>
      set.runs.length === 0 && set.shard ? { ...set, shard: { ...set.shard, index } } : set,
    );
    await assert.rejects(
      mergeResults({ dirs, out: join(root, 'm'), allowMissing: true }),
      refused(/has a shard record that is not what Paddock writes/),
    );
  });

  test('links inside a shard’s run folders are not copied', async () => {
    const { root, dirs } = await shards(4, 1);
    await symlink('/etc/passwd', join(dirs[0] as string, 'runs', 'm0__p0', 'out', 'passwd'));
    await mergeResults({ dirs, out: join(root, 'm') });
    assert.deepEqual(await readdir(join(root, 'm', 'runs', 'm0__p0', 'out')), ['result.json']);
  });
});

describe('findResultsDirs', () => {
  test('a glob names the folders that hold a results.json, sorted; none is an error', async () => {
    const { root } = await shards(6, 3);
    await mkdir(join(root, 'shard-9'), { recursive: true });
    assert.deepEqual(await findResultsDirs('shard-*', root), ['shard-1', 'shard-2', 'shard-3']);
    assert.deepEqual(await findResultsDirs(`${root}/shard-[12]/`, '/'), [
      `${root}/shard-1`,
      `${root}/shard-2`,
    ]);
    await assert.rejects(
      findResultsDirs('nothing-*', root),
      refused(/no results directory .* matches "nothing-\*"/),
    );
  });
});
