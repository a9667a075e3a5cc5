import { createRequire as __paddockRequire } from 'node:module'; import { dirname as __paddockDirname } from 'node:path'; import { fileURLToPath as __paddockPath } from 'node:url'; const require = __paddockRequire(import.meta.url); const __filename = __paddockPath(import.meta.url); const __dirname = __paddockDirname(__filename);
import {
  createFenced,
  eventsPathOf,
  openSession,
  policyFor,
  restartFenced,
  sessionEvents
} from "./chunk-XMXNVLOJ.js";
import "./chunk-HZEIM3J4.js";
import "./chunk-3YMZ7GNT.js";
import "./chunk-M2VQG5J7.js";
import "./chunk-XJQ526N6.js";
import "./chunk-FZYK36Y7.js";
import "./chunk-6TV6OAGN.js";
import "./chunk-RUUH62KZ.js";
import "./chunk-27NLCFX3.js";
import "./chunk-OTUHDGGY.js";
import "./chunk-QHHH2ICV.js";
import "./chunk-HMOPORX4.js";
import "./chunk-KLXXHWUT.js";
import "./chunk-SOSAWCCV.js";
export {
  createFenced,
  eventsPathOf,
  openSession,
  policyFor,
  restartFenced,
  sessionEvents
};
