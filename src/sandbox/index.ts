/** The sandbox driver: session networks, hardened containers, exec, copy in/out, restart, prune. */
export { outputGlobs, unsafePath, unsafeSymlink } from './archive.js';
export { commitSandbox, findImage, type LocalImage, removeImage, tagImage } from './commit.js';
export { copyIn } from './copy-in.js';
export { copyOut } from './copy-out.js';
export {
  createOptions,
  DEFAULT_LIMITS,
  proxyEnv,
  resolveUser,
  SANDBOX_DIR,
  SETUP_USER,
} from './create-options.js';
export { connectEngine } from './engine.js';
export { execInSandbox, stopSandboxProcesses } from './exec.js';
export { ensureImage, imageDigest } from './image.js';
export { INIT_PATH, initBinary, type LandlockRules, landlockRules } from './init.js';
export { type LandlockStatus, probeLandlock } from './landlock.js';
export { containerName, LABEL, networkName, sandboxVolumeName, sharedVolumeName } from './names.js';
export { ensureNetwork, planNetwork, removeNetwork } from './network.js';
export { type PruneOptions, prune } from './prune.js';
export { type RunOptions, startHeldRun } from './run.js';
export {
  createSandbox,
  deleteSandbox,
  getSandbox,
  listSandboxes,
  restartSandbox,
  sandboxLandlock,
} from './sandbox.js';
export type {
  CopyOutResult,
  CopySource,
  ExecOptions,
  ExecResult,
  HeldRun,
  PruneResult,
  SandboxHooks,
  SandboxInfo,
  SandboxLimits,
  SandboxOptions,
  SandboxState,
  SessionNetwork,
  VolumeMount,
} from './types.js';
