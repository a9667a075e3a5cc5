import { createRequire as __paddockRequire } from 'node:module'; import { dirname as __paddockDirname } from 'node:path'; import { fileURLToPath as __paddockPath } from 'node:url'; const require = __paddockRequire(import.meta.url); const __filename = __paddockPath(import.meta.url); const __dirname = __paddockDirname(__filename);
import {
  writeFileAtomic
} from "./chunk-HMOPORX4.js";
import {
  isShipped
} from "./chunk-4AY27MHB.js";

// src/cli/record.ts
import { readdir, readFile, rm } from "node:fs/promises";
import { isAbsolute, join, resolve } from "node:path";
var dir = (stateDir) => join(stateDir, "sandboxes");
var file = (stateDir, name) => join(dir(stateDir), `${name}.json`);
function policyRef(value, cwd = process.cwd()) {
  if (isShipped(value)) return value;
  return isAbsolute(value) ? value : resolve(cwd, value);
}
async function saveRecord(stateDir, record) {
  await writeFileAtomic(file(stateDir, record.name), `${JSON.stringify(record, null, 2)}
`);
}
async function readRecord(stateDir, name) {
  try {
    const value = JSON.parse(await readFile(file(stateDir, name), "utf8"));
    if (typeof value.policy === "string") return value;
  } catch {
  }
  return { name, policy: "default", createdAt: "" };
}
async function removeRecord(stateDir, name) {
  await rm(file(stateDir, name), { force: true });
}
async function recordNames(stateDir) {
  const names = await readdir(dir(stateDir)).catch(() => []);
  return names.filter((n) => n.endsWith(".json")).map((n) => n.slice(0, -5));
}

export {
  policyRef,
  saveRecord,
  readRecord,
  removeRecord,
  recordNames
};
