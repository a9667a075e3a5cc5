import { createRequire as __paddockRequire } from 'node:module'; import { dirname as __paddockDirname } from 'node:path'; import { fileURLToPath as __paddockPath } from 'node:url'; const require = __paddockRequire(import.meta.url); const __filename = __paddockPath(import.meta.url); const __dirname = __paddockDirname(__filename);
import {
  DEFAULT_LIMITS,
  HOLDER,
  LABEL,
  SANDBOX_DIR,
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
  stopSandboxProcesses,
  unsafePath,
  unsafeSymlink
} from "./chunk-2HTWGV2G.js";
import {
  connectEngine
} from "./chunk-YW4ST6O6.js";
import "./chunk-HMOPORX4.js";
import "./chunk-DI2Q2RUW.js";
import "./chunk-BJXUC3FK.js";
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
  stopSandboxProcesses,
  unsafePath,
  unsafeSymlink
};
