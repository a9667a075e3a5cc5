import type { Command } from 'commander';
import {
  type OutputFormat,
  option,
  parseAddHost,
  parseOutput,
  parseUpstreamCa,
  parseUpstreamDns,
} from '../flags.js';
import { type CliSession, sessionOf } from '../session.js';

// The gateway and the engine load on use, so help and usage errors need neither.
const gateway = () => import('../../gateway/index.js');
const wiring = () => import('../wiring.js');

const say = (line: string): void => void process.stderr.write(`paddock: ${line}\n`);

interface StartFlags {
  readonly addHost?: [string, string][];
  /** `ADDR:PORT`, as parseUpstreamDns writes it. */
  readonly upstreamDns?: string;
  readonly upstreamCa?: string[];
  readonly audit: boolean;
}

async function start(session: CliSession, flags: StartFlags): Promise<void> {
  const [{ gatewayStatus }, { openSession }, { Session }] = await Promise.all([
    gateway(),
    wiring(),
    import('../../session/index.js'),
  ]);
  if (await Session.attach(session)) {
    const status = await gatewayStatus(session.stateDir);
    say(
      `the gateway of session ${session.id} already runs (pid ${status.pid}); stop it first to change its options`,
    );
    return;
  }
  await openSession(session, {
    hosts: Object.fromEntries(flags.addHost ?? []),
    upstreamDns: flags.upstreamDns,
    upstreamCa: flags.upstreamCa ?? [],
    audit: flags.audit,
    log: say,
  });
  const status = await gatewayStatus(session.stateDir);
  say(`gateway of session ${session.id} running (pid ${status.pid}); events: ${status.eventsPath}`);
}

/** Throws GATEWAY_FAILED when the gateway still runs (e.g. `sudo -n kill` refused): never a false "stopped". */
async function stop(session: CliSession): Promise<void> {
  const wasRunning = await (await gateway()).stopGateway(session.stateDir);
  say(wasRunning ? `gateway of session ${session.id} stopped` : `no gateway runs for session ${session.id}`);
}

async function status(session: CliSession, flags: { output: OutputFormat }): Promise<void> {
  const s = await (await gateway()).gatewayStatus(session.stateDir);
  const data = { session: session.id, stateDir: session.stateDir, ...s };
  if (flags.output === 'json') process.stdout.write(`${JSON.stringify(data, null, 2)}\n`);
  else {
    const rows = Object.entries(data)
      .filter(([, v]) => v !== undefined && v !== null && typeof v !== 'object')
      .map(([k, v]) => `${k}: ${String(v)}`);
    process.stdout.write(`${rows.join('\n')}\n`);
  }
  if (!s.running) process.exitCode = 1;
}

/** `paddock gateway start|stop|status`. */
export function registerGateway(program: Command): void {
  const group = program
    .command('gateway')
    .description(
      "The session's egress gateway (DNS, proxy, transparent capture, decision log); sandbox create starts it on demand",
    )
    .addHelpText(
      'after',
      '\nExamples:\n  paddock gateway start --add-host api.internal.test=127.0.0.1\n  paddock gateway status -o json\n  paddock gateway stop\n',
    );

  group
    .command('start')
    .description('Start the gateway of the session (as root, or through sudo -n)')
    .option(
      '--add-host <NAME=IP>',
      'resolve NAME upstream to IP (repeatable; tests, air-gapped mirrors)',
      option(parseAddHost, true),
    )
    .option(
      '--upstream-dns <ADDR[:PORT]>',
      "resolver for allowed names (default: the host's)",
      option(parseUpstreamDns),
    )
    .option(
      '--upstream-ca <FILE>',
      'also trust this CA (PEM) for upstream TLS (repeatable; tests, corporate CAs)',
      option(parseUpstreamCa, true),
    )
    .option('--audit', 'allow what the policy would deny and log it as audit', false)
    .addHelpText(
      'after',
      '\nExamples:\n  paddock gateway start\n  paddock gateway start --add-host api.internal.test=127.0.0.1 --upstream-dns 127.0.0.1:5353\n',
    )
    .action(async (opts: StartFlags, cmd: Command) => start(sessionOf(cmd), opts));

  group
    .command('stop')
    .description('Stop the gateway of the session (its decision log stays)')
    .addHelpText('after', '\nExamples:\n  paddock gateway stop\n')
    .action(async (_opts, cmd: Command) => stop(sessionOf(cmd)));

  group
    .command('status')
    .description(
      'Show whether the gateway runs (exit 0) or not (exit 1), with its pid, socket and events log',
    )
    .option('-o, --output <format>', 'table or json', option(parseOutput), 'table')
    .addHelpText('after', '\nExamples:\n  paddock gateway status\n  paddock gateway status -o json\n')
    .action(async (opts: { output: OutputFormat }, cmd: Command) => status(sessionOf(cmd), opts));
}
