import { createRequire as __paddockRequire } from 'node:module'; import { dirname as __paddockDirname } from 'node:path'; import { fileURLToPath as __paddockPath } from 'node:url'; const require = __paddockRequire(import.meta.url); const __filename = __paddockPath(import.meta.url); const __dirname = __paddockDirname(__filename);
import {
  DEFAULT_LIMITS,
  HOLDER,
  SANDBOX_DIR,
  copyIn,
  copyOut,
  createOptions,
  createSandbox,
  deleteSandbox,
  ensureImage,
  execInSandbox,
  getSandbox,
  imageDigest,
  listSandboxes,
  outputGlobs,
  resolveUser,
  restartSandbox,
  unsafePath,
  unsafeSymlink
} from "./chunk-BCWXPYNO.js";
import {
  LABEL,
  containerName,
  ensureNetwork,
  networkName,
  prune,
  sandboxVolumeName,
  sharedVolumeName
} from "./chunk-PFZ7AY7B.js";
import {
  connectEngine
} from "./chunk-M5XM77EN.js";
import "./chunk-HMOPORX4.js";
import "./chunk-YER4BX4J.js";
import "./chunk-5HXBOZL7.js";
export {
  DEFAULT_LIMITS,
  HOLDER,
  LABEL,
  SANDBOX_DIR,
  connectEngine,
  containerName,
  copyIn,
  copyOut,
  createOptions,
  createSandbox,
  deleteSandbox,
  ensureImage,
  ensureNetwork,
  execInSandbox,
  getSandbox,
  imageDigest,
  listSandboxes,
  networkName,
  outputGlobs,
  prune,
  resolveUser,
  restartSandbox,
  sandboxVolumeName,
  sharedVolumeName,
  unsafePath,
  unsafeSymlink
};
