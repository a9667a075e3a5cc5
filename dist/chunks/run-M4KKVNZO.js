import { createRequire as __paddockRequire } from 'node:module'; import { dirname as __paddockDirname } from 'node:path'; import { fileURLToPath as __paddockPath } from 'node:url'; const require = __paddockRequire(import.meta.url); const __filename = __paddockPath(import.meta.url); const __dirname = __paddockDirname(__filename);
import {
  denialSummary,
  renderEvents
} from "./chunk-QHHVRZ53.js";
import {
  createFenced,
  ensureGateway,
  policyFor,
  sessionEvents
} from "./chunk-KFOW2F3X.js";
import "./chunk-N2DMCACV.js";
import {
  limitsFrom
} from "./chunk-65JLUOAT.js";
import "./chunk-B7DB6KGH.js";
import {
  policyRef,
  removeRecord
} from "./chunk-25GPBHSP.js";
import {
  formatDuration
} from "./chunk-2S5ACFAB.js";
import "./chunk-M6RKYGDO.js";
import "./chunk-SLOUIFEV.js";
import "./chunk-LULFB5K4.js";
import {
  stopGateway
} from "./chunk-QFBSLZIS.js";
import "./chunk-WYYN5YIU.js";
import {
  copyIn,
  deleteSandbox,
  execInSandbox
} from "./chunk-BCWXPYNO.js";
import {
  prune
} from "./chunk-PFZ7AY7B.js";
import "./chunk-M5XM77EN.js";
import {
  writeFileAtomic
} from "./chunk-HMOPORX4.js";
import "./chunk-YER4BX4J.js";
import {
  EXIT,
  STOP_SIGNALS,
  exitForSignal,
  isPaddockError
} from "./chunk-5HXBOZL7.js";

// src/cli/run.ts
import { randomBytes } from "node:crypto";
import { rm } from "node:fs/promises";
import { join } from "node:path";
var say = (line) => void process.stderr.write(`paddock: ${line}
`);
async function runOnce(session, flags, command) {
  const ref = policyRef(flags.policy);
  await policyFor(ref, true);
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
  let gateway;
  try {
    gateway = await ensureGateway(scope, {
      audit: flags.audit,
      hosts: Object.fromEntries(flags.addHost ?? []),
      upstreamDns: flags.upstreamDns,
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
        signal: abort.signal
      },
      gateway
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
    if (gateway) await report(gateway, name, flags.events).catch((e) => say(`events: ${String(e)}`));
    if (info) removal ??= remove(scope, name);
    await cleanUp(scope, name, gateway, removal, flags.audit);
  }
}
async function report(gateway, name, eventsFile) {
  const events = await gateway.client.events({ sandbox: name }).catch(() => sessionEvents(gateway.eventsPath, name));
  if (eventsFile) await writeFileAtomic(eventsFile, renderEvents(events, "json"));
  process.stderr.write(denialSummary(events, eventsFile));
}
var remove = (scope, name) => deleteSandbox(scope.id, name).catch((e) => say(`cleanup (sandbox): ${String(e)}`));
async function cleanUp(scope, name, gateway, removal, ephemeral) {
  const quietly = (what) => (e) => say(`cleanup (${what}): ${String(e)}`);
  await Promise.all([gateway?.client.unregister(name).catch(() => void 0), removal]);
  await removeRecord(scope.stateDir, name).catch(() => void 0);
  if (!ephemeral) return;
  await stopGateway(scope.stateDir).catch(quietly("gateway"));
  await prune({ session: scope.id }).catch(quietly("prune"));
  await rm(scope.stateDir, { recursive: true, force: true }).catch(() => void 0);
}
export {
  runOnce
};
