import { createRequire as __paddockRequire } from 'node:module'; import { dirname as __paddockDirname } from 'node:path'; import { fileURLToPath as __paddockPath } from 'node:url'; const require = __paddockRequire(import.meta.url); const __filename = __paddockPath(import.meta.url); const __dirname = __paddockDirname(__filename);
import {
  denialSummary,
  renderEvents
} from "./chunk-T7CW7WI3.js";
import {
  createFenced,
  openSession,
  policyFor,
  sessionEvents
} from "./chunk-ZNVYPLIK.js";
import {
  limitsFrom
} from "./chunk-CRLYYEK7.js";
import "./chunk-TVY3EJEX.js";
import {
  policyRef,
  removeRecord
} from "./chunk-RNODK4TR.js";
import {
  formatDuration
} from "./chunk-J4MSTGMR.js";
import {
  closeSession,
  describeClose,
  removeSandbox
} from "./chunk-5PN5FHSY.js";
import {
  resolveCredentials
} from "./chunk-M2VQG5J7.js";
import {
  copyIn,
  execInSandbox
} from "./chunk-SK5GQBPL.js";
import "./chunk-FZYK36Y7.js";
import "./chunk-CMXTYWWY.js";
import "./chunk-FMMQI7D6.js";
import "./chunk-27NLCFX3.js";
import "./chunk-OTUHDGGY.js";
import "./chunk-QHHH2ICV.js";
import {
  writeFileAtomic
} from "./chunk-HMOPORX4.js";
import "./chunk-4AY27MHB.js";
import {
  EXIT,
  STOP_SIGNALS,
  exitForSignal,
  isPaddockError
} from "./chunk-SOSAWCCV.js";

// src/cli/run.ts
import { randomBytes } from "node:crypto";
import { join } from "node:path";
var say = (line) => void process.stderr.write(`paddock: ${line}
`);
async function runOnce(session, flags, command) {
  const ref = policyRef(flags.policy);
  await policyFor(ref, true);
  const credentials = resolveCredentials(flags.credential ?? [], process.env);
  const hex = randomBytes(4).toString("hex");
  const name = `run-${hex}`;
  const scope = flags.audit ? { id: `${session.id}-audit-${hex}`, stateDir: join(session.stateDir, `audit-${hex}`) } : session;
  const abort = new AbortController();
  let signalled;
  let info;
  let removal;
  const onSignal = (signal) => {
    signalled ??= signal;
    abort.abort();
    if (info) removal ??= remove(scope, name);
  };
  for (const s of STOP_SIGNALS) process.on(s, onSignal);
  let opened;
  try {
    opened = await openSession(scope, {
      audit: flags.audit,
      hosts: Object.fromEntries(flags.addHost ?? []),
      upstreamDns: flags.upstreamDns,
      upstreamCa: flags.upstreamCa ?? [],
      log: say
    });
    info = await createFenced(
      scope,
      {
        name,
        run: name,
        image: flags.image,
        policyRef: ref,
        env: Object.fromEntries(flags.env ?? []),
        limits: limitsFrom(flags),
        credentials,
        signal: abort.signal
      },
      opened
    );
    if (flags.copy && flags.copy.length > 0) await copyIn(info, flags.copy, { signal: abort.signal });
    const result = await execInSandbox(info, {
      command,
      stdin: process.stdin,
      stdout: process.stdout,
      stderr: process.stderr,
      timeoutMs: flags.timeout,
      maxOutputBytes: Number.MAX_SAFE_INTEGER,
      signal: abort.signal
    });
    if (result.timedOut) {
      say(`timed out after ${formatDuration(flags.timeout ?? 0)}: ${command.join(" ")}`);
      return EXIT.timeout;
    }
    return result.exitCode ?? 1;
  } catch (error) {
    if (signalled && (isPaddockError(error, "CANCELLED") || abort.signal.aborted))
      return exitForSignal(signalled);
    throw error;
  } finally {
    process.stdin.pause();
    for (const s of STOP_SIGNALS) process.off(s, onSignal);
    if (opened) await report(opened, name, flags.events).catch((e) => say(`events: ${String(e)}`));
    if (info) removal ??= remove(scope, name);
    await cleanUp(scope, name, removal, flags.audit);
  }
}
async function report(session, name, eventsFile) {
  const events = await session.client.events({ sandbox: name }).catch(() => sessionEvents(session.gateway.eventsPath, name));
  if (eventsFile) await writeFileAtomic(eventsFile, renderEvents(events, "json"));
  process.stderr.write(denialSummary(events, eventsFile));
}
var remove = (scope, name) => removeSandbox(scope, name).catch((e) => say(`cleanup (sandbox): ${String(e)}`));
async function cleanUp(scope, name, removal, ephemeral) {
  await removal;
  await removeRecord(scope.stateDir, name).catch(() => void 0);
  if (!ephemeral) return;
  const closed = await closeSession(scope, { removeState: true });
  if (closed.problems.length > 0) say(`cleanup: ${describeClose(closed)}`);
}
export {
  runOnce
};
