import { createRequire as __paddockRequire } from 'node:module'; import { dirname as __paddockDirname } from 'node:path'; import { fileURLToPath as __paddockPath } from 'node:url'; const require = __paddockRequire(import.meta.url); const __filename = __paddockPath(import.meta.url); const __dirname = __paddockDirname(__filename);
import {
  InvalidArgumentError
} from "./chunk-TVY3EJEX.js";
import {
  parseCredentialSpec
} from "./chunk-M2VQG5J7.js";
import {
  formatHostPort,
  parseHostPort
} from "./chunk-27NLCFX3.js";
import {
  PaddockError,
  isPaddockError,
  usageError
} from "./chunk-SOSAWCCV.js";

// src/cli/flags.ts
import { isIP } from "node:net";
import { posix, resolve } from "node:path";
function invalid(message) {
  throw new PaddockError("INPUT_INVALID", message);
}
var quote = (value) => JSON.stringify(value);
function option(parse, collect) {
  return (value, previous) => {
    try {
      const parsed = parse(value);
      return collect ? [...previous ?? [], parsed] : parsed;
    } catch (error) {
      if (isPaddockError(error)) throw new InvalidArgumentError(error.message);
      throw error;
    }
  };
}
var ENV_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;
function parseEnvFlag(value) {
  const at = value.indexOf("=");
  if (at < 0) invalid(`expected KEY=VALUE, got ${quote(value)}`);
  const key = value.slice(0, at);
  if (!ENV_KEY.test(key))
    invalid(`expected a variable name (letters, digits, _) before =, got ${quote(key)}`);
  const val = value.slice(at + 1);
  if (val.includes("\0")) invalid(`the value of ${key} contains a NUL byte`);
  return [key, val];
}
var NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,62}$/;
function parseName(value) {
  if (!NAME.test(value)) {
    invalid(
      `expected a name of letters, digits, _ . - (starting with a letter or digit, at most 63), got ${quote(value)}`
    );
  }
  return value;
}
function parseVolumeFlag(value) {
  const parts = value.split(":");
  if (parts.length < 2 || parts.length > 3) invalid(`expected NAME:/path[:ro|rw], got ${quote(value)}`);
  const [name = "", path = "", mode = "rw"] = parts;
  if (name.includes("/") || name.startsWith(".") || name.startsWith("~")) {
    invalid(`${quote(value)}: ${quote(name)} is a host path; only named volumes are allowed (NAME:/path)`);
  }
  if (!NAME.test(name))
    invalid(`${quote(value)}: expected a volume name of letters, digits, _ . -, got ${quote(name)}`);
  if (!posix.isAbsolute(path))
    invalid(`${quote(value)}: expected an absolute path inside the sandbox, got ${quote(path)}`);
  if (path.split("/").includes("..")) invalid(`${quote(value)}: the path must not contain ..`);
  if (mode !== "ro" && mode !== "rw")
    invalid(`${quote(value)}: expected the mode ro or rw, got ${quote(mode)}`);
  return { name, path: posix.normalize(path).replace(/(.)\/$/, "$1"), readOnly: mode === "ro" };
}
function parseCpus(value) {
  if (!/^\d+(?:\.\d+)?$/.test(value.trim()))
    invalid(`expected a number of CPUs such as 1 or 0.5, got ${quote(value)}`);
  const cpus = Number(value);
  if (!(cpus > 0) || cpus > 1024) invalid(`expected a number of CPUs above 0, got ${quote(value)}`);
  return cpus;
}
var MEMORY_UNITS = { "": 1, b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };
var MIN_MEMORY_BYTES = 6 * 1024 ** 2;
function parseMemory(value) {
  const match = /^(\d+(?:\.\d+)?)\s*([kmg]?)(?:i?b)?$/i.exec(value.trim());
  if (!match) invalid(`expected a memory size such as 512m or 2g, got ${quote(value)}`);
  const bytes = Math.floor(Number(match[1]) * (MEMORY_UNITS[(match[2] ?? "").toLowerCase()] ?? 1));
  if (bytes < MIN_MEMORY_BYTES) invalid(`expected at least 6m of memory, got ${quote(value)}`);
  return bytes;
}
function parseOutput(value) {
  if (value !== "table" && value !== "json") invalid(`expected table or json, got ${quote(value)}`);
  return value;
}
var HOSTNAME = /^(?=.{1,253}$)([a-zA-Z0-9_]([a-zA-Z0-9_-]{0,61}[a-zA-Z0-9_])?)(\.[a-zA-Z0-9_]([a-zA-Z0-9_-]{0,61}[a-zA-Z0-9_])?)*\.?$/;
function parseAddHost(value) {
  const at = value.indexOf("=");
  if (at < 0) invalid(`expected NAME=IP, got ${quote(value)}`);
  const name = value.slice(0, at).toLowerCase().replace(/\.$/, "");
  const ip = value.slice(at + 1);
  if (!HOSTNAME.test(name)) invalid(`${quote(value)}: expected a host name before =, got ${quote(name)}`);
  if (isIP(ip) === 0) invalid(`${quote(value)}: expected an IP address after =, got ${quote(ip)}`);
  return [name, ip];
}
function parseCredentialFlag(value) {
  return parseCredentialSpec(value);
}
function parseUpstreamCa(value, cwd = process.cwd()) {
  if (value.trim() === "") invalid("expected a CA file path");
  return resolve(cwd, value);
}
function parseUpstreamDns(value) {
  return formatHostPort(parseHostPort(value, 53));
}
function requireCommand(command, usage) {
  if (!command || command.length === 0) throw usageError(`expected a command after --, e.g. ${usage}`);
  return [...command];
}
function parseCopyFlag(value, cwd = process.cwd()) {
  const at = value.lastIndexOf(":");
  const host = at > 0 ? value.slice(0, at) : value;
  let dest = at > 0 ? value.slice(at + 1) : posix.basename(host.replace(/\/+$/, ""));
  if (host === "") invalid(`expected HOST_PATH[:DEST], got ${quote(value)}`);
  if (dest.startsWith("/sandbox/")) dest = dest.slice("/sandbox/".length);
  if (dest === "" || posix.isAbsolute(dest) || dest.split("/").includes("..")) {
    invalid(`${quote(value)}: expected DEST relative to /sandbox without .., got ${quote(dest)}`);
  }
  return {
    hostPath: posix.isAbsolute(host) ? host : posix.join(cwd, host),
    path: posix.normalize(dest).replace(/\/$/, "")
  };
}

// src/cli/limits.ts
function limitOptions(command) {
  return command.option("--cpus <n>", "CPU limit, e.g. 0.5 (default 1)", option(parseCpus)).option("--memory <size>", "memory for processes, e.g. 512m, 2g (default 1g)", option(parseMemory)).option(
    "--disk <size>",
    "size of /sandbox (in memory, added to the memory limit; default 1g)",
    option(parseMemory)
  );
}
function limitsFrom(flags) {
  return { cpus: flags.cpus, memoryBytes: flags.memory, diskBytes: flags.disk };
}

export {
  option,
  parseEnvFlag,
  parseName,
  parseVolumeFlag,
  parseOutput,
  parseAddHost,
  parseCredentialFlag,
  parseUpstreamCa,
  parseUpstreamDns,
  requireCommand,
  parseCopyFlag,
  limitOptions,
  limitsFrom
};
