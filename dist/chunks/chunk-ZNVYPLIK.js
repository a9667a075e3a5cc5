import { createRequire as __paddockRequire } from 'node:module'; import { dirname as __paddockDirname } from 'node:path'; import { fileURLToPath as __paddockPath } from 'node:url'; const require = __paddockRequire(import.meta.url); const __filename = __paddockPath(import.meta.url); const __dirname = __paddockDirname(__filename);
import {
  readRecord,
  saveRecord
} from "./chunk-RNODK4TR.js";
import {
  Session
} from "./chunk-5PN5FHSY.js";
import {
  gatewayStatus
} from "./chunk-CMXTYWWY.js";
import {
  loadPolicy,
  readEventLog
} from "./chunk-4AY27MHB.js";
import {
  formatProblem
} from "./chunk-SOSAWCCV.js";

// src/cli/wiring.ts
function openSession(session, flags = {}) {
  const { log, ...gateway } = flags;
  return Session.open({ id: session.id, stateDir: session.stateDir, gateway, ...log ? { log } : {} });
}
async function policyFor(ref, warn = false) {
  const { policy, warnings } = await loadPolicy(ref, { baseDir: process.cwd() });
  if (warn) for (const w of warnings) process.stderr.write(`paddock: warning: ${formatProblem(w)}
`);
  return policy;
}
async function createFenced(session, request, opened) {
  const policy = await policyFor(request.policyRef);
  const s = opened ?? await openSession(session);
  const info = await s.createSandbox({
    name: request.name,
    ...request.run === void 0 ? {} : { run: request.run },
    image: request.image,
    policy,
    env: request.env ?? {},
    volumes: request.volumes ?? [],
    ...request.limits ? { limits: request.limits } : {},
    ...request.credentials ? { credentials: request.credentials } : {},
    ...request.signal ? { signal: request.signal } : {}
  });
  await saveRecord(session.stateDir, {
    name: request.name,
    policy: request.policyRef,
    createdAt: (/* @__PURE__ */ new Date()).toISOString()
  });
  return info;
}
async function restartFenced(session, name) {
  const record = await readRecord(session.stateDir, name);
  const policy = await policyFor(record.policy);
  return (await openSession(session)).restartSandbox(name, policy);
}
async function eventsPathOf(session) {
  return (await gatewayStatus(session.stateDir)).eventsPath;
}
async function sessionEvents(eventsPath, sandbox) {
  return readEventLog(eventsPath, { missing: "empty", ...sandbox === void 0 ? {} : { sandbox } });
}

export {
  openSession,
  policyFor,
  createFenced,
  restartFenced,
  eventsPathOf,
  sessionEvents
};
