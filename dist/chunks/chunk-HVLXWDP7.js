import { createRequire as __paddockRequire } from 'node:module'; import { dirname as __paddockDirname } from 'node:path'; import { fileURLToPath as __paddockPath } from 'node:url'; const require = __paddockRequire(import.meta.url); const __filename = __paddockPath(import.meta.url); const __dirname = __paddockDirname(__filename);
import {
  sessionOf
} from "./chunk-XXOQ7YQX.js";
import {
  option,
  parseAddHost,
  parseOutput,
  parseUpstreamDns
} from "./chunk-5XKHJEB3.js";

// src/cli/commands/gateway.ts
var gateway = () => import("./gateway-ALWQWMZO.js");
var wiring = () => import("./wiring-WHTKH64D.js");
var say = (line) => void process.stderr.write(`paddock: ${line}
`);
function dnsAddress(dns) {
  return `${dns.host.includes(":") ? `[${dns.host}]` : dns.host}:${dns.port}`;
}
async function start(session, flags) {
  const [{ gatewayStatus }, { ensureGateway, runningGateway }] = await Promise.all([gateway(), wiring()]);
  if (await runningGateway(session)) {
    const status3 = await gatewayStatus(session.stateDir);
    say(
      `the gateway of session ${session.id} already runs (pid ${status3.pid}); stop it first to change its options`
    );
    return;
  }
  await ensureGateway(session, {
    hosts: Object.fromEntries(flags.addHost ?? []),
    upstreamDns: flags.upstreamDns ? dnsAddress(flags.upstreamDns) : void 0,
    audit: flags.audit,
    log: say
  });
  const status2 = await gatewayStatus(session.stateDir);
  say(`gateway of session ${session.id} running (pid ${status2.pid}); events: ${status2.eventsPath}`);
}
async function stop(session) {
  const wasRunning = await (await gateway()).stopGateway(session.stateDir);
  say(wasRunning ? `gateway of session ${session.id} stopped` : `no gateway runs for session ${session.id}`);
}
async function status(session, flags) {
  const s = await (await gateway()).gatewayStatus(session.stateDir);
  const data = { session: session.id, stateDir: session.stateDir, ...s };
  if (flags.output === "json") process.stdout.write(`${JSON.stringify(data, null, 2)}
`);
  else {
    const rows = Object.entries(data).filter(([, v]) => v !== void 0 && v !== null && typeof v !== "object").map(([k, v]) => `${k}: ${String(v)}`);
    process.stdout.write(`${rows.join("\n")}
`);
  }
  if (!s.running) process.exitCode = 1;
}
function registerGateway(program) {
  const group = program.command("gateway").description(
    "The session's egress gateway (DNS, proxy, transparent capture, decision log); sandbox create starts it on demand"
  ).addHelpText(
    "after",
    "\nExamples:\n  paddock gateway start --add-host api.internal.test=127.0.0.1\n  paddock gateway status -o json\n  paddock gateway stop\n"
  );
  group.command("start").description("Start the gateway of the session (as root, or through sudo -n)").option(
    "--add-host <NAME=IP>",
    "resolve NAME upstream to IP (repeatable; tests, air-gapped mirrors)",
    option(parseAddHost, true)
  ).option(
    "--upstream-dns <ADDR[:PORT]>",
    "resolver for allowed names (default: the host's)",
    option(parseUpstreamDns)
  ).option("--audit", "allow what the policy would deny and log it as audit", false).addHelpText(
    "after",
    "\nExamples:\n  paddock gateway start\n  paddock gateway start --add-host api.internal.test=127.0.0.1 --upstream-dns 127.0.0.1:5353\n"
  ).action(async (opts, cmd) => start(sessionOf(cmd), opts));
  group.command("stop").description("Stop the gateway of the session (its decision log stays)").addHelpText("after", "\nExamples:\n  paddock gateway stop\n").action(async (_opts, cmd) => stop(sessionOf(cmd)));
  group.command("status").description(
    "Show whether the gateway runs (exit 0) or not (exit 1), with its pid, socket and events log"
  ).option("-o, --output <format>", "table or json", option(parseOutput), "table").addHelpText("after", "\nExamples:\n  paddock gateway status\n  paddock gateway status -o json\n").action(async (opts, cmd) => status(sessionOf(cmd), opts));
}

export {
  dnsAddress,
  registerGateway
};
