import { createRequire as __paddockRequire } from 'node:module'; import { dirname as __paddockDirname } from 'node:path'; import { fileURLToPath as __paddockPath } from 'node:url'; const require = __paddockRequire(import.meta.url); const __filename = __paddockPath(import.meta.url); const __dirname = __paddockDirname(__filename);
import {
  statePaths
} from "./chunk-FMMQI7D6.js";
import {
  http
} from "./chunk-27NLCFX3.js";
import {
  BRIDGE_IP_ON_STDIN,
  readHandshake
} from "./chunk-OTUHDGGY.js";
import {
  PaddockError,
  errorMessage
} from "./chunk-SOSAWCCV.js";

// src/gateway/client.ts
var GatewayClient = class {
  socketPath;
  constructor(socketPath) {
    this.socketPath = socketPath;
  }
  health() {
    return this.#call("GET", "/health");
  }
  /**
   * Installs the fence; resolves only once it is verified in place. Failure: FENCE_FAILED. The answer says the
   * sandbox's address (the gateway's choice with `plumb`).
   */
  register(request) {
    return this.#call("POST", "/sandboxes", request);
  }
  /** `keepCredentials`: the gateway keeps the sandbox's credentials for its next registration (a restart). */
  async unregister(sandbox, options = {}) {
    const keep = options.keepCredentials ? "?keep-credentials=1" : "";
    await this.#call("DELETE", `/sandboxes/${encodeURIComponent(sandbox)}${keep}`);
  }
  /** Hot-reloads network_policies; other changes and invalid policies are rejected (POLICY_INVALID). */
  /** Hot-reload the sandbox's network policy; `phase` stamps its later decisions (an eval's `verify`). */
  async setPolicy(sandbox, policy, phase) {
    await this.#call("PUT", `/sandboxes/${encodeURIComponent(sandbox)}/policy`, {
      policy,
      ...phase === void 0 ? {} : { phase }
    });
  }
  /** The sandbox's policy and what its binary paths resolved to inside the sandbox. */
  policy(sandbox) {
    return this.#call("GET", `/sandboxes/${encodeURIComponent(sandbox)}/policy`);
  }
  events(filter = {}) {
    const q = filter.sandbox === void 0 ? "" : `?sandbox=${encodeURIComponent(filter.sandbox)}`;
    return this.#call("GET", `/events${q}`);
  }
  #call(method, path, payload) {
    return new Promise((resolve, reject) => {
      const data = payload === void 0 ? void 0 : JSON.stringify(payload);
      const req = http.request(
        {
          socketPath: this.socketPath,
          method,
          path,
          headers: data ? { "content-type": "application/json", "content-length": Buffer.byteLength(data) } : {},
          timeout: 3e4
        },
        (res) => {
          const chunks = [];
          res.on("data", (c) => chunks.push(c));
          res.on("end", () => {
            let value;
            try {
              value = JSON.parse(Buffer.concat(chunks).toString());
            } catch {
              return reject(
                new PaddockError("GATEWAY_FAILED", `gateway answered ${method} ${path} with non-JSON`)
              );
            }
            if ((res.statusCode ?? 500) < 300) return resolve(value);
            const e = value.error;
            reject(
              new PaddockError(e?.code ?? "GATEWAY_FAILED", e?.message ?? `gateway: HTTP ${res.statusCode}`)
            );
          });
        }
      );
      req.on("timeout", () => req.destroy(new Error("timed out")));
      req.on(
        "error",
        (error) => reject(
          new PaddockError(
            "GATEWAY_UNAVAILABLE",
            `no gateway answers at ${this.socketPath}: ${errorMessage(error)}`,
            {
              cause: error
            }
          )
        )
      );
      req.end(data);
    });
  }
};

// src/gateway/lifecycle.ts
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { promisify } from "node:util";
var run = promisify(execFile);
async function readPid(path) {
  const n = Number((await readFile(path, "utf8").catch(() => "")).trim());
  return Number.isInteger(n) && n > 1 ? n : null;
}
function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === "EPERM";
  }
}
async function signal(pid, sig) {
  try {
    process.kill(pid, sig);
    return void 0;
  } catch (error) {
    if (error.code !== "EPERM") return void 0;
  }
  return run("sudo", ["-n", "kill", `-${sig.slice(3)}`, String(pid)]).then(
    () => void 0,
    (error) => `sudo -n kill -${sig.slice(3)} ${pid}: ${errorMessage(error).split("\n")[0]}`
  );
}
async function gatewayStatus(stateDir) {
  const paths = statePaths(stateDir);
  const pid = await readPid(paths.pid);
  const handle = JSON.parse(await readFile(paths.handle, "utf8").catch(() => "null"));
  let running = pid !== null && alive(pid);
  if (running)
    running = await new GatewayClient(paths.socket).health().then(
      () => true,
      () => false
    );
  return {
    running,
    pid,
    socketPath: paths.socket,
    eventsPath: paths.events,
    logPath: paths.log,
    proxyUrl: handle?.proxyUrl ?? "",
    noProxy: handle?.noProxy ?? "",
    enforcement: handle?.enforcement ?? null,
    handle
  };
}
var until = async (done, deadline) => {
  while (!done() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
};
async function stopGateway(stateDir, timeoutMs = 5e3) {
  const pid = await readPid(statePaths(stateDir).pid);
  if (pid === null || !alive(pid)) return false;
  const refused = [];
  const note = (why) => void (why && refused.push(why));
  note(await signal(pid, "SIGTERM"));
  const deadline = Date.now() + timeoutMs;
  await until(() => !alive(pid), deadline);
  if (alive(pid)) {
    note(await signal(pid, "SIGKILL"));
    await until(() => !alive(pid), Date.now() + 2e3);
  }
  if (alive(pid)) {
    throw new PaddockError(
      "GATEWAY_FAILED",
      `the gateway of ${stateDir} (pid ${pid}) still runs${refused.length > 0 ? `: ${refused.join("; ")}` : ""}`
    );
  }
  return true;
}

// src/gateway/start.ts
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, open, readFile as readFile2 } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
function daemonArgs(o) {
  const ip = typeof o.bridgeIp === "string" ? o.bridgeIp : BRIDGE_IP_ON_STDIN;
  const args = ["--session", o.session, "--state-dir", o.stateDir, "--bridge-ip", ip];
  for (const [name, ip2] of Object.entries(o.hosts ?? {})) args.push("--add-host", `${name}=${ip2}`);
  if (o.upstreamDns) args.push("--upstream-dns", o.upstreamDns);
  for (const file of o.upstreamCa ?? []) args.push("--upstream-ca", file);
  if (o.audit) args.push("--audit");
  if (o.proxyOnly) args.push("--proxy-only");
  return args;
}
var DAEMON_NODE_FLAGS = ["--initial-old-space-size=64"];
function daemonCommand(moduleUrl = import.meta.url, env = process.env) {
  const here = dirname(fileURLToPath(moduleUrl));
  if (moduleUrl.endsWith(".ts")) {
    const built = env.PADDOCK_GATEWAY_BUNDLE;
    if (built) {
      if (!existsSync(built))
        throw new PaddockError(
          "GATEWAY_FAILED",
          `PADDOCK_GATEWAY_BUNDLE=${built} does not exist; run npm run build`
        );
      return [process.execPath, ...DAEMON_NODE_FLAGS, built];
    }
    return [
      process.execPath,
      ...DAEMON_NODE_FLAGS,
      "--import",
      import.meta.resolve("tsx"),
      join(here, "daemon.ts")
    ];
  }
  const bundle = [join(here, "gateway.js"), join(here, "..", "gateway.js")].find((p) => existsSync(p));
  if (!bundle) throw new PaddockError("GATEWAY_FAILED", `cannot find gateway.js next to ${here}`);
  return [process.execPath, ...DAEMON_NODE_FLAGS, bundle];
}
async function tail(path, lines = 20) {
  const text = await readFile2(path, "utf8").catch(() => "");
  return text.trimEnd().split("\n").slice(-lines).join("\n");
}
var STOP_GRACE_MS = 5e3;
async function stopChild(child, graceMs = STOP_GRACE_MS) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  let timer;
  const late = new Promise((resolve) => {
    timer = setTimeout(() => resolve("late"), graceMs);
  });
  if (await Promise.race([exited, late]) === "late") {
    child.kill("SIGKILL");
    await exited;
  }
  clearTimeout(timer);
}
async function startGateway(options) {
  if (typeof options.bridgeIp !== "string") options.bridgeIp.catch(() => void 0);
  const paths = statePaths(options.stateDir);
  const cancelled = () => new PaddockError("CANCELLED", "gateway start cancelled");
  if (options.signal?.aborted) throw cancelled();
  const running = await gatewayStatus(options.stateDir);
  if (running.running) {
    throw new PaddockError(
      "GATEWAY_FAILED",
      `a gateway already runs for ${options.stateDir} (pid ${running.pid}); stop it first`
    );
  }
  await mkdir(options.stateDir, { recursive: true });
  if (options.signal?.aborted) throw cancelled();
  const logFile = await open(paths.log, "a");
  const [node, ...rest] = daemonCommand();
  const asRoot = process.getuid?.() === 0 || options.proxyOnly;
  const cmd = asRoot ? node ?? process.execPath : "sudo";
  const args = [...asRoot ? [] : ["-n", node ?? process.execPath], ...rest, ...daemonArgs(options)];
  const bridgeIp = options.bridgeIp;
  const stdin = typeof bridgeIp === "string" ? "ignore" : "pipe";
  const child = spawn(cmd, args, { detached: true, stdio: [stdin, "pipe", logFile.fd] });
  await logFile.close();
  const timeoutMs = options.timeoutMs ?? 15e3;
  let noAddress;
  try {
    let timer;
    const json = await new Promise((resolve, reject) => {
      if (typeof bridgeIp !== "string") {
        child.stdin?.on("error", () => void 0);
        bridgeIp.then(
          (ip) => child.stdin?.end(`${ip}
`),
          (error) => {
            noAddress = { error };
            reject(error);
          }
        );
      }
      timer = setTimeout(() => reject(new Error(`not ready after ${timeoutMs} ms`)), timeoutMs);
      const onAbort = () => reject(cancelled());
      if (options.signal?.aborted) onAbort();
      options.signal?.addEventListener("abort", onAbort, { once: true });
      if (child.stdout) readHandshake(child.stdout, options.onStarting).then(resolve, reject);
      child.once("error", reject);
      child.once("exit", (code) => reject(new Error(`exited with ${code} before it was ready`)));
    }).finally(() => clearTimeout(timer));
    child.stdout?.destroy();
    child.unref();
    return JSON.parse(json);
  } catch (error) {
    child.stdout?.destroy();
    await stopChild(child);
    if (noAddress && noAddress.error === error) throw error;
    const log = await tail(paths.log);
    const code = /PRIVILEGE_REQUIRED|a password is required|sudo:/.test(log) ? "PRIVILEGE_REQUIRED" : "GATEWAY_FAILED";
    throw new PaddockError(
      code,
      `the gateway did not start (${errorMessage(error)}).${code === "PRIVILEGE_REQUIRED" && !asRoot ? " It needs root: run as root, or allow `sudo -n` for this user." : ""}
--- ${paths.log} (tail) ---
${log}`,
      { cause: error }
    );
  }
}

export {
  GatewayClient,
  gatewayStatus,
  stopGateway,
  startGateway
};
