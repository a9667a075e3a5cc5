import type { Command } from 'commander';
import { EXIT } from '../../common/errors.js';
import { plural } from '../../common/plural.js';
import { mergeResults, suggestionFor, writeReports } from '../../report/index.js';

interface MergeFlags {
  results: string;
  allowMissing: boolean;
}

/** `paddock report merge`: rebuild one results directory (and its reports) from the shards of an eval. */
export function registerReport(program: Command): void {
  const report = program.command('report').description('Work with results directories');
  report
    .command('merge')
    .description(
      'Merge the results directories of eval shards into one, as one unsharded eval would have written it',
    )
    .argument('<dirs...>', "the shards' results directories")
    .requiredOption('-r, --results <dir>', 'where the merged results go')
    .option('--allow-missing', 'merge even when shards are missing (the reports say which runs)', false)
    .addHelpText(
      'after',
      '\nRefuses shards of different specs, overlapping shards and (without --allow-missing) missing ones.\n' +
        'Exit status: 0 when every merged run met its expectation, 1 when some did not, 3 when the shards cannot be merged.\n\n' +
        'Example:\n  paddock report merge shards/shard-* --results paddock-results\n',
    )
    .action(async (dirs: string[], flags: MergeFlags) => {
      const { results, events } = await mergeResults({
        dirs,
        out: flags.results,
        allowMissing: flags.allowMissing,
      });
      await writeReports(flags.results, results, events, await suggestionFor(results, events));
      const t = results.totals;
      const m = results.merge;
      const missing = m && m.missingRuns.length > 0 ? `; ${plural(m.missingRuns.length, 'run')} missing` : '';
      process.stdout.write(
        `merged ${dirs.length} shard(s): ${t.passed}/${t.total} passed, ${t.failed} not, ${t.denied} denied egress decision(s)${missing}; results in ${flags.results}/\n`,
      );
      process.exitCode = t.failed === 0 ? EXIT.ok : EXIT.failed;
    });
}
