import { createRequire as __paddockRequire } from 'node:module'; import { dirname as __paddockDirname } from 'node:path'; import { fileURLToPath as __paddockPath } from 'node:url'; const require = __paddockRequire(import.meta.url); const __filename = __paddockPath(import.meta.url); const __dirname = __paddockDirname(__filename);
import {
  PaddockError
} from "./chunk-SOSAWCCV.js";

// src/sandbox/init.ts
import { existsSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
var INIT_PATH = "/.paddock/init";
var FENCE_SIGNAL = "SIGUSR1";
var KILL_COMMAND = [INIT_PATH, "kill"];
var PROBE_COMMAND = [INIT_PATH, "probe"];
var RUN_STOP_SIGNAL = "SIGUSR2";
var RUN_KEY_ENV = "PADDOCK_RUN_KEY";
function landlockRules(policy, workdir, writable, volumes) {
  const compatibility = policy?.landlock.compatibility ?? "best_effort";
  const rw = volumes.filter((v) => v.readOnly !== true).map((v) => v.path);
  const ro = volumes.filter((v) => v.readOnly === true).map((v) => v.path);
  const fs = policy?.filesystem_policy;
  if (!policy || !fs || !(policy.declared?.includes("filesystem_policy") ?? true)) {
    return {
      compatibility,
      readOnly: ["/", ...ro],
      readWrite: unique([workdir, "/tmp", "/dev", ...writable, ...rw])
    };
  }
  const readWrite = unique([...fs.read_write, ...fs.include_workdir ? [workdir] : [], ...rw]);
  return { compatibility, readOnly: unique([...fs.read_only, ...ro]), readWrite };
}
var unique = (list) => [...new Set(list)];
function initEntrypoint(rules, modes = {}) {
  return [
    INIT_PATH,
    "-c",
    rules.compatibility,
    ...rules.readOnly.flatMap((p) => ["-r", p]),
    ...rules.readWrite.flatMap((p) => ["-w", p]),
    ...modes.identity ? ["-i", modes.identity] : [],
    ...modes.linger ? ["-m", "linger"] : [],
    "--"
  ];
}
function attributionOf(entrypoint) {
  if (!entrypoint || entrypoint[0] !== INIT_PATH) return "procfs";
  for (let i = 1; i + 1 < entrypoint.length && entrypoint[i] !== "--"; i += 2)
    if (entrypoint[i] === "-i" && entrypoint[i + 1] === "connect-time") return "connect-time";
  return "procfs";
}
function rulesOf(entrypoint) {
  if (!entrypoint || entrypoint[0] !== INIT_PATH) return null;
  let compatibility = "best_effort";
  const readOnly = [];
  const readWrite = [];
  for (let i = 1; i + 1 < entrypoint.length && entrypoint[i] !== "--"; i += 2) {
    const value = entrypoint[i + 1];
    if (entrypoint[i] === "-c") compatibility = value;
    else if (entrypoint[i] === "-r") readOnly.push(value);
    else if (entrypoint[i] === "-w") readWrite.push(value);
  }
  return { compatibility, readOnly, readWrite };
}
function commandArgv(command) {
  const argv = typeof command === "string" ? ["sh", "-c", command] : [...command];
  if (argv.length === 0) throw new PaddockError("INPUT_INVALID", "Expected `command` to be non-empty");
  return argv;
}
function execCommand(command) {
  return [INIT_PATH, "exec", "--", ...command];
}
var ARCH = { x64: "x86_64", arm64: "aarch64" };
function initBinary(arch = process.arch, from = import.meta.url) {
  return nativeBinary("paddock-init", arch, from);
}
function nativeBinary(program, arch = process.arch, from = import.meta.url) {
  const name = `${program}-${ARCH[arch] ?? arch}`;
  const tried = [];
  for (let dir = dirname(fileURLToPath(from)); ; dir = dirname(dir)) {
    const path = basename(dir) === "dist" ? join(dir, "native", name) : join(dir, "dist", "native", name);
    tried.push(path);
    if (existsSync(path)) return path;
    if (dirname(dir) === dir) break;
  }
  throw new PaddockError(
    "SANDBOX_FAILED",
    `${program} for ${arch} is missing (looked for ${name} in ${tried.slice(0, 3).join(", ")}, \u2026); build it with: npm run build:native`
  );
}

// src/sandbox/subnet.ts
var SUBNET_POOL = "172.16.0.0/16";
function toInt(ip) {
  return ip.split(".").reduce((acc, part) => acc * 256 + Number(part), 0);
}
function toIp(n) {
  return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join(".");
}
function cidrRange(cidr) {
  const m = /^(\d{1,3}(?:\.\d{1,3}){3})\/(\d{1,2})$/.exec(cidr);
  if (!m?.[1] || m[2] === void 0) return void 0;
  const bits = Number(m[2]);
  if (bits > 32) return void 0;
  const size = 2 ** (32 - bits);
  const first = Math.floor(toInt(m[1]) / size) * size;
  return [first, first + size - 1];
}
function subnetCandidates(session, used, pool = SUBNET_POOL) {
  const range = cidrRange(pool);
  if (!range) return [];
  const count = Math.max(1, (range[1] - range[0] + 1) / 256);
  let hash = 0;
  for (const ch of session) hash = hash * 31 + ch.charCodeAt(0) >>> 0;
  const taken = used.map((u) => cidrRange(u.includes("/") ? u : `${u}/32`)).filter((r) => r !== void 0);
  const out = [];
  for (let i = 0; i < count; i++) {
    const first = range[0] + (hash + i) % count * 256;
    const last = first + 255;
    if (taken.some(([a, b]) => a <= last && b >= first)) continue;
    out.push(`${toIp(first)}/24`);
  }
  return out;
}
var ENGINE_RANGE_BITS = 26;
function engineRangeOf(subnet) {
  const range = cidrRange(subnet);
  if (!range) throw new Error(`not an IPv4 CIDR: ${subnet}`);
  return `${toIp(range[0])}/${ENGINE_RANGE_BITS}`;
}
function gatewayHostsOf(bridgeIp) {
  const range = cidrRange(`${bridgeIp}/24`);
  if (!range) throw new Error(`not an IPv4 address: ${bridgeIp}`);
  const first = range[0] + 2 ** (32 - ENGINE_RANGE_BITS);
  return Array.from({ length: range[1] - first }, (_, i) => toIp(first + i));
}
function bridgeIpOf(subnet) {
  const range = cidrRange(subnet);
  if (!range) throw new Error(`not an IPv4 CIDR: ${subnet}`);
  return toIp(range[0] + 1);
}

// src/common/ca-paths.ts
var SYSTEM_BUNDLES = [
  "/etc/ssl/certs/ca-certificates.crt",
  "/etc/pki/tls/certs/ca-bundle.crt",
  "/etc/ssl/cert.pem"
];

export {
  INIT_PATH,
  FENCE_SIGNAL,
  KILL_COMMAND,
  PROBE_COMMAND,
  RUN_STOP_SIGNAL,
  RUN_KEY_ENV,
  landlockRules,
  initEntrypoint,
  attributionOf,
  rulesOf,
  commandArgv,
  execCommand,
  initBinary,
  nativeBinary,
  SYSTEM_BUNDLES,
  subnetCandidates,
  engineRangeOf,
  gatewayHostsOf,
  bridgeIpOf
};
