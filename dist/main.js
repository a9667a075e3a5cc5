import { createRequire as __paddockRequire } from 'node:module'; import { dirname as __paddockDirname } from 'node:path'; import { fileURLToPath as __paddockPath } from 'node:url'; const require = __paddockRequire(import.meta.url); const __filename = __paddockPath(import.meta.url); const __dirname = __paddockDirname(__filename);
import {
  runMain
} from "./chunks/chunk-I5UQQY2V.js";
import "./chunks/chunk-OXFVJFNS.js";
import "./chunks/chunk-IRNYHZI7.js";
import "./chunks/chunk-HYAM4YTO.js";
import "./chunks/chunk-FKUAIIHI.js";
import "./chunks/chunk-2HTWGV2G.js";
import "./chunks/chunk-YW4ST6O6.js";
import "./chunks/chunk-TCEJORHH.js";
import "./chunks/chunk-6VYZNJWM.js";
import "./chunks/chunk-JQR7UKUK.js";
import "./chunks/chunk-HMOPORX4.js";
import "./chunks/chunk-DI2Q2RUW.js";
import "./chunks/chunk-BJXUC3FK.js";

// src/action/main.ts
await runMain();
