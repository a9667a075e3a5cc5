#!/usr/bin/env node
import { createRequire as __paddockRequire } from 'node:module'; import { dirname as __paddockDirname } from 'node:path'; import { fileURLToPath as __paddockPath } from 'node:url'; const require = __paddockRequire(import.meta.url); const __filename = __paddockPath(import.meta.url); const __dirname = __paddockDirname(__filename);
import {
  sessionFrom,
  sessionOf,
  stateRoot
} from "./chunks/chunk-6R4PIG7C.js";
import {
  limitOptions,
  option,
  parseAddHost,
  parseCopyFlag,
  parseCredentialFlag,
  parseEnvFlag,
  parseName,
  parseOutput,
  parseUpstreamCa,
  parseUpstreamDns,
  parseVolumeFlag,
  requireCommand
} from "./chunks/chunk-CRLYYEK7.js";
import {
  Command,
  Option,
  jsonText,
  reportError,
  table
} from "./chunks/chunk-TVY3EJEX.js";
import {
  policyRef,
  readRecord,
  saveRecord
} from "./chunks/chunk-RNODK4TR.js";
import {
  checkCount,
  failing,
  formatRate,
  formatShard,
  mergeResults,
  parseShard,
  readEvents,
  runEval,
  selectRuns,
  setupLine,
  suggestionFor,
  writeReports
} from "./chunks/chunk-QWU5VMN4.js";
import {
  DEFAULT_IMAGE,
  bootstrapImage
} from "./chunks/chunk-2A5L4NOG.js";
import {
  formatDuration,
  parseDuration
} from "./chunks/chunk-J4MSTGMR.js";
import "./chunks/chunk-M2VQG5J7.js";
import "./chunks/chunk-FZYK36Y7.js";
import "./chunks/chunk-27NLCFX3.js";
import "./chunks/chunk-HMOPORX4.js";
import {
  enforcementSummary,
  escapeText,
  loadPolicy,
  plural,
  policyToData,
  policyToYaml,
  readEventLog,
  suggestPolicy
} from "./chunks/chunk-4AY27MHB.js";
import {
  EXIT,
  PaddockError,
  errorMessage,
  exitForSignal,
  formatProblem,
  isPaddockError
} from "./chunks/chunk-SOSAWCCV.js";

// src/common/version.ts
var VERSION = true ? "0.1.0" : "0.0.0-dev";

// src/cli/commands/eval.ts
import { randomBytes } from "node:crypto";
import { join } from "node:path";

// src/cli/commands/eval-plan.ts
function registerEvalPlan(evalCommand) {
  evalCommand.command("plan").description("List the runs an eval would make (no sandbox, no gateway)").argument("[spec]", "the eval spec", "paddock.yml").option(
    "-f, --filter <key=value>",
    "only runs whose matrix KEY is VALUE (repeatable)",
    (v, prev = []) => [...prev, v],
    []
  ).option(
    "--max-runs <n>",
    "largest matrix allowed (default: the spec's max-runs, else 256)",
    option((v) => checkCount("--max-runs", /^\d+$/.test(v) ? Number(v) : v))
  ).option("--shard <k/n>", "only the runs of shard K of N", option(parseShard)).option("-o, --output <format>", "table or json", option(parseOutput), "table").addHelpText("after", "\nExamples:\n  paddock eval plan\n  paddock eval plan --shard 2/4 -o json\n").action(async (spec, flags) => {
    const {
      spec: parsed,
      planned,
      runs
    } = await selectRuns({
      spec,
      filters: flags.filter,
      ...flags.maxRuns ? { maxRuns: flags.maxRuns } : {},
      ...flags.shard ? { shard: flags.shard } : {}
    });
    if (flags.output === "json") {
      const body = {
        spec: parsed.file,
        shard: flags.shard ?? null,
        planned: planned.length,
        runs: runs.map((r) => ({ id: r.id, matrix: r.matrix }))
      };
      process.stdout.write(`${JSON.stringify(body, null, 2)}
`);
      return;
    }
    const keys = [...new Set(runs.flatMap((r) => Object.keys(r.matrix)))];
    const rows = runs.map((r) => [r.id, ...keys.map((k) => r.matrix[k] ?? "")]);
    process.stdout.write(table(["RUN", ...keys.map((k) => k.toUpperCase())], rows));
    const which = flags.shard ? ` in shard ${formatShard(flags.shard)}` : "";
    process.stderr.write(`${runs.length} of ${plural(planned.length, "run")}${which}
`);
  });
}

// src/cli/commands/eval.ts
var count = (name) => option((value) => checkCount(name, /^\d+$/.test(value) ? Number(value) : value));
function registerEval(program) {
  const evalCommand = program.command("eval").description("Run eval matrices in sandboxes");
  evalCommand.command("run").description("Run every combination of the spec's matrix, each in its own fenced sandbox").argument("[spec]", "the eval spec", "paddock.yml").option(
    "-c, --concurrency <n>",
    "runs at once (default: the spec's, else 2 \xD7 CPUs, at most 16)",
    count("--concurrency")
  ).option("-r, --results <dir>", "results directory", "paddock-results").option("--fail-on-egress", "unexpected denied egress fails the run", true).option("--no-fail-on-egress", "record unexpected egress without failing runs").option(
    "-f, --filter <key=value>",
    "only runs whose matrix KEY is VALUE (repeatable)",
    (v, prev = []) => [...prev, v],
    []
  ).option("--policy <policy>", "policy path (relative to here) or shipped name, replacing the spec's").option(
    "-o, --output <format>",
    "the results summary as a table or as json (results.json)",
    option(parseOutput),
    "table"
  ).option("--image <image>", "image, replacing the spec's").option(
    "--max-runs <n>",
    "largest matrix allowed (default: the spec's max-runs, else 256)",
    count("--max-runs")
  ).option(
    "--shard <k/n>",
    "run only shard K of N (by run id; merge with `paddock report merge`)",
    option(parseShard)
  ).addHelpText(
    "after",
    "\nExit status: 0 when every run met its expectation, 1 when some did not, 3 bad input,\n4 engine, 5 gateway, 130/143 interrupted/terminated (results so far are still written).\n\nExamples:\n  paddock eval run\n  paddock eval run examples/quickstart/paddock.yml --concurrency 4\n  paddock eval run --filter model=model-a --filter prompt=short --no-fail-on-egress\n  paddock eval run --shard 2/4 --results paddock-results/shard-2\n"
  ).action(async (spec, flags, cmd) => {
    const named = cmd.optsWithGlobals().session ?? (process.env.PADDOCK_SESSION || void 0);
    const session = named ? sessionFrom(named) : ownSession();
    process.exitCode = await evalRun(spec, flags, session, named !== void 0);
  });
  registerEvalPlan(evalCommand);
}
function ownSession() {
  const id = `eval-${randomBytes(3).toString("hex")}`;
  return { id, stateDir: join(stateRoot(), id) };
}
async function evalRun(spec, flags, session, shared) {
  const controller = new AbortController();
  let signalled;
  const stop2 = (signal) => {
    if (controller.signal.aborted) process.exit(exitForSignal(signalled));
    signalled = signal;
    process.stderr.write(`
paddock: ${signal}: stopping runs, writing results, pruning (again to force)
`);
    controller.abort(new Error(signal));
  };
  process.on("SIGINT", stop2).on("SIGTERM", stop2);
  const tty = process.stderr.isTTY === true;
  try {
    const results = await runEval({
      spec,
      resultsDir: flags.results,
      failOnEgress: flags.failOnEgress,
      filters: flags.filter,
      ...flags.concurrency ? { concurrency: flags.concurrency } : {},
      ...flags.policy ? { policy: flags.policy } : {},
      ...flags.image ? { image: flags.image } : {},
      ...flags.maxRuns ? { maxRuns: flags.maxRuns } : {},
      ...flags.shard ? { shard: flags.shard } : {},
      sessionId: session.id,
      stateDir: session.stateDir,
      sharedSession: shared,
      signal: controller.signal,
      color: tty,
      progressEveryMs: tty ? 15e3 : 3e4,
      log: {
        info: (line) => process.stderr.write(`${line}
`),
        warning: (line, where) => process.stderr.write(
          `paddock: warning: ${where ? formatProblem({ ...where, message: line }) : line}
`
        )
      }
    });
    try {
      const events = await readEvents(flags.results);
      const suggestion = await suggestionFor(results, events).catch((error) => {
        process.stderr.write(`paddock: warning: no policy suggestion: ${errorMessage(error)}
`);
        return null;
      });
      const { paths } = await writeReports(flags.results, results, events, suggestion);
      if (paths.suggestion)
        process.stderr.write(`paddock: a policy that allows what was denied: ${paths.suggestion}
`);
    } catch (error) {
      process.stderr.write(`paddock: warning: reports not written: ${errorMessage(error)}
`);
    }
    const code = controller.signal.aborted ? exitForSignal(signalled) : failing(results) === 0 ? EXIT.ok : EXIT.failed;
    if (flags.output === "json") {
      process.stdout.write(`${jsonText(results, 2)}
`);
      return code;
    }
    const scored = results.runs.some((r) => r.score !== void 0);
    const rows = results.runs.map((r) => [
      r.id,
      r.status,
      r.exitCode === null ? "-" : String(r.exitCode),
      formatDuration(Math.round(r.durationMs / 100) * 100),
      String(r.denials + (r.expectedDenials ?? 0)),
      ...scored ? [r.score === void 0 ? "-" : formatRate(r.score)] : [],
      r.reason
    ]);
    const head = ["RUN", "STATUS", "EXIT", "TIME", "DENIED", ...scored ? ["SCORE"] : [], "REASON"];
    process.stdout.write(table(head, rows));
    if (results.cells) {
      const rate = formatRate(results.requiredPassRate ?? 1);
      const cells = results.cells.map((c) => [
        c.id,
        `${c.passed}/${c.total}`,
        formatRate(c.passRate),
        c.status
      ]);
      process.stdout.write(`
${table(["CELL", "PASSED", `PASS RATE (need ${rate})`, "STATUS"], cells)}`);
    }
    const t = results.totals;
    if (results.setup) process.stdout.write(`
${escapeText(setupLine(results.setup))}
`);
    process.stdout.write(
      `
${t.passed}/${t.total} passed, ${t.failed} not, ${plural(t.denied, "denied egress decision")} in ${formatDuration(Math.round(results.durationMs / 100) * 100)}; results in ${flags.results}/
`
    );
    return code;
  } finally {
    process.off("SIGINT", stop2).off("SIGTERM", stop2);
  }
}

// src/cli/commands/gateway.ts
var gateway = () => import("./chunks/gateway-UKNOYENC.js");
var wiring = () => import("./chunks/wiring-3AMZE3WA.js");
var say = (line) => void process.stderr.write(`paddock: ${line}
`);
async function start(session, flags) {
  const [{ gatewayStatus }, { openSession }, { Session }] = await Promise.all([
    gateway(),
    wiring(),
    import("./chunks/session-PW3NMKYX.js")
  ]);
  if (await Session.attach(session)) {
    const status3 = await gatewayStatus(session.stateDir);
    say(
      `the gateway of session ${session.id} already runs (pid ${status3.pid}); stop it first to change its options`
    );
    return;
  }
  await openSession(session, {
    hosts: Object.fromEntries(flags.addHost ?? []),
    upstreamDns: flags.upstreamDns,
    upstreamCa: flags.upstreamCa ?? [],
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
  ).option(
    "--upstream-ca <FILE>",
    "also trust this CA (PEM) for upstream TLS (repeatable; tests, corporate CAs)",
    option(parseUpstreamCa, true)
  ).option("--audit", "allow what the policy would deny and log it as audit", false).addHelpText(
    "after",
    "\nExamples:\n  paddock gateway start\n  paddock gateway start --add-host api.internal.test=127.0.0.1 --upstream-dns 127.0.0.1:5353\n"
  ).action(async (opts, cmd) => start(sessionOf(cmd), opts));
  group.command("stop").description("Stop the gateway of the session (its decision log stays)").addHelpText("after", "\nExamples:\n  paddock gateway stop\n").action(async (_opts, cmd) => stop(sessionOf(cmd)));
  group.command("status").description(
    "Show whether the gateway runs (exit 0) or not (exit 1), with its pid, socket and events log"
  ).option("-o, --output <format>", "table or json", option(parseOutput), "table").addHelpText("after", "\nExamples:\n  paddock gateway status\n  paddock gateway status -o json\n").action(async (opts, cmd) => status(sessionOf(cmd), opts));
}

// src/cli/commands/image.ts
function registerImage(program) {
  const image = program.command("image").description("Manage sandbox images");
  image.command("bootstrap").description(
    "Build a minimal base image from the host binaries (busybox, node, curl, \u2026); no registry needed"
  ).option("-t, --tag <tag>", "image tag", DEFAULT_IMAGE).option("--force", "rebuild even when the image is up to date", false).option("--no-python", "leave python3 out even when the host has it").addHelpText(
    "after",
    "\nExamples:\n  paddock image bootstrap\n  paddock image bootstrap --tag my/base:1 --no-python\n"
  ).action(async (opts) => {
    const started = Date.now();
    const result = await bootstrapImage({
      tag: opts.tag,
      force: opts.force,
      python: opts.python,
      log: (line) => process.stderr.write(`paddock: ${line}
`)
    });
    process.stderr.write(
      `paddock: ${result.built ? "built" : "reused"} ${result.tag} in ${Date.now() - started} ms
`
    );
    process.stdout.write(`${result.tag}
`);
  });
}

// src/cli/commands/policy.ts
function registerPolicy(program) {
  const policy = program.command("policy").description("Validate, show and suggest sandbox policies (OpenShell YAML format)");
  policy.command("validate").description("Check policy files; print every error and warning as file:line:col: field: message").argument("<file...>", "policy files (or shipped names: default, strict, setup)").addHelpText(
    "after",
    "\nExit status 3 when any file is invalid.\n\nExamples:\n  paddock policy validate policy.yaml\n  paddock policy validate policies/*.yaml\n"
  ).action(async (files) => {
    let failed = false;
    for (const file of files) {
      try {
        const { policy: p, warnings } = await loadPolicy(file);
        printWarnings(warnings);
        process.stdout.write(`${file}: valid (${p.network_policies.length} network policies)
`);
      } catch (error) {
        if (!isPaddockError(error, "POLICY_INVALID")) throw error;
        failed = true;
        if (error.problems.length === 0) process.stderr.write(`paddock: ${error.message}
`);
        for (const p of error.problems) process.stderr.write(`${formatProblem(p)}
`);
      }
    }
    if (failed) process.exitCode = EXIT.invalidInput;
  });
  policy.command("show").description("Print the effective policy (after `extends`) and what Paddock enforces of it").argument("[policy]", "a policy file or a shipped name", "default").addOption(
    new Option("-o, --output <format>", "yaml (table is the same) or json").choices(["yaml", "table", "json"]).default("yaml")
  ).option("--sandbox <name>", "a running sandbox's policy, with what each binary path resolved to in it").addHelpText(
    "after",
    "\nExamples:\n  paddock policy show                 # the default policy\n  paddock policy show strict\n  paddock policy show my-policy.yaml -o json\n  paddock policy show --sandbox agent  # as the gateway enforces it in sandbox agent\n"
  ).action(
    async (ref, opts, cmd) => {
      if (opts.sandbox !== void 0) {
        const { showSandboxPolicy } = await import("./chunks/policy-sandbox-PUHPIN5S.js");
        return showSandboxPolicy(
          sessionOf(cmd),
          parseName(opts.sandbox),
          opts.output === "json" ? "json" : "yaml"
        );
      }
      const { policy: p, warnings } = await loadPolicy(ref);
      const summary = enforcementSummary(p);
      if (opts.output === "json") {
        const out = { source: p.source, policy: policyToData(p), ...summary, warnings };
        process.stdout.write(`${JSON.stringify(out, null, 2)}
`);
        return;
      }
      printWarnings(warnings);
      const lines = [
        `# Effective policy from ${p.source}${ref !== p.source ? ` (${ref})` : ""}, after extends.`,
        "# Enforced by Paddock:",
        ...summary.enforced.map((s) => `#   - ${s}`),
        "# Not enforced:",
        ...summary.notEnforced.map((s) => `#   - ${s}`)
      ];
      process.stdout.write(`${lines.join("\n")}
${policyToYaml(p)}`);
    }
  );
  policy.command("suggest").description(
    "Suggest the minimal policy that would have allowed the denied/audited connections in an event log"
  ).requiredOption(
    "--events <file>",
    "events as JSONL (paddock sandbox logs -o json, or results/egress.jsonl)"
  ).option("--base <policy>", "write an addition that extends this policy (file or shipped name)", "default").option("--no-base", "write a whole policy that extends nothing").addHelpText(
    "after",
    "\nConnections whose binary is unknown are listed in a comment, never allowed with a wildcard.\nRequests refused on connections the base allows become request rules (method and path pattern).\n\nThe suggestion extends the default policy unless --base names another or --no-base is given.\n\nExamples:\n  paddock policy suggest --events paddock-results/egress.jsonl > policy.yaml\n  paddock policy suggest --events events.jsonl --base strict > extra.yaml\n  paddock policy suggest --events events.jsonl --no-base > whole.yaml\n"
  ).action(async (opts) => {
    let skipped = 0;
    const events = await readEventLog(opts.events, { skipped: (n) => skipped = n }).catch((error) => {
      throw new PaddockError("INPUT_INVALID", `cannot read events file ${opts.events}`, { cause: error });
    });
    if (skipped > 0)
      process.stderr.write(
        `paddock: skipped ${plural(skipped, "line")} that ${skipped === 1 ? "is not an event" : "are not events"}
`
      );
    const base = opts.base === false ? void 0 : await loadPolicy(opts.base);
    const result = suggestPolicy(events, base?.policy, opts.base ? { extends: opts.base } : {});
    process.stdout.write(result.yaml);
  });
}
function printWarnings(warnings) {
  for (const w of warnings)
    process.stderr.write(`${formatProblem({ ...w, message: `warning: ${w.message}` })}
`);
}

// src/cli/commands/policy-set.ts
async function setPolicy(session, name, file) {
  const [{ staticChanges }, { getSandbox }, { policyFor }, { Session }] = await Promise.all([
    import("./chunks/policy-TQH6KI52.js"),
    import("./chunks/sandbox-YZKON2I2.js"),
    import("./chunks/wiring-3AMZE3WA.js"),
    import("./chunks/session-PW3NMKYX.js")
  ]);
  const ref = policyRef(file);
  const next = await policyFor(ref, true);
  await getSandbox(session.id, name);
  const record = await readRecord(session.stateDir, name);
  const current = await policyFor(record.policy);
  const changed = staticChanges(current, next);
  if (changed.length > 0) {
    throw new PaddockError(
      "POLICY_INVALID",
      `${file}: ${changed.join(", ")} cannot change on a running sandbox (only network_policies reload); recreate the sandbox with --policy ${file} instead`,
      { problems: changed.map((field) => ({ file, field, message: "differs from the running policy" })) }
    );
  }
  const gateway2 = await Session.attach(session);
  if (!gateway2) {
    throw new PaddockError(
      "GATEWAY_UNAVAILABLE",
      `no gateway runs for session ${session.id}; restart the sandbox to fence it again`
    );
  }
  await gateway2.client.setPolicy(name, next);
  await saveRecord(session.stateDir, { ...record, name, policy: ref });
  process.stderr.write(
    `paddock: ${name} now uses ${ref} (${next.network_policies.length} network policies)
`
  );
}
function registerPolicySet(program) {
  let policy = program.commands.find((c) => c.name() === "policy");
  policy ??= program.command("policy").description("Show, validate, suggest and set policies");
  policy.command("set").description("Hot-reload a running sandbox's network_policies from FILE (other sections must not change)").argument("<name>", "sandbox name", option(parseName)).argument("<file>", "policy file (or default, strict)").addHelpText(
    "after",
    "\nExamples:\n  paddock policy set agent policies/agent.yaml\n  paddock policy set agent strict\n"
  ).action(async (name, file, _opts, cmd) => setPolicy(sessionOf(cmd), name, file));
}

// src/cli/commands/report.ts
function registerReport(program) {
  const report = program.command("report").description("Work with results directories");
  report.command("merge").description(
    "Merge the results directories of eval shards into one, as one unsharded eval would have written it"
  ).argument("<dirs...>", "the shards' results directories").requiredOption("-r, --results <dir>", "where the merged results go").option("--allow-missing", "merge even when shards are missing (the reports say which runs)", false).addHelpText(
    "after",
    "\nRefuses shards of different specs, overlapping shards and (without --allow-missing) missing ones.\nExit status: 0 when every merged run met its expectation, 1 when some did not, 3 when the shards cannot be merged.\n\nExample:\n  paddock report merge shards/shard-* --results paddock-results\n"
  ).action(async (dirs, flags) => {
    const { results, events } = await mergeResults({
      dirs,
      out: flags.results,
      allowMissing: flags.allowMissing
    });
    await writeReports(flags.results, results, events, await suggestionFor(results, events));
    const t = results.totals;
    const m = results.merge;
    const missing = m && m.missingRuns.length > 0 ? `; ${plural(m.missingRuns.length, "run")} missing` : "";
    process.stdout.write(
      `merged ${dirs.length} shard(s): ${t.passed}/${t.total} passed, ${t.failed} not, ${t.denied} denied egress decision(s)${missing}; results in ${flags.results}/
`
    );
    process.exitCode = t.failed === 0 ? EXIT.ok : EXIT.failed;
  });
}

// src/cli/commands/run.ts
function registerRun(program) {
  const run = program.command("run").description(
    "Run one command in a throwaway fenced sandbox with your stdin/stdout/stderr, byte for byte (e.g. a stdio MCP server). Exits with its exit code; denials are summarised on stderr."
  ).option("--image <image>", "image (local, else pulled)", DEFAULT_IMAGE).option("-p, --policy <policy>", "policy file, or a shipped one: default, strict", "default").option("--audit", "allow what the policy would deny, and log it as audit", false).option("--events <file>", "write the run's decisions to FILE as JSONL (for paddock policy suggest)").option(
    "-e, --env <KEY=VALUE>",
    "environment variable (repeatable); nothing else leaks in",
    option(parseEnvFlag, true)
  ).option(
    "--copy <HOST_PATH[:DEST]>",
    "copy a host file or folder to /sandbox/DEST first (repeatable)",
    option(parseCopyFlag, true)
  ).option("--timeout <duration>", "kill the command after this long (exit 124)", option(parseDuration)).option(
    "--credential <NAME[=HOST,\u2026]>",
    "give NAME's value (from this environment) to the gateway for requests to HOST; the sandbox sees a placeholder (repeatable)",
    option(parseCredentialFlag, true)
  ).option(
    "--add-host <NAME=IP>",
    "gateway upstream override, when this run starts the gateway (repeatable)",
    option(parseAddHost, true)
  ).option(
    "--upstream-dns <ADDR[:PORT]>",
    "gateway resolver, when this run starts the gateway",
    option(parseUpstreamDns)
  ).option(
    "--upstream-ca <FILE>",
    "gateway: also trust this CA (PEM) for upstream TLS, when this run starts the gateway (repeatable)",
    option(parseUpstreamCa, true)
  );
  limitOptions(run).argument("[command...]", "the command, after --").addHelpText(
    "after",
    `
Nothing but the command's own bytes is written to stdout, so a harness can use it as an MCP server:
  { "command": "paddock", "args": ["run", "--", "npx", "some-mcp-server"] }

Examples:
  paddock run -- curl -s https://example.test/             # denied: the default policy has no rule for it
  paddock run --events ev.jsonl -- node server.js && paddock policy suggest --events ev.jsonl
  paddock run --copy ./server:srv --policy mcp.yaml -- node srv/index.js
  paddock run --audit -- npm ci                             # see what it reaches without blocking it
`
  ).action(async (command, opts, cmd) => {
    const argv = requireCommand(command, "paddock run -- node server.js");
    const { runOnce } = await import("./chunks/run-KCDGODBD.js");
    process.exitCode = await runOnce(sessionOf(cmd), opts, argv);
  });
}

// src/cli/commands/sandbox.ts
var impl = () => import("./chunks/sandboxes-FESD6NW3.js");
var logs = () => import("./chunks/logs-LQEPNHYG.js");
var examples = (lines) => `
Examples:
${lines.map((l) => `  ${l}`).join("\n")}
`;
function registerSandbox(program) {
  const sandbox = program.command("sandbox").description("Create and manage long-lived sandboxes (OpenShell verbs, plus restart and prune)").addHelpText(
    "after",
    examples([
      "paddock sandbox create --name agent",
      "paddock sandbox exec agent -- curl -s https://evil.test/",
      "paddock sandbox logs agent --denied",
      "paddock --session ci-42 sandbox prune"
    ])
  );
  const create = sandbox.command("create").description("Create a fenced sandbox; with -- CMD, run CMD in it right away (the sandbox stays)").option("-n, --name <name>", "sandbox name (default: a generated one)", option(parseName)).option("--image <image>", "image (local, else pulled)", DEFAULT_IMAGE).option("-p, --policy <policy>", "policy file, or a shipped one: default, strict", "default").option(
    "-e, --env <KEY=VALUE>",
    "environment variable (repeatable); nothing else leaks in",
    option(parseEnvFlag, true)
  ).option(
    "-v, --volume <NAME:/path[:ro]>",
    "named session volume (repeatable); host paths are refused",
    option(parseVolumeFlag, true)
  ).option(
    "--copy <HOST_PATH[:DEST]>",
    "copy a host file or folder to /sandbox/DEST (repeatable)",
    option(parseCopyFlag, true)
  ).option(
    "--credential <NAME[=HOST,\u2026]>",
    "give NAME's value (from this environment) to the gateway for requests to HOST; the sandbox sees a placeholder (repeatable)",
    option(parseCredentialFlag, true)
  ).option(
    "--upstream-ca <FILE>",
    "gateway: also trust this CA (PEM) for upstream TLS, when this command starts the gateway (repeatable)",
    option(parseUpstreamCa, true)
  ).option("-o, --output <format>", "table or json", option(parseOutput), "table");
  limitOptions(create).argument("[command...]", "command to run in the sandbox after --").addHelpText(
    "after",
    examples([
      "paddock sandbox create --name agent                     # default policy: no egress but its rules",
      "paddock sandbox create --name agent --policy my.yaml -- claude",
      "paddock sandbox create --name planner -v plans:/plans -e LOG_LEVEL=debug --memory 2g"
    ])
  ).action(
    async (command, opts, cmd) => (await impl()).createSandboxCommand(sessionOf(cmd), opts, command)
  );
  sandbox.command("list").alias("ls").description("List the session's sandboxes").option("-o, --output <format>", "table or json", option(parseOutput), "table").addHelpText("after", examples(["paddock sandbox list", "paddock sandbox list -o json"])).action(async (opts, cmd) => (await impl()).listSandboxesCommand(sessionOf(cmd), opts));
  sandbox.command("get").description("Show one sandbox").argument("<name>", "sandbox name", option(parseName)).option("-o, --output <format>", "table or json", option(parseOutput), "table").addHelpText("after", examples(["paddock sandbox get agent", "paddock sandbox get agent -o json"])).action(
    async (name, opts, cmd) => (await impl()).getSandboxCommand(sessionOf(cmd), name, opts)
  );
  sandbox.command("exec").description("Run a command in a sandbox; paddock exits with the command's exit code (124 on timeout)").argument("<name>", "sandbox name", option(parseName)).argument("[command...]", "command after --").option("--timeout <duration>", "kill the command after this long, e.g. 30s, 5m", option(parseDuration)).option(
    "-e, --env <KEY=VALUE>",
    "extra environment variable for this command (repeatable)",
    option(parseEnvFlag, true)
  ).option("-i, --interactive", "pass stdin to the command", false).option("-t, --tty", "allocate a TTY", false).addHelpText(
    "after",
    examples([
      "paddock sandbox exec agent -- curl -s https://api.github.com/",
      'paddock sandbox exec agent --timeout 30s -- sh -c "npm test"',
      "echo hello | paddock sandbox exec -i agent -- cat"
    ])
  ).action(
    async (name, command, opts, cmd) => (await impl()).execCommand(sessionOf(cmd), name, command, opts)
  );
  sandbox.command("connect").description("Open an interactive shell in a sandbox (a TTY when stdin is one)").argument("<name>", "sandbox name", option(parseName)).addHelpText("after", examples(["paddock sandbox connect agent"])).action(async (name, _opts, cmd) => (await impl()).connectSandbox(sessionOf(cmd), name));
  sandbox.command("logs").description("Show a sandbox's gateway decisions (they survive the sandbox)").argument("<name>", "sandbox name", option(parseName)).option("--denied", "only denials", false).option("-f, --follow", "keep printing new decisions until interrupted", false).option(
    "-o, --output <format>",
    "table (human lines) or json (JSONL, one event per line)",
    option(parseOutput),
    "table"
  ).addHelpText(
    "after",
    examples([
      "paddock sandbox logs agent --denied",
      "paddock sandbox logs agent -f",
      "paddock sandbox logs agent -o json > events.jsonl && paddock policy suggest --events events.jsonl"
    ])
  ).action(
    async (name, opts, cmd) => opts.follow ? (await logs()).followLogs(sessionOf(cmd), name, opts) : (await logs()).showLogs(sessionOf(cmd), name, opts)
  );
  sandbox.command("restart").description(
    "Replace a sandbox with a fresh one: same definition, volumes and policy; others keep running"
  ).argument("<name>", "sandbox name", option(parseName)).addHelpText("after", examples(["paddock sandbox restart executor"])).action(
    async (name, _opts, cmd) => (await impl()).restartSandboxCommand(sessionOf(cmd), name)
  );
  sandbox.command("delete").alias("rm").description("Delete sandboxes (shared volumes and their decision log stay)").argument("[names...]", "sandbox names").option("--all", "every sandbox of the session", false).addHelpText("after", examples(["paddock sandbox delete agent", "paddock sandbox delete --all"])).action(
    async (names, opts, cmd) => (await impl()).deleteSandboxes(sessionOf(cmd), names.map(parseName), opts)
  );
  sandbox.command("prune").description(
    "Remove everything paddock made for the session: sandboxes, volumes, network, gateway, state"
  ).option("--all-sessions", "every paddock resource on this engine, of every session", false).addHelpText(
    "after",
    examples([
      "paddock sandbox prune",
      "PADDOCK_SESSION=ci-42 paddock sandbox prune",
      "paddock sandbox prune --all-sessions"
    ])
  ).action(async (opts, cmd) => (await impl()).pruneCommand(sessionOf(cmd), opts));
}

// src/cli/program.ts
function buildProgram() {
  const program = new Command("paddock").description("Run AI agents in policy-governed Docker sandboxes behind an egress gateway.").version(VERSION, "-V, --version").option("--session <id>", "session to work in (env PADDOCK_SESSION; default: local)").exitOverride();
  program.configureOutput({
    writeErr: (s) => process.stderr.write(s),
    outputError: (s, write) => write(`paddock: ${s.replace(/^error: /, "")}`)
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
function allCommands(command) {
  return [command, ...command.commands.flatMap(allCommands)];
}
function commandPath(command) {
  const names = [];
  for (let c = command; c; c = c.parent) names.unshift(c.name());
  return names.join(" ");
}

// src/cli/index.ts
buildProgram().parseAsync(process.argv).then(
  () => process.exit(process.exitCode ?? 0),
  (error) => process.exit(reportError(error))
);
