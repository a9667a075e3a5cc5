import { Command } from 'commander';
import { VERSION } from '../common/version.js';
import { registerEval } from './commands/eval.js';
import { registerGateway } from './commands/gateway.js';
import { registerImage } from './commands/image.js';
import { registerPolicy } from './commands/policy.js';
import { registerPolicySet } from './commands/policy-set.js';
import { registerReport } from './commands/report.js';
import { registerRun } from './commands/run.js';
import { registerSandbox } from './commands/sandbox.js';

/** The `paddock` command tree. Each verb group lives in its own file under commands/. */
export function buildProgram(): Command {
  const program = new Command('paddock')
    .description('Run AI agents in policy-governed Docker sandboxes behind an egress gateway.')
    .version(VERSION, '-V, --version')
    .option('--session <id>', 'session to work in (env PADDOCK_SESSION; default: local)')
    .exitOverride();
  // A usage mistake is one line (`paddock: …`) and a pointer to the command's help, not the whole help.
  program.configureOutput({
    writeErr: (s) => process.stderr.write(s),
    outputError: (s, write) => write(`paddock: ${s.replace(/^error: /, '')}`),
  });
  registerEval(program);
  registerRun(program);
  registerSandbox(program);
  registerPolicy(program);
  registerPolicySet(program);
  registerGateway(program);
  registerImage(program);
  registerReport(program);
  for (const command of allCommands(program))
    command.showHelpAfterError(`Run '${commandPath(command)} --help' for usage.`);
  return program;
}

function allCommands(command: Command): Command[] {
  return [command, ...command.commands.flatMap(allCommands)];
}

/** `paddock sandbox create` for the create command. */
function commandPath(command: Command): string {
  const names: string[] = [];
  for (let c: Command | null = command; c; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}
