import { createRequire as __paddockRequire } from 'node:module'; import { dirname as __paddockDirname } from 'node:path'; import { fileURLToPath as __paddockPath } from 'node:url'; const require = __paddockRequire(import.meta.url); const __filename = __paddockPath(import.meta.url); const __dirname = __paddockDirname(__filename);
import {
  sandboxDetails,
  sandboxTable,
  sandboxView
} from "./chunk-T7CW7WI3.js";
import {
  createFenced,
  openSession,
  restartFenced
} from "./chunk-ZNVYPLIK.js";
import {
  sessionFrom,
  stateRoot
} from "./chunk-6R4PIG7C.js";
import {
  limitsFrom,
  requireCommand
} from "./chunk-CRLYYEK7.js";
import "./chunk-TVY3EJEX.js";
import {
  policyRef,
  readRecord,
  recordNames,
  removeRecord
} from "./chunk-RNODK4TR.js";
import {
  formatDuration
} from "./chunk-J4MSTGMR.js";
import {
  closeSession,
  describeClose,
  readySandbox,
  removeSandbox
} from "./chunk-5PN5FHSY.js";
import {
  resolveCredentials
} from "./chunk-M2VQG5J7.js";
import {
  copyIn,
  execInSandbox,
  getSandbox,
  listSandboxes,
  prune,
  sandboxLandlock
} from "./chunk-SK5GQBPL.js";
import "./chunk-FZYK36Y7.js";
import "./chunk-CMXTYWWY.js";
import "./chunk-FMMQI7D6.js";
import "./chunk-27NLCFX3.js";
import "./chunk-OTUHDGGY.js";
import "./chunk-QHHH2ICV.js";
import "./chunk-HMOPORX4.js";
import {
  plural
} from "./chunk-4AY27MHB.js";
import {
  EXIT,
  PaddockError,
  STOP_SIGNALS,
  exitForSignal,
  isPaddockError,
  usageError
} from "./chunk-SOSAWCCV.js";

// src/cli/sandboxes.ts
import { randomBytes } from "node:crypto";
import { readdir } from "node:fs/promises";
import { join } from "node:path";
var say = (line) => void process.stderr.write(`paddock: ${line}
`);
async function createSandboxCommand(session, flags, command) {
  const name = flags.name ?? `sandbox-${randomBytes(3).toString("hex")}`;
  const ref = policyRef(flags.policy);
  const credentials = resolveCredentials(flags.credential ?? [], process.env);
  const opened = flags.upstreamCa?.length ? await openSession(session, { upstreamCa: flags.upstreamCa }) : void 0;
  const info = await createFenced(
    session,
    {
      name,
      image: flags.image,
      policyRef: ref,
      env: Object.fromEntries(flags.env ?? []),
      volumes: flags.volume ?? [],
      limits: limitsFrom(flags),
      credentials
    },
    opened
  );
  if (flags.copy && flags.copy.length > 0) await copyIn(info, flags.copy);
  if (command.length > 0) {
    say(`created sandbox ${name} (policy ${ref}); running ${command.join(" ")}`);
    await runAttached(info, command, { tty: Boolean(process.stdin.isTTY), stdin: true });
    return;
  }
  const view = sandboxView({ ...info, state: "running" }, ref);
  if (flags.output === "json") process.stdout.write(`${JSON.stringify(view, null, 2)}
`);
  else process.stdout.write(`${name}
`);
}
async function listSandboxesCommand(session, flags) {
  const states = await listSandboxes(session.id);
  const views = await Promise.all(
    states.map(async (s) => sandboxView(s, (await readRecord(session.stateDir, s.name)).policy))
  );
  process.stdout.write(flags.output === "json" ? `${JSON.stringify(views, null, 2)}
` : sandboxTable(views));
}
async function getSandboxCommand(session, name, flags) {
  const state = await getSandbox(session.id, name);
  const landlock = state.state === "running" ? await sandboxLandlock(session.id, name) : void 0;
  const view = sandboxView(
    { ...state, ...landlock ? { landlock } : {} },
    (await readRecord(session.stateDir, name)).policy
  );
  process.stdout.write(flags.output === "json" ? `${JSON.stringify(view, null, 2)}
` : sandboxDetails(view));
}
async function runAttached(info, command, attach) {
  const abort = new AbortController();
  let signalled;
  const onSignal = (signal) => {
    signalled ??= signal;
    abort.abort();
  };
  for (const s of STOP_SIGNALS) process.once(s, onSignal);
  const raw = attach.tty && attach.stdin && process.stdin.isTTY;
  if (raw) process.stdin.setRawMode(true);
  try {
    const result = await execInSandbox(info, {
      command,
      env: attach.env,
      timeoutMs: attach.timeoutMs,
      stdout: process.stdout,
      stderr: process.stderr,
      stdin: attach.stdin ? process.stdin : void 0,
      tty: attach.tty,
      maxOutputBytes: Number.MAX_SAFE_INTEGER,
      signal: abort.signal
    }).catch((error) => {
      if (isPaddockError(error, "CANCELLED")) return "cancelled";
      throw error;
    });
    if (result === "cancelled") {
      process.exitCode = exitForSignal(signalled);
    } else if (result.timedOut) {
      say(`timed out after ${formatDuration(attach.timeoutMs ?? 0)}: ${command.join(" ")}`);
      process.exitCode = EXIT.timeout;
    } else {
      process.exitCode = result.exitCode ?? 1;
    }
  } finally {
    if (raw) process.stdin.setRawMode(false);
    process.stdin.pause();
    for (const s of STOP_SIGNALS) process.off(s, onSignal);
  }
}
async function execCommand(session, name, command, flags) {
  requireCommand(command, `paddock sandbox exec ${name} -- ls`);
  const info = await readySandbox(session, name);
  await runAttached(info, command, {
    tty: flags.tty,
    stdin: flags.interactive,
    timeoutMs: flags.timeout,
    env: Object.fromEntries(flags.env ?? [])
  });
}
var SHELL = "if command -v bash >/dev/null 2>&1; then exec bash -l; else exec sh -l; fi";
async function connectSandbox(session, name) {
  const info = await readySandbox(session, name);
  await runAttached(info, ["sh", "-c", SHELL], { tty: Boolean(process.stdin.isTTY), stdin: true });
}
async function restartSandboxCommand(session, name) {
  await getSandbox(session.id, name);
  const started = Date.now();
  await restartFenced(session, name);
  say(`restarted ${name} in ${Date.now() - started} ms`);
}
async function deleteSandboxes(session, names, flags) {
  if (flags.all === names.length > 0) {
    throw usageError("expected sandbox names or --all (not both, not neither)");
  }
  const targets = flags.all ? (await listSandboxes(session.id)).map((s) => s.name) : names;
  for (const name of targets) await getSandbox(session.id, name);
  for (const name of targets) {
    await removeSandbox(session, name);
    await removeRecord(session.stateDir, name);
    say(`deleted ${name}`);
  }
}
async function pruneCommand(session, flags) {
  const sessions = flags.allSessions ? await knownSessions() : [session];
  let failed = false;
  for (const s of sessions) {
    const report = await closeSession(s);
    failed ||= report.problems.length > 0;
    say(`pruned session ${s.id}: ${describeClose(report)}`);
    for (const name of await recordNames(s.stateDir)) await removeRecord(s.stateDir, name);
  }
  if (flags.allSessions) {
    const rest = await prune();
    say(
      `pruned every session: ${plural(rest.containers, "more sandbox", "more sandboxes")}, ${plural(rest.volumes, "volume")}, ${plural(rest.networks, "network")}`
    );
  }
  if (failed) throw new PaddockError("GATEWAY_FAILED", "prune did not clean up everything (see above)");
}
async function knownSessions() {
  const root = stateRoot();
  const ids = await readdir(root).catch(() => []);
  const found = ids.map((id) => ({ id, stateDir: join(root, id) }));
  return [sessionFrom(void 0), ...found];
}
export {
  connectSandbox,
  createSandboxCommand,
  deleteSandboxes,
  execCommand,
  getSandboxCommand,
  listSandboxesCommand,
  pruneCommand,
  restartSandboxCommand
};
