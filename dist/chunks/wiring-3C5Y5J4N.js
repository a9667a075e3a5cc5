import { createRequire as __paddockRequire } from 'node:module'; import { dirname as __paddockDirname } from 'node:path'; import { fileURLToPath as __paddockPath } from 'node:url'; const require = __paddockRequire(import.meta.url); const __filename = __paddockPath(import.meta.url); const __dirname = __paddockDirname(__filename);
import {
  createFenced,
  ensureGateway,
  eventsPathOf,
  policyFor,
  restartFenced,
  runningGateway,
  sessionEvents
} from "./chunk-EOBRWLGL.js";
import "./chunk-UDNBORBX.js";
import "./chunk-W7TUPNME.js";
import "./chunk-M6RKYGDO.js";
import "./chunk-U4MPIFIZ.js";
import "./chunk-JGQLSPYY.js";
import "./chunk-DFDSRAQG.js";
import "./chunk-6TN7LJPY.js";
import "./chunk-4ZVMO4J6.js";
import "./chunk-MZ7FF236.js";
import "./chunk-SI3UEJJH.js";
import "./chunk-OKT2S6WT.js";
import "./chunk-BJSNIIVT.js";
import "./chunk-MNX23CD7.js";
export {
  createFenced,
  ensureGateway,
  eventsPathOf,
  policyFor,
  restartFenced,
  runningGateway,
  sessionEvents
};
