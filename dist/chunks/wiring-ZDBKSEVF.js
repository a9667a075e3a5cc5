import { createRequire as __paddockRequire } from 'node:module'; import { dirname as __paddockDirname } from 'node:path'; import { fileURLToPath as __paddockPath } from 'node:url'; const require = __paddockRequire(import.meta.url); const __filename = __paddockPath(import.meta.url); const __dirname = __paddockDirname(__filename);
import {
  createFenced,
  eventsPathOf,
  openSession,
  policyFor,
  restartFenced,
  sessionEvents
} from "./chunk-X6OCS4HS.js";
import "./chunk-5NHUQ6ZE.js";
import "./chunk-4RJPBEC5.js";
import "./chunk-GSQ5ORGF.js";
import "./chunk-LQF4GC26.js";
import "./chunk-TCEJORHH.js";
import "./chunk-G7CZ745Z.js";
import "./chunk-OP5VHYA3.js";
import "./chunk-HMOPORX4.js";
import "./chunk-DYR6OISW.js";
import "./chunk-SOSAWCCV.js";
export {
  createFenced,
  eventsPathOf,
  openSession,
  policyFor,
  restartFenced,
  sessionEvents
};
