import { createRequire as __paddockRequire } from 'node:module'; import { dirname as __paddockDirname } from 'node:path'; import { fileURLToPath as __paddockPath } from 'node:url'; const require = __paddockRequire(import.meta.url); const __filename = __paddockPath(import.meta.url); const __dirname = __paddockDirname(__filename);
import {
  createFenced,
  eventsPathOf,
  openSession,
  policyFor,
  restartFenced,
  sessionEvents
} from "./chunk-H7N6MD56.js";
import "./chunk-VZAQD27L.js";
import "./chunk-6XWYYD6H.js";
import "./chunk-2XJRNPFN.js";
import "./chunk-NHSSRQFA.js";
import "./chunk-MU5L3UEN.js";
import "./chunk-TCEJORHH.js";
import "./chunk-ZKGW4HUQ.js";
import "./chunk-R5NBDDV7.js";
import "./chunk-YIS244IV.js";
import "./chunk-HMOPORX4.js";
import "./chunk-OGXEH3KY.js";
import "./chunk-SOSAWCCV.js";
export {
  createFenced,
  eventsPathOf,
  openSession,
  policyFor,
  restartFenced,
  sessionEvents
};
