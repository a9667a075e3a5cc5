import type { Command } from 'commander';
import { plural } from '../../common/plural.js';
import { checkCount } from '../../eval/index.js';
import { selectRuns } from '../../eval/select.js';
import { formatShard, parseShard, type Shard } from '../../eval/shard.js';
import { type OutputFormat, option, parseOutput } from '../flags.js';
import { table } from '../output.js';

interface EvalPlanFlags {
  filter: string[];
  maxRuns?: number;
  shard?: Shard;
  output: OutputFormat;
}

/** `paddock eval plan`: the runs `eval run` would make (with `--shard`, the runs of one shard), nothing started. */
export function registerEvalPlan(evalCommand: Command): void {
  evalCommand
    .command('plan')
    .description('List the runs an eval would make (no sandbox, no gateway)')
    .argument('[spec]', 'the eval spec', 'paddock.yml')
    .option(
      '-f, --filter <key=value>',
      'only runs whose matrix KEY is VALUE (repeatable)',
      (v: string, prev: string[] = []) => [...prev, v],
      [],
    )
    .option(
      '--max-runs <n>',
      "largest matrix allowed (default: the spec's max-runs, else 256)",
      option((v: string) => checkCount('--max-runs', /^\d+$/.test(v) ? Number(v) : v)),
    )
    .option('--shard <k/n>', 'only the runs of shard K of N', option(parseShard))
    .option('-o, --output <format>', 'table or json', option(parseOutput), 'table')
    .addHelpText('after', '\nExamples:\n  paddock eval plan\n  paddock eval plan --shard 2/4 -o json\n')
    .action(async (spec: string, flags: EvalPlanFlags) => {
      const {
        spec: parsed,
        planned,
        runs,
      } = await selectRuns({
        spec,
        filters: flags.filter,
        ...(flags.maxRuns ? { maxRuns: flags.maxRuns } : {}),
        ...(flags.shard ? { shard: flags.shard } : {}),
      });
      if (flags.output === 'json') {
        const body = {
          spec: parsed.file,
          shard: flags.shard ?? null,
          planned: planned.length,
          runs: runs.map((r) => ({ id: r.id, matrix: r.matrix })),
        };
        process.stdout.write(`${JSON.stringify(body, null, 2)}\n`);
        return;
      }
      const keys = [...new Set(runs.flatMap((r) => Object.keys(r.matrix)))];
      const rows = runs.map((r) => [r.id, ...keys.map((k) => r.matrix[k] ?? '')]);
      process.stdout.write(table(['RUN', ...keys.map((k) => k.toUpperCase())], rows));
      const which = flags.shard ? ` in shard ${formatShard(flags.shard)}` : '';
      process.stderr.write(`${runs.length} of ${plural(planned.length, 'run')}${which}\n`);
    });
}
