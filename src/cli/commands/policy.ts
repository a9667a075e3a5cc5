import { type Command, Option } from 'commander';
import { EXIT, formatProblem, isPaddockError, PaddockError, type Problem } from '../../common/errors.js';
import { readEventLog } from '../../common/event.js';
import { plural } from '../../common/plural.js';
import {
  enforcementSummary,
  loadPolicy,
  policyToData,
  policyToYaml,
  suggestPolicy,
} from '../../policy/index.js';
import { parseName } from '../flags.js';
import { sessionOf } from '../session.js';

/** `paddock policy validate|show|suggest` (`set` belongs with the sandbox verbs). */
export function registerPolicy(program: Command): void {
  const policy = program
    .command('policy')
    .description('Validate, show and suggest sandbox policies (OpenShell YAML format)');

  policy
    .command('validate')
    .description('Check policy files; print every error and warning as file:line:col: field: message')
    .argument('<file...>', 'policy files (or shipped names: default, strict, setup)')
    .addHelpText(
      'after',
      '\nExit status 3 when any file is invalid.\n\nExamples:\n  paddock policy validate policy.yaml\n  paddock policy validate policies/*.yaml\n',
    )
    .action(async (files: string[]) => {
      let failed = false;
      for (const file of files) {
        try {
          const { policy: p, warnings } = await loadPolicy(file);
          printWarnings(warnings);
          process.stdout.write(`${file}: valid (${p.network_policies.length} network policies)\n`);
        } catch (error) {
          if (!isPaddockError(error, 'POLICY_INVALID')) throw error;
          failed = true;
          if (error.problems.length === 0) process.stderr.write(`paddock: ${error.message}\n`);
          for (const p of error.problems) process.stderr.write(`${formatProblem(p)}\n`);
        }
      }
      if (failed) process.exitCode = EXIT.invalidInput;
    });

  policy
    .command('show')
    .description('Print the effective policy (after `extends`) and what Paddock enforces of it')
    .argument('[policy]', 'a policy file or a shipped name', 'default')
    .addOption(
      new Option('-o, --output <format>', 'yaml (table is the same) or json')
        .choices(['yaml', 'table', 'json'])
        .default('yaml'),
    )
    .option('--sandbox <name>', "a running sandbox's policy, with what each binary path resolved to in it")
    .addHelpText(
      'after',
      '\nExamples:\n  paddock policy show                 # the default policy\n  paddock policy show strict\n  paddock policy show my-policy.yaml -o json\n  paddock policy show --sandbox agent  # as the gateway enforces it in sandbox agent\n',
    )
    .action(
      async (ref: string, opts: { output: 'yaml' | 'table' | 'json'; sandbox?: string }, cmd: Command) => {
        if (opts.sandbox !== undefined) {
          const { showSandboxPolicy } = await import('./policy-sandbox.js');
          return showSandboxPolicy(
            sessionOf(cmd),
            parseName(opts.sandbox),
            opts.output === 'json' ? 'json' : 'yaml',
          );
        }
        const { policy: p, warnings } = await loadPolicy(ref);
        const summary = enforcementSummary(p);
        if (opts.output === 'json') {
          const out = { source: p.source, policy: policyToData(p), ...summary, warnings };
          process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
          return;
        }
        printWarnings(warnings);
        const lines = [
          `# Effective policy from ${p.source}${ref !== p.source ? ` (${ref})` : ''}, after extends.`,
          '# Enforced by Paddock:',
          ...summary.enforced.map((s) => `#   - ${s}`),
          '# Not enforced:',
          ...summary.notEnforced.map((s) => `#   - ${s}`),
        ];
        process.stdout.write(`${lines.join('\n')}\n${policyToYaml(p)}`);
      },
    );

  policy
    .command('suggest')
    .description(
      'Suggest the minimal policy that would have allowed the denied/audited connections in an event log',
    )
    .requiredOption(
      '--events <file>',
      'events as JSONL (paddock sandbox logs -o json, or results/egress.jsonl)',
    )
    .option('--base <policy>', 'write an addition that extends this policy (file or shipped name)', 'default')
    .option('--no-base', 'write a whole policy that extends nothing')
    .addHelpText(
      'after',
      '\nConnections whose binary is unknown are listed in a comment, never allowed with a wildcard.\nRequests refused on connections the base allows become request rules (method and path pattern).\n\nThe suggestion extends the default policy unless --base names another or --no-base is given.\n\nExamples:\n  paddock policy suggest --events paddock-results/egress.jsonl > policy.yaml\n  paddock policy suggest --events events.jsonl --base strict > extra.yaml\n  paddock policy suggest --events events.jsonl --no-base > whole.yaml\n',
    )
    .action(async (opts: { events: string; base: string | false }) => {
      let skipped = 0;
      const events = await readEventLog(opts.events, { skipped: (n) => (skipped = n) }).catch((error) => {
        throw new PaddockError('INPUT_INVALID', `cannot read events file ${opts.events}`, { cause: error });
      });
      if (skipped > 0)
        process.stderr.write(
          `paddock: skipped ${plural(skipped, 'line')} that ${skipped === 1 ? 'is not an event' : 'are not events'}\n`,
        );
      const base = opts.base === false ? undefined : await loadPolicy(opts.base);
      const result = suggestPolicy(events, base?.policy, opts.base ? { extends: opts.base } : {});
      process.stdout.write(result.yaml);
    });
}

function printWarnings(warnings: readonly Problem[]): void {
  for (const w of warnings)
    process.stderr.write(`${formatProblem({ ...w, message: `warning: ${w.message}` })}\n`);
}
