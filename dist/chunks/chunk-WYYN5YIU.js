import { createRequire as __paddockRequire } from 'node:module'; import { dirname as __paddockDirname } from 'node:path'; import { fileURLToPath as __paddockPath } from 'node:url'; const require = __paddockRequire(import.meta.url); const __filename = __paddockPath(import.meta.url); const __dirname = __paddockDirname(__filename);
import {
  PaddockError,
  errorMessage
} from "./chunk-5HXBOZL7.js";

// src/gateway/start.ts
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { open, readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
var READY_PREFIX = "paddock-gateway-ready ";
var statePaths = (stateDir) => ({
  pid: join(stateDir, "gateway.pid"),
  log: join(stateDir, "gateway.log"),
  socket: join(stateDir, "gateway.sock"),
  events: join(stateDir, "events.jsonl"),
  handle: join(stateDir, "gateway.json")
});
function daemonArgs(o) {
  const args = ["--session", o.session, "--state-dir", o.stateDir, "--bridge-ip", o.bridgeIp];
  for (const [name, ip] of Object.entries(o.hosts ?? {})) args.push("--add-host", `${name}=${ip}`);
  if (o.upstreamDns) args.push("--upstream-dns", o.upstreamDns);
  if (o.audit) args.push("--audit");
  if (o.proxyOnly) args.push("--proxy-only");
  return args;
}
function daemonCommand(moduleUrl = import.meta.url) {
  const here = dirname(fileURLToPath(moduleUrl));
  if (moduleUrl.endsWith(".ts")) {
    return [process.execPath, "--import", import.meta.resolve("tsx"), join(here, "daemon.ts")];
  }
  const bundle = [join(here, "gateway.js"), join(here, "..", "gateway.js")].find((p) => existsSync(p));
  if (!bundle) throw new PaddockError("GATEWAY_FAILED", `cannot find gateway.js next to ${here}`);
  return [process.execPath, bundle];
}
async function tail(path, lines = 20) {
  const text = await readFile(path, "utf8").catch(() => "");
  return text.trimEnd().split("\n").slice(-lines).join("\n");
}
async function startGateway(options) {
  const paths = statePaths(options.stateDir);
  const { gatewayStatus } = await import("./lifecycle-DISSZQZI.js");
  const running = await gatewayStatus(options.stateDir);
  if (running.running) {
    throw new PaddockError(
      "GATEWAY_FAILED",
      `a gateway already runs for ${options.stateDir} (pid ${running.pid}); stop it first`
    );
  }
  const { mkdir } = await import("node:fs/promises");
  await mkdir(options.stateDir, { recursive: true });
  const logFile = await open(paths.log, "a");
  const [node, ...rest] = daemonCommand();
  const asRoot = process.getuid?.() === 0 || options.proxyOnly;
  const cmd = asRoot ? node ?? process.execPath : "sudo";
  const args = [...asRoot ? [] : ["-n", node ?? process.execPath], ...rest, ...daemonArgs(options)];
  const child = spawn(cmd, args, { detached: true, stdio: ["ignore", "pipe", logFile.fd] });
  await logFile.close();
  const timeoutMs = options.timeoutMs ?? 15e3;
  try {
    const line = await new Promise((resolve, reject) => {
      let buffered = "";
      const timer = setTimeout(() => reject(new Error(`not ready after ${timeoutMs} ms`)), timeoutMs);
      const onAbort = () => reject(new PaddockError("CANCELLED", "gateway start cancelled"));
      options.signal?.addEventListener("abort", onAbort, { once: true });
      child.stdout?.on("data", (d) => {
        buffered += d.toString();
        const nl = buffered.indexOf("\n");
        if (nl >= 0) {
          clearTimeout(timer);
          resolve(buffered.slice(0, nl));
        }
      });
      child.once("error", reject);
      child.once("exit", (code) => reject(new Error(`exited with ${code} before it was ready`)));
    });
    if (!line.startsWith(READY_PREFIX)) throw new Error(`unexpected readiness line: ${line}`);
    child.stdout?.destroy();
    child.unref();
    return JSON.parse(line.slice(READY_PREFIX.length));
  } catch (error) {
    child.stdout?.destroy();
    if (child.exitCode === null) child.kill("SIGTERM");
    const log = await tail(paths.log);
    const code = /PRIVILEGE_REQUIRED|a password is required|sudo:/.test(log) ? "PRIVILEGE_REQUIRED" : "GATEWAY_FAILED";
    throw new PaddockError(
      code,
      `the gateway did not start (${errorMessage(error)}).${code === "PRIVILEGE_REQUIRED" && !asRoot ? " It needs root: allow `sudo -n` for this user, or use `enforcement: proxy-only`." : ""}
--- ${paths.log} (tail) ---
${log}`,
      { cause: error }
    );
  }
}

export {
  READY_PREFIX,
  statePaths,
  startGateway
};
