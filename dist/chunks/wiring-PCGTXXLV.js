import { createRequire as __paddockRequire } from 'node:module'; import { dirname as __paddockDirname } from 'node:path'; import { fileURLToPath as __paddockPath } from 'node:url'; const require = __paddockRequire(import.meta.url); const __filename = __paddockPath(import.meta.url); const __dirname = __paddockDirname(__filename);
import {
  createFenced,
  eventsPathOf,
  openSession,
  policyFor,
  restartFenced,
  sessionEvents
} from "./chunk-3ZN4WIE7.js";
import "./chunk-PLL3EILH.js";
import "./chunk-KCXYFMMR.js";
import "./chunk-TXWWBH5B.js";
import "./chunk-CUMYXRO2.js";
import "./chunk-WGTP3RLT.js";
import "./chunk-TCEJORHH.js";
import "./chunk-JRSYBY6J.js";
import "./chunk-LRZ2BAH2.js";
import "./chunk-OT7SYHLQ.js";
import "./chunk-HMOPORX4.js";
import "./chunk-FOTOYPKO.js";
import "./chunk-TLRCKHB4.js";
export {
  createFenced,
  eventsPathOf,
  openSession,
  policyFor,
  restartFenced,
  sessionEvents
};
