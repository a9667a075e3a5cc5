import type { Command } from 'commander';
import { PaddockError } from '../../common/errors.js';
import { option, parseName } from '../flags.js';
import { policyRef, readRecord, saveRecord } from '../record.js';
import { type CliSession, sessionOf } from '../session.js';

/** Hot-reload the network_policies of a running sandbox; static sections must not change. */
export async function setPolicy(session: CliSession, name: string, file: string): Promise<void> {
  const [{ staticChanges }, { getSandbox }, { policyFor }, { Session }] = await Promise.all([
    import('../../policy/index.js'),
    import('../../sandbox/index.js'),
    import('../wiring.js'),
    import('../../session/index.js'),
  ]);
  const ref = policyRef(file);
  const next = await policyFor(ref, true);
  await getSandbox(session.id, name);
  const record = await readRecord(session.stateDir, name);
  const current = await policyFor(record.policy);
  const changed = staticChanges(current, next);
  if (changed.length > 0) {
    throw new PaddockError(
      'POLICY_INVALID',
      `${file}: ${changed.join(', ')} cannot change on a running sandbox (only network_policies reload); ` +
        `recreate the sandbox with --policy ${file} instead`,
      { problems: changed.map((field) => ({ file, field, message: 'differs from the running policy' })) },
    );
  }
  const gateway = await Session.attach(session);
  if (!gateway) {
    throw new PaddockError(
      'GATEWAY_UNAVAILABLE',
      `no gateway runs for session ${session.id}; restart the sandbox to fence it again`,
    );
  }
  await gateway.client.setPolicy(name, next);
  await saveRecord(session.stateDir, { ...record, name, policy: ref });
  process.stderr.write(
    `paddock: ${name} now uses ${ref} (${next.network_policies.length} network policies)\n`,
  );
}

/** Adds `set` to the `policy` command (made by registerPolicy; created here when absent). */
export function registerPolicySet(program: Command): void {
  let policy = program.commands.find((c) => c.name() === 'policy');
  policy ??= program.command('policy').description('Show, validate, suggest and set policies');
  policy
    .command('set')
    .description("Hot-reload a running sandbox's network_policies from FILE (other sections must not change)")
    .argument('<name>', 'sandbox name', option(parseName))
    .argument('<file>', 'policy file (or default, strict)')
    .addHelpText(
      'after',
      '\nExamples:\n  paddock policy set agent policies/agent.yaml\n  paddock policy set agent strict\n',
    )
    .action(async (name: string, file: string, _opts, cmd: Command) => setPolicy(sessionOf(cmd), name, file));
}
