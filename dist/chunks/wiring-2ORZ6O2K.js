import { createRequire as __paddockRequire } from 'node:module'; import { dirname as __paddockDirname } from 'node:path'; import { fileURLToPath as __paddockPath } from 'node:url'; const require = __paddockRequire(import.meta.url); const __filename = __paddockPath(import.meta.url); const __dirname = __paddockDirname(__filename);
import {
  createFenced,
  eventsPathOf,
  openSession,
  policyFor,
  restartFenced,
  sessionEvents
} from "./chunk-P4P5TE3F.js";
import "./chunk-FS76DAEC.js";
import "./chunk-FKDDMAJQ.js";
import "./chunk-2XJRNPFN.js";
import "./chunk-TAZYOWEQ.js";
import "./chunk-FZYK36Y7.js";
import "./chunk-WKNDPKOR.js";
import "./chunk-OXER3JOZ.js";
import "./chunk-LAVLUGZM.js";
import "./chunk-OTUHDGGY.js";
import "./chunk-QHHH2ICV.js";
import "./chunk-HMOPORX4.js";
import "./chunk-4QEA3V3L.js";
import "./chunk-SOSAWCCV.js";
export {
  createFenced,
  eventsPathOf,
  openSession,
  policyFor,
  restartFenced,
  sessionEvents
};
