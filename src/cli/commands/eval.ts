import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Command } from 'commander';
import { EXIT, errorMessage, exitForSignal, formatProblem } from '../../common/errors.js';
import { escapeText } from '../../common/event.js';
import { plural } from '../../common/plural.js';
import { failing, formatRate } from '../../eval/cells.js';
import { checkCount, formatDuration, runEval } from '../../eval/index.js';
import { parseShard, type Shard } from '../../eval/shard.js';
import { readEvents, setupLine, suggestionFor, writeReports } from '../../report/index.js';
import { type OutputFormat, option, parseOutput } from '../flags.js';
import { jsonText, table } from '../output.js';
import { type CliSession, type GlobalOptions, sessionFrom, stateRoot } from '../session.js';
import { registerEvalPlan } from './eval-plan.js';

interface EvalRunFlags {
  concurrency?: number;
  results: string;
  failOnEgress: boolean;
  filter: string[];
  policy?: string;
  image?: string;
  maxRuns?: number;
  output: OutputFormat;
  shard?: Shard;
}

const count = (name: string) =>
  option((value: string) => checkCount(name, /^\d+$/.test(value) ? Number(value) : value));

/** `paddock eval run`: run an eval spec's matrix in parallel sandboxes behind the gateway. */
export function registerEval(program: Command): void {
  const evalCommand = program.command('eval').description('Run eval matrices in sandboxes');
  evalCommand
    .command('run')
    .description("Run every combination of the spec's matrix, each in its own fenced sandbox")
    .argument('[spec]', 'the eval spec', 'paddock.yml')
    .option(
      '-c, --concurrency <n>',
      "runs at once (default: the spec's, else 2 × CPUs, at most 16)",
      count('--concurrency'),
    )
    .option('-r, --results <dir>', 'results directory', 'paddock-results')
    .option('--fail-on-egress', 'unexpected denied egress fails the run', true)
    .option('--no-fail-on-egress', 'record unexpected egress without failing runs')
    .option(
      '-f, --filter <key=value>',
      'only runs whose matrix KEY is VALUE (repeatable)',
      (v: string, prev: string[] = []) => [...prev, v],
      [],
    )
    .option('--policy <policy>', "policy path (relative to here) or shipped name, replacing the spec's")
    .option(
      '-o, --output <format>',
      'the results summary as a table or as json (results.json)',
      option(parseOutput),
      'table',
    )
    .option('--image <image>', "image, replacing the spec's")
    .option(
      '--max-runs <n>',
      "largest matrix allowed (default: the spec's max-runs, else 256)",
      count('--max-runs'),
    )
    .option(
      '--shard <k/n>',
      'run only shard K of N (by run id; merge with `paddock report merge`)',
      option(parseShard),
    )
    .addHelpText(
      'after',
      '\nExit status: 0 when every run met its expectation, 1 when some did not, 3 bad input,\n' +
        '4 engine, 5 gateway, 130/143 interrupted/terminated (results so far are still written).\n\n' +
        'Examples:\n  paddock eval run\n  paddock eval run examples/quickstart/paddock.yml --concurrency 4\n' +
        '  paddock eval run --filter model=model-a --filter prompt=short --no-fail-on-egress\n' +
        '  paddock eval run --shard 2/4 --results paddock-results/shard-2\n',
    )
    .action(async (spec: string, flags: EvalRunFlags, cmd: Command) => {
      // An eval gets its own session (gateway, network, state folder) unless --session / PADDOCK_SESSION names
      // one; in a named session it adds its sandboxes and removes only those.
      const named =
        (cmd.optsWithGlobals() as GlobalOptions).session ?? (process.env.PADDOCK_SESSION || undefined);
      const session = named ? sessionFrom(named) : ownSession();
      process.exitCode = await evalRun(spec, flags, session, named !== undefined);
    });
  registerEvalPlan(evalCommand);
}

/** A new session for one eval: a fresh id, and a state folder of its own (never PADDOCK_STATE_DIR's). */
function ownSession(): CliSession {
  const id = `eval-${randomBytes(3).toString('hex')}`;
  return { id, stateDir: join(stateRoot(), id) };
}

async function evalRun(
  spec: string,
  flags: EvalRunFlags,
  session: CliSession,
  shared: boolean,
): Promise<number> {
  const controller = new AbortController();
  let signalled: NodeJS.Signals | undefined;
  const stop = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted) process.exit(exitForSignal(signalled));
    signalled = signal;
    process.stderr.write(`\npaddock: ${signal}: stopping runs, writing results, pruning (again to force)\n`);
    controller.abort(new Error(signal));
  };
  process.on('SIGINT', stop).on('SIGTERM', stop);
  const tty = process.stderr.isTTY === true;
  try {
    const results = await runEval({
      spec,
      resultsDir: flags.results,
      failOnEgress: flags.failOnEgress,
      filters: flags.filter,
      ...(flags.concurrency ? { concurrency: flags.concurrency } : {}),
      ...(flags.policy ? { policy: flags.policy } : {}),
      ...(flags.image ? { image: flags.image } : {}),
      ...(flags.maxRuns ? { maxRuns: flags.maxRuns } : {}),
      ...(flags.shard ? { shard: flags.shard } : {}),
      sessionId: session.id,
      stateDir: session.stateDir,
      sharedSession: shared,
      signal: controller.signal,
      color: tty,
      progressEveryMs: tty ? 15_000 : 30_000,
      log: {
        info: (line) => process.stderr.write(`${line}\n`),
        warning: (line, where) =>
          process.stderr.write(
            `paddock: warning: ${where ? formatProblem({ ...where, message: line }) : line}\n`,
          ),
      },
    });
    try {
      const events = await readEvents(flags.results);
      const suggestion = await suggestionFor(results, events).catch((error: unknown) => {
        process.stderr.write(`paddock: warning: no policy suggestion: ${errorMessage(error)}\n`);
        return null;
      });
      const { paths } = await writeReports(flags.results, results, events, suggestion);
      if (paths.suggestion)
        process.stderr.write(`paddock: a policy that allows what was denied: ${paths.suggestion}\n`);
    } catch (error) {
      process.stderr.write(`paddock: warning: reports not written: ${errorMessage(error)}\n`);
    }
    const code = controller.signal.aborted
      ? exitForSignal(signalled)
      : failing(results) === 0
        ? EXIT.ok
        : EXIT.failed;
    if (flags.output === 'json') {
      process.stdout.write(`${jsonText(results, 2)}\n`);
      return code;
    }
    // SCORE when verify scored a run.
    const scored = results.runs.some((r) => r.score !== undefined);
    const rows = results.runs.map((r) => [
      r.id,
      r.status,
      r.exitCode === null ? '-' : String(r.exitCode),
      formatDuration(Math.round(r.durationMs / 100) * 100),
      String(r.denials + (r.expectedDenials ?? 0)),
      ...(scored ? [r.score === undefined ? '-' : formatRate(r.score)] : []),
      r.reason,
    ]);
    const head = ['RUN', 'STATUS', 'EXIT', 'TIME', 'DENIED', ...(scored ? ['SCORE'] : []), 'REASON'];
    process.stdout.write(table(head, rows));
    if (results.cells) {
      const rate = formatRate(results.requiredPassRate ?? 1);
      const cells = results.cells.map((c) => [
        c.id,
        `${c.passed}/${c.total}`,
        formatRate(c.passRate),
        c.status,
      ]);
      process.stdout.write(`\n${table(['CELL', 'PASSED', `PASS RATE (need ${rate})`, 'STATUS'], cells)}`);
    }
    const t = results.totals;
    if (results.setup) process.stdout.write(`\n${escapeText(setupLine(results.setup))}\n`);
    process.stdout.write(
      `\n${t.passed}/${t.total} passed, ${t.failed} not, ${plural(t.denied, 'denied egress decision')} in ` +
        `${formatDuration(Math.round(results.durationMs / 100) * 100)}; results in ${flags.results}/\n`,
    );
    return code;
  } finally {
    process.off('SIGINT', stop).off('SIGTERM', stop);
  }
}
