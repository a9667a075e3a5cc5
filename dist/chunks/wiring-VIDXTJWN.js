import { createRequire as __paddockRequire } from 'node:module'; import { dirname as __paddockDirname } from 'node:path'; import { fileURLToPath as __paddockPath } from 'node:url'; const require = __paddockRequire(import.meta.url); const __filename = __paddockPath(import.meta.url); const __dirname = __paddockDirname(__filename);
import {
  createFenced,
  eventsPathOf,
  openSession,
  policyFor,
  restartFenced,
  sessionEvents
} from "./chunk-KNAQBLQY.js";
import "./chunk-HJXIFADG.js";
import "./chunk-SCWLI6BU.js";
import "./chunk-2XJRNPFN.js";
import "./chunk-455OMNM7.js";
import "./chunk-FZYK36Y7.js";
import "./chunk-WKNXWWYG.js";
import "./chunk-7BQWM5R2.js";
import "./chunk-LAVLUGZM.js";
import "./chunk-OTUHDGGY.js";
import "./chunk-QHHH2ICV.js";
import "./chunk-HMOPORX4.js";
import "./chunk-4NM2L73D.js";
import "./chunk-SOSAWCCV.js";
export {
  createFenced,
  eventsPathOf,
  openSession,
  policyFor,
  restartFenced,
  sessionEvents
};
