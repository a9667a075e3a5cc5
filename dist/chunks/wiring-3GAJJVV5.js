import { createRequire as __paddockRequire } from 'node:module'; import { dirname as __paddockDirname } from 'node:path'; import { fileURLToPath as __paddockPath } from 'node:url'; const require = __paddockRequire(import.meta.url); const __filename = __paddockPath(import.meta.url); const __dirname = __paddockDirname(__filename);
import {
  createFenced,
  eventsPathOf,
  openSession,
  policyFor,
  restartFenced,
  sessionEvents
} from "./chunk-4VL5D2AB.js";
import "./chunk-QDVXYDL7.js";
import "./chunk-3PDPC6JH.js";
import "./chunk-CLMKGVMX.js";
import "./chunk-KTTPCQYF.js";
import "./chunk-TCEJORHH.js";
import "./chunk-FGAQD4I5.js";
import "./chunk-JQR7UKUK.js";
import "./chunk-HMOPORX4.js";
import "./chunk-2O6DUJCZ.js";
import "./chunk-BJXUC3FK.js";
export {
  createFenced,
  eventsPathOf,
  openSession,
  policyFor,
  restartFenced,
  sessionEvents
};
