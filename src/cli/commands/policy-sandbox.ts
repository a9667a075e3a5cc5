import { PaddockError } from '../../common/errors.js';
import type { SandboxPolicy } from '../../gateway/index.js';
import type { CliSession } from '../session.js';

/** `paddock policy show --sandbox NAME`: the running sandbox's policy and what its binary paths resolved to. */
export async function showSandboxPolicy(
  session: CliSession,
  name: string,
  output: 'yaml' | 'json',
): Promise<void> {
  const [{ policyToData, policyToYaml }, { Session }] = await Promise.all([
    import('../../policy/index.js'),
    import('../../session/index.js'),
  ]);
  const gateway = await Session.attach(session);
  if (!gateway) {
    throw new PaddockError('GATEWAY_UNAVAILABLE', `no gateway runs for session ${session.id}`);
  }
  const shown = await gateway.client.policy(name);
  for (const w of shown.warnings) process.stderr.write(`paddock: warning: ${w}\n`);
  if (output === 'json') {
    const out = { ...shown, policy: policyToData(shown.policy) };
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    return;
  }
  process.stdout.write(`${bindingLines(shown).join('\n')}\n${policyToYaml(shown.policy)}`);
}

/** The comment block that says, per binary path, what it resolved to in the sandbox. Pure. */
export function bindingLines(shown: SandboxPolicy): string[] {
  const lines = [
    `# Policy of sandbox ${shown.sandbox} (${shown.policy.source}); binary paths as resolved in it:`,
  ];
  for (const b of shown.bindings) {
    const to =
      b.resolved.length > 0
        ? `-> ${b.resolved.join(', ')}`
        : b.problem
          ? `(${b.problem})`
          : '(as written: no symlink)';
    const flag = b.writable.length > 0 ? ' [writable location]' : '';
    lines.push(`#   ${b.policy}: ${b.path} ${to}${flag}`);
  }
  return lines;
}
