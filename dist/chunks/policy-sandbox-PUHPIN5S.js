import { createRequire as __paddockRequire } from 'node:module'; import { dirname as __paddockDirname } from 'node:path'; import { fileURLToPath as __paddockPath } from 'node:url'; const require = __paddockRequire(import.meta.url); const __filename = __paddockPath(import.meta.url); const __dirname = __paddockDirname(__filename);
import {
  PaddockError
} from "./chunk-SOSAWCCV.js";

// src/cli/commands/policy-sandbox.ts
async function showSandboxPolicy(session, name, output) {
  const [{ policyToData, policyToYaml }, { Session }] = await Promise.all([
    import("./policy-TQH6KI52.js"),
    import("./session-PW3NMKYX.js")
  ]);
  const gateway = await Session.attach(session);
  if (!gateway) {
    throw new PaddockError("GATEWAY_UNAVAILABLE", `no gateway runs for session ${session.id}`);
  }
  const shown = await gateway.client.policy(name);
  for (const w of shown.warnings) process.stderr.write(`paddock: warning: ${w}
`);
  if (output === "json") {
    const out = { ...shown, policy: policyToData(shown.policy) };
    process.stdout.write(`${JSON.stringify(out, null, 2)}
`);
    return;
  }
  process.stdout.write(`${bindingLines(shown).join("\n")}
${policyToYaml(shown.policy)}`);
}
function bindingLines(shown) {
  const lines = [
    `# Policy of sandbox ${shown.sandbox} (${shown.policy.source}); binary paths as resolved in it:`
  ];
  for (const b of shown.bindings) {
    const to = b.resolved.length > 0 ? `-> ${b.resolved.join(", ")}` : b.problem ? `(${b.problem})` : "(as written: no symlink)";
    const flag = b.writable.length > 0 ? " [writable location]" : "";
    lines.push(`#   ${b.policy}: ${b.path} ${to}${flag}`);
  }
  return lines;
}
export {
  bindingLines,
  showSandboxPolicy
};
