import type { Command } from 'commander';
import { DEFAULT_IMAGE } from '../../sandbox/image/bootstrap.js';
import {
  option,
  parseAddHost,
  parseCopyFlag,
  parseCredentialFlag,
  parseDuration,
  parseEnvFlag,
  parseUpstreamCa,
  parseUpstreamDns,
  requireCommand,
} from '../flags.js';
import { limitOptions } from '../limits.js';
import type { RunFlags } from '../run.js';
import { sessionOf } from '../session.js';

/** `paddock run [--image I] [--policy P] [--audit] [--events FILE] -- CMD…`. */
export function registerRun(program: Command): void {
  const run = program
    .command('run')
    .description(
      'Run one command in a throwaway fenced sandbox with your stdin/stdout/stderr, byte for byte ' +
        '(e.g. a stdio MCP server). Exits with its exit code; denials are summarised on stderr.',
    )
    .option('--image <image>', 'image (local, else pulled)', DEFAULT_IMAGE)
    .option('-p, --policy <policy>', 'policy file, or a shipped one: default, strict', 'default')
    .option('--audit', 'allow what the policy would deny, and log it as audit', false)
    .option('--events <file>', "write the run's decisions to FILE as JSONL (for paddock policy suggest)")
    .option(
      '-e, --env <KEY=VALUE>',
      'environment variable (repeatable); nothing else leaks in',
      option(parseEnvFlag, true),
    )
    .option(
      '--copy <HOST_PATH[:DEST]>',
      'copy a host file or folder to /sandbox/DEST first (repeatable)',
      option(parseCopyFlag, true),
    )
    .option('--timeout <duration>', 'kill the command after this long (exit 124)', option(parseDuration))
    .option(
      '--credential <NAME[=HOST,…]>',
      "give NAME's value (from this environment) to the gateway for requests to HOST; the sandbox sees a placeholder (repeatable)",
      option(parseCredentialFlag, true),
    )
    .option(
      '--add-host <NAME=IP>',
      'gateway upstream override, when this run starts the gateway (repeatable)',
      option(parseAddHost, true),
    )
    .option(
      '--upstream-dns <ADDR[:PORT]>',
      'gateway resolver, when this run starts the gateway',
      option(parseUpstreamDns),
    )
    .option(
      '--upstream-ca <FILE>',
      'gateway: also trust this CA (PEM) for upstream TLS, when this run starts the gateway (repeatable)',
      option(parseUpstreamCa, true),
    );
  limitOptions(run)
    .argument('[command...]', 'the command, after --')
    .addHelpText(
      'after',
      `
Nothing but the command's own bytes is written to stdout, so a harness can use it as an MCP server:
  { "command": "paddock", "args": ["run", "--", "npx", "some-mcp-server"] }

Examples:
  paddock run -- curl -s https://example.test/             # denied: the default policy has no rule for it
  paddock run --events ev.jsonl -- node server.js && paddock policy suggest --events ev.jsonl
  paddock run --copy ./server:srv --policy mcp.yaml -- node srv/index.js
  paddock run --audit -- npm ci                             # see what it reaches without blocking it
`,
    )
    .action(async (command: string[], opts: RunFlags, cmd: Command) => {
      const argv = requireCommand(command, 'paddock run -- node server.js');
      const { runOnce } = await import('../run.js');
      process.exitCode = await runOnce(sessionOf(cmd), opts, argv);
    });
}
