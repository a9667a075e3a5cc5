import { createRequire as __paddockRequire } from 'node:module'; import { dirname as __paddockDirname } from 'node:path'; import { fileURLToPath as __paddockPath } from 'node:url'; const require = __paddockRequire(import.meta.url); const __filename = __paddockPath(import.meta.url); const __dirname = __paddockDirname(__filename);
import {
  runMain
} from "./chunks/chunk-RV3ARZBU.js";
import "./chunks/chunk-ZA6XCKWL.js";
import "./chunks/chunk-MZTSULN2.js";
import "./chunks/chunk-YJ34VBSI.js";
import "./chunks/chunk-FFTXW5MJ.js";
import "./chunks/chunk-2XJRNPFN.js";
import "./chunks/chunk-4JF5GZGF.js";
import "./chunks/chunk-LQF4GC26.js";
import "./chunks/chunk-TCEJORHH.js";
import "./chunks/chunk-TDYBMCZC.js";
import "./chunks/chunk-R5NBDDV7.js";
import "./chunks/chunk-QHHH2ICV.js";
import "./chunks/chunk-HMOPORX4.js";
import "./chunks/chunk-OTTGHUPR.js";
import "./chunks/chunk-SOSAWCCV.js";

// src/action/main.ts
await runMain();
