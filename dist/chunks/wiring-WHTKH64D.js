import { createRequire as __paddockRequire } from 'node:module'; import { dirname as __paddockDirname } from 'node:path'; import { fileURLToPath as __paddockPath } from 'node:url'; const require = __paddockRequire(import.meta.url); const __filename = __paddockPath(import.meta.url); const __dirname = __paddockDirname(__filename);
import {
  createFenced,
  ensureGateway,
  eventsPathOf,
  policyFor,
  restartFenced,
  runningGateway,
  sessionEvents
} from "./chunk-3OYA6PV4.js";
import "./chunk-UDNBORBX.js";
import "./chunk-W7TUPNME.js";
import "./chunk-M6RKYGDO.js";
import "./chunk-NVRBP4H7.js";
import "./chunk-ATBAL3GJ.js";
import "./chunk-YVCVOXQM.js";
import "./chunk-OP56UZSK.js";
import "./chunk-HMVRPISY.js";
import "./chunk-DYPG55QB.js";
import "./chunk-XZMR73T7.js";
import "./chunk-MH2HMZFE.js";
import "./chunk-BJSNIIVT.js";
import "./chunk-4OLLYPHS.js";
export {
  createFenced,
  ensureGateway,
  eventsPathOf,
  policyFor,
  restartFenced,
  runningGateway,
  sessionEvents
};
