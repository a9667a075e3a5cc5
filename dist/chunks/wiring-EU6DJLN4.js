import { createRequire as __paddockRequire } from 'node:module'; import { dirname as __paddockDirname } from 'node:path'; import { fileURLToPath as __paddockPath } from 'node:url'; const require = __paddockRequire(import.meta.url); const __filename = __paddockPath(import.meta.url); const __dirname = __paddockDirname(__filename);
import {
  createFenced,
  eventsPathOf,
  openSession,
  policyFor,
  restartFenced,
  sessionEvents
} from "./chunk-LFM7NLBS.js";
import "./chunk-RKAGFH2E.js";
import "./chunk-HEV734TG.js";
import "./chunk-2XJRNPFN.js";
import "./chunk-7KY6RAWY.js";
import "./chunk-FZYK36Y7.js";
import "./chunk-UXB5CA64.js";
import "./chunk-GAFCUATK.js";
import "./chunk-R5NBDDV7.js";
import "./chunk-OTUHDGGY.js";
import "./chunk-QHHH2ICV.js";
import "./chunk-HMOPORX4.js";
import "./chunk-ZQMI5UGJ.js";
import "./chunk-SOSAWCCV.js";
export {
  createFenced,
  eventsPathOf,
  openSession,
  policyFor,
  restartFenced,
  sessionEvents
};
