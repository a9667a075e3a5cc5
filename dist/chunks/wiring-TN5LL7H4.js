import { createRequire as __paddockRequire } from 'node:module'; import { dirname as __paddockDirname } from 'node:path'; import { fileURLToPath as __paddockPath } from 'node:url'; const require = __paddockRequire(import.meta.url); const __filename = __paddockPath(import.meta.url); const __dirname = __paddockDirname(__filename);
import {
  createFenced,
  eventsPathOf,
  openSession,
  policyFor,
  restartFenced,
  sessionEvents
} from "./chunk-WMGTRONV.js";
import "./chunk-OGUS4MWX.js";
import "./chunk-TIKVIHIM.js";
import "./chunk-GYWKFZKA.js";
import "./chunk-LEELR44K.js";
import "./chunk-FZYK36Y7.js";
import "./chunk-RZHJON2N.js";
import "./chunk-FSNT6EX7.js";
import "./chunk-EZBRU33W.js";
import "./chunk-OTUHDGGY.js";
import "./chunk-QHHH2ICV.js";
import "./chunk-HMOPORX4.js";
import "./chunk-ZZNFGQN4.js";
import "./chunk-SOSAWCCV.js";
export {
  createFenced,
  eventsPathOf,
  openSession,
  policyFor,
  restartFenced,
  sessionEvents
};
