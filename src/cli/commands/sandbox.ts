import type { Command } from 'commander';
import { DEFAULT_IMAGE } from '../../sandbox/image/bootstrap.js';
import {
  option,
  parseCopyFlag,
  parseCredentialFlag,
  parseDuration,
  parseEnvFlag,
  parseName,
  parseOutput,
  parseUpstreamCa,
  parseVolumeFlag,
} from '../flags.js';
import { limitOptions } from '../limits.js';
import { sessionOf } from '../session.js';

// Implementations load on use, so help, version and usage errors stay fast and need no engine.
const impl = () => import('../sandboxes.js');
const logs = () => import('../logs.js');

const examples = (lines: string[]): string => `\nExamples:\n${lines.map((l) => `  ${l}`).join('\n')}\n`;

/** `paddock sandbox create|list|get|exec|connect|logs|restart|delete|prune`. */
export function registerSandbox(program: Command): void {
  const sandbox = program
    .command('sandbox')
    .description('Create and manage long-lived sandboxes (OpenShell verbs, plus restart and prune)')
    .addHelpText(
      'after',
      examples([
        'paddock sandbox create --name agent',
        'paddock sandbox exec agent -- curl -s https://evil.test/',
        'paddock sandbox logs agent --denied',
        'paddock --session ci-42 sandbox prune',
      ]),
    );

  const create = sandbox
    .command('create')
    .description('Create a fenced sandbox; with -- CMD, run CMD in it right away (the sandbox stays)')
    .option('-n, --name <name>', 'sandbox name (default: a generated one)', option(parseName))
    .option('--image <image>', 'image (local, else pulled)', DEFAULT_IMAGE)
    .option('-p, --policy <policy>', 'policy file, or a shipped one: default, strict', 'default')
    .option(
      '-e, --env <KEY=VALUE>',
      'environment variable (repeatable); nothing else leaks in',
      option(parseEnvFlag, true),
    )
    .option(
      '-v, --volume <NAME:/path[:ro]>',
      'named session volume (repeatable); host paths are refused',
      option(parseVolumeFlag, true),
    )
    .option(
      '--copy <HOST_PATH[:DEST]>',
      'copy a host file or folder to /sandbox/DEST (repeatable)',
      option(parseCopyFlag, true),
    )
    .option(
      '--credential <NAME[=HOST,…]>',
      "give NAME's value (from this environment) to the gateway for requests to HOST; the sandbox sees a placeholder (repeatable)",
      option(parseCredentialFlag, true),
    )
    .option(
      '--upstream-ca <FILE>',
      'gateway: also trust this CA (PEM) for upstream TLS, when this command starts the gateway (repeatable)',
      option(parseUpstreamCa, true),
    )
    .option('-o, --output <format>', 'table or json', option(parseOutput), 'table');
  limitOptions(create)
    .argument('[command...]', 'command to run in the sandbox after --')
    .addHelpText(
      'after',
      examples([
        'paddock sandbox create --name agent                     # default policy: no egress but its rules',
        'paddock sandbox create --name agent --policy my.yaml -- claude',
        'paddock sandbox create --name planner -v plans:/plans -e LOG_LEVEL=debug --memory 2g',
      ]),
    )
    .action(async (command: string[], opts, cmd: Command) =>
      (await impl()).createSandboxCommand(sessionOf(cmd), opts, command),
    );

  sandbox
    .command('list')
    .alias('ls')
    .description("List the session's sandboxes")
    .option('-o, --output <format>', 'table or json', option(parseOutput), 'table')
    .addHelpText('after', examples(['paddock sandbox list', 'paddock sandbox list -o json']))
    .action(async (opts, cmd: Command) => (await impl()).listSandboxesCommand(sessionOf(cmd), opts));

  sandbox
    .command('get')
    .description('Show one sandbox')
    .argument('<name>', 'sandbox name', option(parseName))
    .option('-o, --output <format>', 'table or json', option(parseOutput), 'table')
    .addHelpText('after', examples(['paddock sandbox get agent', 'paddock sandbox get agent -o json']))
    .action(async (name: string, opts, cmd: Command) =>
      (await impl()).getSandboxCommand(sessionOf(cmd), name, opts),
    );

  sandbox
    .command('exec')
    .description("Run a command in a sandbox; paddock exits with the command's exit code (124 on timeout)")
    .argument('<name>', 'sandbox name', option(parseName))
    .argument('[command...]', 'command after --')
    .option('--timeout <duration>', 'kill the command after this long, e.g. 30s, 5m', option(parseDuration))
    .option(
      '-e, --env <KEY=VALUE>',
      'extra environment variable for this command (repeatable)',
      option(parseEnvFlag, true),
    )
    .option('-i, --interactive', 'pass stdin to the command', false)
    .option('-t, --tty', 'allocate a TTY', false)
    .addHelpText(
      'after',
      examples([
        'paddock sandbox exec agent -- curl -s https://api.github.com/',
        'paddock sandbox exec agent --timeout 30s -- sh -c "npm test"',
        'echo hello | paddock sandbox exec -i agent -- cat',
      ]),
    )
    .action(async (name: string, command: string[], opts, cmd: Command) =>
      (await impl()).execCommand(sessionOf(cmd), name, command, opts),
    );

  sandbox
    .command('connect')
    .description('Open an interactive shell in a sandbox (a TTY when stdin is one)')
    .argument('<name>', 'sandbox name', option(parseName))
    .addHelpText('after', examples(['paddock sandbox connect agent']))
    .action(async (name: string, _opts, cmd: Command) => (await impl()).connectSandbox(sessionOf(cmd), name));

  sandbox
    .command('logs')
    .description("Show a sandbox's gateway decisions (they survive the sandbox)")
    .argument('<name>', 'sandbox name', option(parseName))
    .option('--denied', 'only denials', false)
    .option('-f, --follow', 'keep printing new decisions until interrupted', false)
    .option(
      '-o, --output <format>',
      'table (human lines) or json (JSONL, one event per line)',
      option(parseOutput),
      'table',
    )
    .addHelpText(
      'after',
      examples([
        'paddock sandbox logs agent --denied',
        'paddock sandbox logs agent -f',
        'paddock sandbox logs agent -o json > events.jsonl && paddock policy suggest --events events.jsonl',
      ]),
    )
    .action(async (name: string, opts, cmd: Command) =>
      opts.follow
        ? (await logs()).followLogs(sessionOf(cmd), name, opts)
        : (await logs()).showLogs(sessionOf(cmd), name, opts),
    );

  sandbox
    .command('restart')
    .description(
      'Replace a sandbox with a fresh one: same definition, volumes and policy; others keep running',
    )
    .argument('<name>', 'sandbox name', option(parseName))
    .addHelpText('after', examples(['paddock sandbox restart executor']))
    .action(async (name: string, _opts, cmd: Command) =>
      (await impl()).restartSandboxCommand(sessionOf(cmd), name),
    );

  sandbox
    .command('delete')
    .alias('rm')
    .description('Delete sandboxes (shared volumes and their decision log stay)')
    .argument('[names...]', 'sandbox names')
    .option('--all', 'every sandbox of the session', false)
    .addHelpText('after', examples(['paddock sandbox delete agent', 'paddock sandbox delete --all']))
    .action(async (names: string[], opts, cmd: Command) =>
      (await impl()).deleteSandboxes(sessionOf(cmd), names.map(parseName), opts),
    );

  sandbox
    .command('prune')
    .description(
      'Remove everything paddock made for the session: sandboxes, volumes, network, gateway, state',
    )
    .option('--all-sessions', 'every paddock resource on this engine, of every session', false)
    .addHelpText(
      'after',
      examples([
        'paddock sandbox prune',
        'PADDOCK_SESSION=ci-42 paddock sandbox prune',
        'paddock sandbox prune --all-sessions',
      ]),
    )
    .action(async (opts, cmd: Command) => (await impl()).pruneCommand(sessionOf(cmd), opts));
}
