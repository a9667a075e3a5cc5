import { createRequire as __paddockRequire } from 'node:module'; import { dirname as __paddockDirname } from 'node:path'; import { fileURLToPath as __paddockPath } from 'node:url'; const require = __paddockRequire(import.meta.url); const __filename = __paddockPath(import.meta.url); const __dirname = __paddockDirname(__filename);
import {
  createFenced,
  eventsPathOf,
  openSession,
  policyFor,
  restartFenced,
  sessionEvents
} from "./chunk-IHOHQI26.js";
import "./chunk-4PAE6LHC.js";
import "./chunk-354HWULJ.js";
import "./chunk-GYWKFZKA.js";
import "./chunk-YLFCJDEU.js";
import "./chunk-FZYK36Y7.js";
import "./chunk-7OLC46T5.js";
import "./chunk-S6G5UYOT.js";
import "./chunk-EZBRU33W.js";
import "./chunk-OTUHDGGY.js";
import "./chunk-QHHH2ICV.js";
import "./chunk-HMOPORX4.js";
import "./chunk-FNBSFQUN.js";
import "./chunk-SOSAWCCV.js";
export {
  createFenced,
  eventsPathOf,
  openSession,
  policyFor,
  restartFenced,
  sessionEvents
};
