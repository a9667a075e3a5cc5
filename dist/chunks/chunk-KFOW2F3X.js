import { createRequire as __paddockRequire } from 'node:module'; import { dirname as __paddockDirname } from 'node:path'; import { fileURLToPath as __paddockPath } from 'node:url'; const require = __paddockRequire(import.meta.url); const __filename = __paddockPath(import.meta.url); const __dirname = __paddockDirname(__filename);
import {
  fenceHook
} from "./chunk-N2DMCACV.js";
import {
  readRecord,
  saveRecord
} from "./chunk-25GPBHSP.js";
import {
  readEventLog
} from "./chunk-LULFB5K4.js";
import {
  GatewayClient,
  gatewayStatus
} from "./chunk-QFBSLZIS.js";
import {
  startGateway
} from "./chunk-WYYN5YIU.js";
import {
  createSandbox,
  restartSandbox
} from "./chunk-BCWXPYNO.js";
import {
  ensureNetwork
} from "./chunk-PFZ7AY7B.js";
import {
  loadPolicy
} from "./chunk-YER4BX4J.js";
import {
  formatProblem
} from "./chunk-5HXBOZL7.js";

// src/cli/wiring.ts
async function runningGateway(session) {
  const status = await gatewayStatus(session.stateDir);
  if (!status.running) return void 0;
  return {
    client: new GatewayClient(status.socketPath),
    eventsPath: status.eventsPath,
    proxyUrl: status.proxyUrl,
    noProxy: status.noProxy
  };
}
async function ensureGateway(session, flags = {}) {
  const running = await runningGateway(session);
  if (running) {
    if (Object.keys(flags.hosts ?? {}).length > 0 || flags.upstreamDns) {
      flags.log?.(`the gateway of session ${session.id} already runs: --add-host/--upstream-dns ignored`);
    }
    return running;
  }
  const network = await ensureNetwork(session.id);
  flags.log?.(`starting the gateway for session ${session.id} on ${network.bridgeIp}`);
  const started = await startGateway({
    session: session.id,
    stateDir: session.stateDir,
    bridgeIp: network.bridgeIp,
    hosts: flags.hosts ?? {},
    upstreamDns: flags.upstreamDns,
    audit: flags.audit ?? false
  });
  return {
    client: new GatewayClient(started.socketPath),
    eventsPath: started.eventsPath,
    proxyUrl: started.proxyUrl,
    noProxy: started.noProxy
  };
}
async function policyFor(ref, warn = false) {
  const { policy, warnings } = await loadPolicy(ref, { baseDir: process.cwd() });
  if (warn) for (const w of warnings) process.stderr.write(`paddock: warning: ${formatProblem(w)}
`);
  return policy;
}
async function createFenced(session, request, gateway) {
  const policy = await policyFor(request.policyRef);
  const gw = gateway ?? await ensureGateway(session);
  const info = await createSandbox(
    {
      session: session.id,
      name: request.name,
      run: request.run,
      image: request.image,
      policy,
      env: request.env,
      proxy: { url: gw.proxyUrl, noProxy: gw.noProxy },
      volumes: request.volumes,
      limits: request.limits,
      signal: request.signal
    },
    { beforeUserCode: fenceHook(gw.client, policy) }
  );
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
  const gw = await ensureGateway(session);
  await gw.client.unregister(name).catch(() => void 0);
  return restartSandbox(session.id, name, { beforeUserCode: fenceHook(gw.client, policy) });
}
async function eventsPathOf(session) {
  return (await gatewayStatus(session.stateDir)).eventsPath;
}
async function sessionEvents(eventsPath, sandbox) {
  return readEventLog(eventsPath, { missing: "empty", ...sandbox === void 0 ? {} : { sandbox } });
}

export {
  runningGateway,
  ensureGateway,
  policyFor,
  createFenced,
  restartFenced,
  eventsPathOf,
  sessionEvents
};
