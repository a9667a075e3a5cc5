// Shard results directories on disk, as `eval run --shard K/N` writes them (fabricated, for merge tests).
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EgressEvent } from '../../src/common/event.js';
import type { Results, RunResult } from '../../src/eval/results.js';
import { assignShards } from '../../src/eval/shard.js';
import { jsonl, totals } from '../../src/eval/write.js';
import { denyEvent, results, runResult } from './fixture.js';

/** `n` runs of a two-axis matrix in plan order; every third one made a denied connection. */
export function matrixRuns(n: number): RunResult[] {
  return Array.from({ length: n }, (_, i) => {
    const id = `m${i % 4}__p${Math.floor(i / 4)}`;
    return runResult(id, i % 3 === 0 ? 'egress' : 'passed', {
      matrix: { model: `m${i % 4}`, prompt: `p${Math.floor(i / 4)}` },
      outputs: ['result.json'],
    });
  });
}

export const eventsOf = (runs: readonly RunResult[]): EgressEvent[] =>
  runs.flatMap((r, i) =>
    r.status === 'egress'
      ? [denyEvent({ run: r.id, sandbox: r.sandbox, time: `2026-01-01T00:00:0${i % 10}.000Z` })]
      : [
          denyEvent({
            action: 'allow',
            run: r.id,
            sandbox: r.sandbox,
            host: 'api.test',
            time: `2026-01-01T00:00:0${i % 10}.500Z`,
          }),
        ],
  );

/** Write a results directory: results.json, egress.jsonl and runs/<id>/{run.json,stdout.log,out/result.json}. */
export async function writeSet(dir: string, set: Results, events: readonly EgressEvent[]): Promise<string> {
  await mkdir(join(dir, 'runs'), { recursive: true });
  for (const run of set.runs) {
    await mkdir(join(dir, run.paths.out), { recursive: true });
    await writeFile(join(dir, run.paths.dir, 'run.json'), JSON.stringify(run));
    await writeFile(join(dir, run.paths.stdout), `stdout of ${run.id}\n`);
    await writeFile(join(dir, run.paths.out, 'result.json'), `{"run":"${run.id}"}`);
  }
  await writeFile(join(dir, 'egress.jsonl'), jsonl(events));
  await writeFile(join(dir, 'results.json'), JSON.stringify(set, null, 2));
  return dir;
}

/** The whole matrix as one results set, and the same split into `count` shard directories under a temp folder. */
export async function shardDirs(
  n: number,
  count: number,
  change: (index: number, set: Results) => Results = (_, s) => s,
): Promise<{ root: string; whole: Results; events: EgressEvent[]; dirs: string[] }> {
  const runs = matrixRuns(n);
  const plan = runs.map((r) => r.id);
  const events = eventsOf(runs);
  const header = { spec: { file: 'paddock.yml', name: 'demo', digest: 'abc123' } };
  const whole = results(runs, header);
  const root = await mkdtemp(join(tmpdir(), 'paddock-shards-'));
  const assigned = assignShards(plan, count);
  const dirs: string[] = [];
  for (let index = 1; index <= count; index++) {
    const part = runs.filter((r) => assigned.get(r.id) === index);
    const set = change(index, {
      ...results(part, { ...header, session: `s-${index}` }),
      totals: totals(part),
      shard: { index, count, plan },
    });
    const ids = new Set(part.map((r) => r.id));
    dirs.push(
      await writeSet(
        join(root, `shard-${index}`),
        set,
        events.filter((e) => e.run !== null && ids.has(e.run)),
      ),
    );
  }
  return { root, whole: { ...whole, totals: totals(runs) }, events, dirs };
}
