import { createRequire as __paddockRequire } from 'node:module'; import { dirname as __paddockDirname } from 'node:path'; import { fileURLToPath as __paddockPath } from 'node:url'; const require = __paddockRequire(import.meta.url); const __filename = __paddockPath(import.meta.url); const __dirname = __paddockDirname(__filename);
import {
  createFenced,
  eventsPathOf,
  openSession,
  policyFor,
  restartFenced,
  sessionEvents
} from "./chunk-DCTBSSP7.js";
import "./chunk-ZYEX5IL3.js";
import "./chunk-SLY6VQWN.js";
import "./chunk-2XJRNPFN.js";
import "./chunk-GRS42SJB.js";
import "./chunk-FZYK36Y7.js";
import "./chunk-2MVBHRG3.js";
import "./chunk-Y6RCOYN3.js";
import "./chunk-R5NBDDV7.js";
import "./chunk-OTUHDGGY.js";
import "./chunk-QHHH2ICV.js";
import "./chunk-HMOPORX4.js";
import "./chunk-OTTGHUPR.js";
import "./chunk-SOSAWCCV.js";
export {
  createFenced,
  eventsPathOf,
  openSession,
  policyFor,
  restartFenced,
  sessionEvents
};
