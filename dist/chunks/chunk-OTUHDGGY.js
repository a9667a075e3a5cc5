import { createRequire as __paddockRequire } from 'node:module'; import { dirname as __paddockDirname } from 'node:path'; import { fileURLToPath as __paddockPath } from 'node:url'; const require = __paddockRequire(import.meta.url); const __filename = __paddockPath(import.meta.url); const __dirname = __paddockDirname(__filename);
import {
  errorMessage
} from "./chunk-SOSAWCCV.js";

// src/gateway/log.ts
function logLine(line, now = /* @__PURE__ */ new Date()) {
  return `${now.toISOString()} ${line}
`;
}
var writeLog = (line) => {
  process.stderr.write(logLine(line));
};

// src/gateway/socket-hash.ts
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
var CHILD_HASH_ENTRIES = 4096;
var KNOBS = ["tcp_child_ehash_entries", "udp_child_hash_entries"];
function privateSocketHashes(log, dir = "/proc/sys/net/ipv4") {
  const written = [];
  const missing = [];
  for (const knob of KNOBS) {
    const path = join(dir, knob);
    try {
      const value = readFileSync(path, "utf8").trim();
      if (value === String(CHILD_HASH_ENTRIES)) written.push(knob);
      if (value !== "0") continue;
      writeFileSync(path, `${CHILD_HASH_ENTRIES}
`);
      written.push(knob);
    } catch (error) {
      const code = error.code;
      if (code === "ENOENT") missing.push(knob);
      else log(`socket hash: cannot set ${knob}: ${errorMessage(error)} (sandboxes share the host's hash)`);
    }
  }
  if (missing.length > 0)
    log(
      `socket hash: this kernel has no ${missing.join(", ")}; sandboxes share the host's hash (slower /proc reads)`
    );
  return () => {
    for (const knob of written) {
      const path = join(dir, knob);
      try {
        if (readFileSync(path, "utf8").trim() === String(CHILD_HASH_ENTRIES)) writeFileSync(path, "0\n");
      } catch (error) {
        log(`socket hash: cannot put ${knob} back: ${errorMessage(error)}`);
      }
    }
  };
}

// src/gateway/handshake.ts
var STARTING_LINE = "paddock-gateway-starting";
var READY_PREFIX = "paddock-gateway-ready ";
var BRIDGE_IP_ON_STDIN = "-";
function readHandshake(stdout, onStarting = () => void 0) {
  return new Promise((resolve, reject) => {
    let buffered = "";
    const onData = (chunk) => {
      buffered += chunk.toString();
      for (let nl = buffered.indexOf("\n"); nl >= 0; nl = buffered.indexOf("\n")) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        if (line === STARTING_LINE) {
          onStarting();
          continue;
        }
        stdout.removeListener("data", onData);
        if (line.startsWith(READY_PREFIX)) resolve(line.slice(READY_PREFIX.length));
        else reject(new Error(`unexpected readiness line: ${line}`));
        return;
      }
    };
    stdout.on("data", onData);
  });
}

export {
  writeLog,
  privateSocketHashes,
  STARTING_LINE,
  READY_PREFIX,
  BRIDGE_IP_ON_STDIN,
  readHandshake
};
