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
} from "./chunk-4ZVMO4J6.js";
import "./chunk-MNX23CD7.js";
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
