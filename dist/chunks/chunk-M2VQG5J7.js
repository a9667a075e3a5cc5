import { createRequire as __paddockRequire } from 'node:module'; import { dirname as __paddockDirname } from 'node:path'; import { fileURLToPath as __paddockPath } from 'node:url'; const require = __paddockRequire(import.meta.url); const __filename = __paddockPath(import.meta.url); const __dirname = __paddockDirname(__filename);
import {
  PaddockError
} from "./chunk-SOSAWCCV.js";

// src/session/credentials.ts
import { randomBytes } from "node:crypto";
var DEFAULT_CREDENTIAL_HOSTS = {
  ANTHROPIC_API_KEY: ["api.anthropic.com"],
  OPENAI_API_KEY: ["api.openai.com"],
  GEMINI_API_KEY: ["generativelanguage.googleapis.com"],
  GOOGLE_API_KEY: ["generativelanguage.googleapis.com"],
  GH_TOKEN: ["api.github.com", "github.com", "uploads.github.com"],
  GITHUB_TOKEN: ["api.github.com", "github.com", "uploads.github.com"]
};
var PREFIXES = [
  "sk-ant-api03-",
  "sk-ant-",
  "sk-proj-",
  "sk-",
  "github_pat_",
  "ghp_",
  "gho_",
  "ghu_",
  "ghs_",
  "AIza"
];
function placeholderFor(secret, random = randomBytes) {
  const prefix = PREFIXES.find((p) => secret.startsWith(p)) ?? "";
  const length = Math.max(secret.length, 32);
  const fill = random(length).toString("hex").replace(/[^a-z0-9]/g, "");
  const out = `${prefix}paddock${fill}`.slice(0, Math.max(length, prefix.length + 7 + 16));
  return out === secret ? `${out}x` : out;
}
var NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
var RUNNER_OWN = /^(ACTIONS|RUNNER|INPUT)_/i;
var HOST = /^(\*\*?\.)?[a-z0-9_]([a-z0-9_.-]*[a-z0-9_])?$/;
function parseCredentialSpec(value) {
  const text = value.trim();
  const at = text.indexOf("=");
  const name = (at < 0 ? text : text.slice(0, at)).trim();
  if (!NAME.test(name)) throw new PaddockError("INPUT_INVALID", `expected NAME[=HOST,\u2026], got '${text}'`);
  if (at < 0) return { name };
  const hosts = text.slice(at + 1).split(",").map((h) => h.trim().toLowerCase()).filter((h) => h !== "");
  if (hosts.length === 0) throw new PaddockError("INPUT_INVALID", `'${text}': expected host names after =`);
  for (const h of hosts)
    if (!HOST.test(h))
      throw new PaddockError("INPUT_INVALID", `'${text}': expected a host name or *.domain, got '${h}'`);
  return { name, hosts };
}
function resolveCredentials(specs, env) {
  const seen = /* @__PURE__ */ new Set();
  return specs.map((spec) => {
    if (!NAME.test(spec.name))
      throw new PaddockError("INPUT_INVALID", `credential ${JSON.stringify(spec.name)}: not a variable name`);
    if (seen.has(spec.name)) throw new PaddockError("INPUT_INVALID", `credential ${spec.name}: given twice`);
    if (RUNNER_OWN.test(spec.name))
      throw new PaddockError(
        "INPUT_INVALID",
        `credential ${spec.name}: the runner's own (ACTIONS_*, RUNNER_*, INPUT_*), never handed to a sandbox`
      );
    seen.add(spec.name);
    const value = env[spec.name];
    if (value === void 0 || value === "")
      throw new PaddockError("INPUT_INVALID", `credential ${spec.name}: not set in the environment`);
    if (/[\r\n\0]/.test(value))
      throw new PaddockError("INPUT_INVALID", `credential ${spec.name}: its value has a line break or NUL`);
    const hosts = spec.hosts && spec.hosts.length > 0 ? spec.hosts : DEFAULT_CREDENTIAL_HOSTS[spec.name];
    if (!hosts)
      throw new PaddockError(
        "INPUT_INVALID",
        `credential ${spec.name}: no hosts known for it; name them (--credential ${spec.name}=HOST[,HOST\u2026])`
      );
    return {
      name: spec.name,
      value,
      hosts: [...hosts],
      ...spec.query ? { query: true } : {},
      ...spec.headers?.length ? { headers: [...spec.headers] } : {}
    };
  });
}

export {
  DEFAULT_CREDENTIAL_HOSTS,
  placeholderFor,
  parseCredentialSpec,
  resolveCredentials
};
