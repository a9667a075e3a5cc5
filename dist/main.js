import { createRequire as __paddockRequire } from 'node:module'; import { dirname as __paddockDirname } from 'node:path'; import { fileURLToPath as __paddockPath } from 'node:url'; const require = __paddockRequire(import.meta.url); const __filename = __paddockPath(import.meta.url); const __dirname = __paddockDirname(__filename);
import {
  runMain
} from "./chunks/chunk-MV24HELL.js";
import "./chunks/chunk-WSVW3X7W.js";
import "./chunks/chunk-NXICWXI2.js";
import "./chunks/chunk-52VPEZVJ.js";
import "./chunks/chunk-WDBVY3NZ.js";
import "./chunks/chunk-TXWWBH5B.js";
import "./chunks/chunk-CUMYXRO2.js";
import "./chunks/chunk-WGTP3RLT.js";
import "./chunks/chunk-TCEJORHH.js";
import "./chunks/chunk-JLZWN7TM.js";
import "./chunks/chunk-LRZ2BAH2.js";
import "./chunks/chunk-OT7SYHLQ.js";
import "./chunks/chunk-HMOPORX4.js";
import "./chunks/chunk-FOTOYPKO.js";
import "./chunks/chunk-TLRCKHB4.js";

// src/action/main.ts
await runMain();
