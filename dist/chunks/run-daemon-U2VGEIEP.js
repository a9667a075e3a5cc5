import { createRequire as __paddockRequire } from 'node:module'; import { dirname as __paddockDirname } from 'node:path'; import { fileURLToPath as __paddockPath } from 'node:url'; const require = __paddockRequire(import.meta.url); const __filename = __paddockPath(import.meta.url); const __dirname = __paddockDirname(__filename);
import {
  NO_PROXY,
  enforcementOf,
  runGateway,
  statePaths
} from "./chunk-FMMQI7D6.js";
import "./chunk-27NLCFX3.js";
import {
  BRIDGE_IP_ON_STDIN,
  READY_PREFIX,
  writeLog
} from "./chunk-OTUHDGGY.js";
import "./chunk-QHHH2ICV.js";
import {
  chownToInvoker
} from "./chunk-HMOPORX4.js";
import {
  covers,
  decide,
  decideRequest,
  inspects,
  isPrivateAddress,
  nameAllowed,
  staticChanges
} from "./chunk-4AY27MHB.js";
import {
  PaddockError,
  errorMessage
} from "./chunk-SOSAWCCV.js";

// src/gateway/run-daemon.ts
import { rm, writeFile } from "node:fs/promises";
import { isIP } from "node:net";
function parseDaemonArgs(argv) {
  const out = {
    hosts: {},
    upstreamCa: [],
    audit: false,
    proxyOnly: false
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === void 0) throw new PaddockError("INPUT_INVALID", `gateway: ${flag} needs a value`);
      return v;
    };
    if (flag === "--session") out.session = value();
    else if (flag === "--state-dir") out.stateDir = value();
    else if (flag === "--bridge-ip") out.bridgeIp = value();
    else if (flag === "--upstream-dns") out.upstreamDns = value();
    else if (flag === "--upstream-ca") out.upstreamCa.push(value());
    else if (flag === "--audit") out.audit = true;
    else if (flag === "--proxy-only") out.proxyOnly = true;
    else if (flag === "--add-host") {
      const v = value();
      const eq = v.indexOf("=");
      if (eq < 1) throw new PaddockError("INPUT_INVALID", `gateway: --add-host expects NAME=IP, got ${v}`);
      out.hosts[v.slice(0, eq).toLowerCase()] = v.slice(eq + 1);
    } else throw new PaddockError("INPUT_INVALID", `gateway: unknown argument ${flag}`);
  }
  for (const k of ["session", "stateDir", "bridgeIp"]) {
    if (!out[k])
      throw new PaddockError(
        "INPUT_INVALID",
        `gateway: --${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} is required`
      );
  }
  return out;
}
async function bridgeIpFromStdin(stop) {
  const line = new Promise((resolve) => {
    let text = "";
    const done = () => resolve(text.split("\n")[0]?.trim() ?? "");
    process.stdin.on("data", (chunk) => {
      text += String(chunk);
      if (text.includes("\n")) done();
    });
    process.stdin.on("end", done);
    process.stdin.on("error", done);
  });
  const stopped = new Promise((resolve) => {
    if (stop.aborted) resolve(null);
    stop.addEventListener("abort", () => resolve(null), { once: true });
  });
  const ip = await Promise.race([line, stopped]).finally(() => process.stdin.destroy());
  if (ip === null || stop.aborted) return null;
  if (isIP(ip) !== 4) {
    throw new PaddockError(
      "INPUT_INVALID",
      `gateway: --bridge-ip -: no IPv4 address on stdin (got ${JSON.stringify(ip)})`
    );
  }
  return ip;
}
async function runDaemon(argv, hooks = {}) {
  const stopSignal = hooks.stop ?? new AbortController().signal;
  const cancelled = () => new PaddockError("CANCELLED", `gateway start ended: ${errorMessage(stopSignal.reason)}`);
  const parsed = parseDaemonArgs(argv);
  const bridgeIp = parsed.bridgeIp === BRIDGE_IP_ON_STDIN ? await bridgeIpFromStdin(stopSignal) : parsed.bridgeIp;
  if (bridgeIp === null || stopSignal.aborted) throw cancelled();
  const args = { ...parsed, bridgeIp };
  const paths = statePaths(args.stateDir);
  const gateway = await runGateway({
    ...args,
    ...hooks.sharedHashesBack ? { sharedHashesBack: hooks.sharedHashesBack } : {},
    rules: { decide, covers, nameAllowed, isPrivateAddress, staticChanges, decideRequest, inspects }
  });
  if (stopSignal.aborted) {
    await gateway.close().catch(() => void 0);
    throw cancelled();
  }
  const handle = {
    pid: process.pid,
    socketPath: gateway.socketPath,
    eventsPath: gateway.eventsPath,
    logPath: paths.log,
    proxyUrl: `http://${args.bridgeIp}:${gateway.ports.proxy}`,
    noProxy: NO_PROXY,
    ports: gateway.ports,
    enforcement: enforcementOf(args),
    trust: gateway.trust
  };
  await writeFile(paths.pid, `${process.pid}
`);
  await writeFile(paths.handle, `${JSON.stringify(handle, null, 2)}
`);
  for (const p of [paths.pid, paths.handle, paths.log]) await chownToInvoker(p);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    writeLog(`gateway stopping: ${errorMessage(stopSignal.reason)}`);
    await gateway.close().catch(() => void 0);
    await rm(paths.pid, { force: true });
    process.exit(0);
  };
  if (stopSignal.aborted) return stop();
  stopSignal.addEventListener("abort", () => void stop(), { once: true });
  process.stdout.write(`${READY_PREFIX}${JSON.stringify(handle)}
`, (error) => {
    if (!error) hooks.onReady?.();
  });
}
export {
  parseDaemonArgs,
  runDaemon
};
