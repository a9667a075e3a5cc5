import { createRequire as __paddockRequire } from 'node:module'; import { dirname as __paddockDirname } from 'node:path'; import { fileURLToPath as __paddockPath } from 'node:url'; const require = __paddockRequire(import.meta.url); const __filename = __paddockPath(import.meta.url); const __dirname = __paddockDirname(__filename);
import {
  statePaths
} from "./chunk-WYYN5YIU.js";
import {
  PaddockError,
  errorMessage
} from "./chunk-5HXBOZL7.js";

// src/gateway/lifecycle.ts
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { promisify } from "node:util";

// src/gateway/client.ts
import { request } from "node:http";
var GatewayClient = class {
  socketPath;
  constructor(socketPath) {
    this.socketPath = socketPath;
  }
  health() {
    return this.#call("GET", "/health");
  }
  /** Installs the fence; resolves only once it is verified in place. Failure: FENCE_FAILED. */
  async register(request2) {
    await this.#call("POST", "/sandboxes", request2);
  }
  async unregister(sandbox) {
    await this.#call("DELETE", `/sandboxes/${encodeURIComponent(sandbox)}`);
  }
  /** Hot-reloads network_policies; other changes and invalid policies are rejected (POLICY_INVALID). */
  async setPolicy(sandbox, policy) {
    await this.#call("PUT", `/sandboxes/${encodeURIComponent(sandbox)}/policy`, { policy });
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
      const req = request(
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
  } catch (error) {
    if (error.code !== "EPERM") return;
    await run("sudo", ["-n", "kill", `-${sig.slice(3)}`, String(pid)]).catch(() => void 0);
  }
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
async function stopGateway(stateDir, timeoutMs = 5e3) {
  const pid = await readPid(statePaths(stateDir).pid);
  if (pid === null || !alive(pid)) return false;
  await signal(pid, "SIGTERM");
  const deadline = Date.now() + timeoutMs;
  while (alive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
  if (alive(pid)) {
    await signal(pid, "SIGKILL");
    while (alive(pid) && Date.now() < deadline + 2e3) await new Promise((r) => setTimeout(r, 25));
  }
  return true;
}

export {
  GatewayClient,
  gatewayStatus,
  stopGateway
};
