import { createRequire as __paddockRequire } from 'node:module'; import { dirname as __paddockDirname } from 'node:path'; import { fileURLToPath as __paddockPath } from 'node:url'; const require = __paddockRequire(import.meta.url); const __filename = __paddockPath(import.meta.url); const __dirname = __paddockDirname(__filename);
import {
  runMain
} from "./chunks/chunk-EKK3QYMO.js";
import "./chunks/chunk-3AQZCUX6.js";
import "./chunks/chunk-FLNFLY7K.js";
import "./chunks/chunk-YJ34VBSI.js";
import "./chunks/chunk-6XWYYD6H.js";
import "./chunks/chunk-2XJRNPFN.js";
import "./chunks/chunk-NHSSRQFA.js";
import "./chunks/chunk-MU5L3UEN.js";
import "./chunks/chunk-TCEJORHH.js";
import "./chunks/chunk-ZKGW4HUQ.js";
import "./chunks/chunk-R5NBDDV7.js";
import "./chunks/chunk-YIS244IV.js";
import "./chunks/chunk-HMOPORX4.js";
import "./chunks/chunk-OGXEH3KY.js";
import "./chunks/chunk-SOSAWCCV.js";

// src/action/main.ts
await runMain();
