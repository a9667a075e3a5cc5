import { createRequire as __paddockRequire } from 'node:module'; import { dirname as __paddockDirname } from 'node:path'; import { fileURLToPath as __paddockPath } from 'node:url'; const require = __paddockRequire(import.meta.url); const __filename = __paddockPath(import.meta.url); const __dirname = __paddockDirname(__filename);
import {
  Session,
  closeSession,
  describeClose,
  fenceHook,
  readySandbox,
  removeSandbox
} from "./chunk-FKUAIIHI.js";
import "./chunk-2HTWGV2G.js";
import "./chunk-YW4ST6O6.js";
import "./chunk-TCEJORHH.js";
import "./chunk-6VYZNJWM.js";
import "./chunk-JQR7UKUK.js";
import "./chunk-HMOPORX4.js";
import "./chunk-DI2Q2RUW.js";
import "./chunk-BJXUC3FK.js";
export {
  Session,
  closeSession,
  describeClose,
  fenceHook,
  readySandbox,
  removeSandbox
};
