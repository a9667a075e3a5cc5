import { createRequire as __paddockRequire } from 'node:module'; import { dirname as __paddockDirname } from 'node:path'; import { fileURLToPath as __paddockPath } from 'node:url'; const require = __paddockRequire(import.meta.url); const __filename = __paddockPath(import.meta.url); const __dirname = __paddockDirname(__filename);
import {
  runMain
} from "./chunks/chunk-ZMDSXDF4.js";
import "./chunks/chunk-UKDZFMVW.js";
import "./chunks/chunk-MIKTCBFK.js";
import "./chunks/chunk-M6RKYGDO.js";
import "./chunks/chunk-NVRBP4H7.js";
import "./chunks/chunk-ATBAL3GJ.js";
import "./chunks/chunk-YVCVOXQM.js";
import "./chunks/chunk-OP56UZSK.js";
import "./chunks/chunk-HMVRPISY.js";
import "./chunks/chunk-XZMR73T7.js";
import "./chunks/chunk-MH2HMZFE.js";
import "./chunks/chunk-BJSNIIVT.js";
import "./chunks/chunk-4OLLYPHS.js";

// src/action/main.ts
await runMain();
