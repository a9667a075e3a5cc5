import { createRequire as __paddockRequire } from 'node:module'; import { dirname as __paddockDirname } from 'node:path'; import { fileURLToPath as __paddockPath } from 'node:url'; const require = __paddockRequire(import.meta.url); const __filename = __paddockPath(import.meta.url); const __dirname = __paddockDirname(__filename);
import {
  runMain
} from "./chunks/chunk-XPXH7BGF.js";
import "./chunks/chunk-YOI346NJ.js";
import "./chunks/chunk-OEHCXHQF.js";
import "./chunks/chunk-HYAM4YTO.js";
import "./chunks/chunk-P4QXZJMS.js";
import "./chunks/chunk-33ZN7FNV.js";
import "./chunks/chunk-WMF5EZR7.js";
import "./chunks/chunk-EHOPTCYU.js";
import "./chunks/chunk-TCEJORHH.js";
import "./chunks/chunk-3CIWMJO7.js";
import "./chunks/chunk-GIPNH2HO.js";
import "./chunks/chunk-HMOPORX4.js";
import "./chunks/chunk-DI2Q2RUW.js";
import "./chunks/chunk-BJXUC3FK.js";

// src/action/main.ts
await runMain();
