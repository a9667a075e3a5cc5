import { createRequire as __paddockRequire } from 'node:module'; import { dirname as __paddockDirname } from 'node:path'; import { fileURLToPath as __paddockPath } from 'node:url'; const require = __paddockRequire(import.meta.url); const __filename = __paddockPath(import.meta.url); const __dirname = __paddockDirname(__filename);
import {
  SHIPPED,
  binaryAllowed,
  binaryMatches,
  cidrContains,
  decide,
  enforcementSummary,
  hostMatches,
  isPrivateAddress,
  loadPolicy,
  mergePolicies,
  nameAllowed,
  parseCidr,
  parsePolicy,
  policyToData,
  policyToYaml,
  resolveExtends,
  shippedDir,
  staticChanges,
  suggestPolicy
} from "./chunk-HMVRPISY.js";
import "./chunk-4OLLYPHS.js";
export {
  SHIPPED,
  binaryAllowed,
  binaryMatches,
  cidrContains,
  decide,
  enforcementSummary,
  hostMatches,
  isPrivateAddress,
  loadPolicy,
  mergePolicies,
  nameAllowed,
  parseCidr,
  parsePolicy,
  policyToData,
  policyToYaml,
  resolveExtends,
  shippedDir,
  staticChanges,
  suggestPolicy
};
