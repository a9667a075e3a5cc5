import { createRequire as __paddockRequire } from 'node:module'; import { dirname as __paddockDirname } from 'node:path'; import { fileURLToPath as __paddockPath } from 'node:url'; const require = __paddockRequire(import.meta.url); const __filename = __paddockPath(import.meta.url); const __dirname = __paddockDirname(__filename);
import {
  runMain
} from "./chunks/chunk-4NJIPKMM.js";
import "./chunks/chunk-MMOFIPG7.js";
import "./chunks/chunk-Z2PU7GKG.js";
import "./chunks/chunk-52VPEZVJ.js";
import "./chunks/chunk-LFTDXFDL.js";
import "./chunks/chunk-TXWWBH5B.js";
import "./chunks/chunk-4RDHJCDK.js";
import "./chunks/chunk-WGTP3RLT.js";
import "./chunks/chunk-TCEJORHH.js";
import "./chunks/chunk-EPSTLGWR.js";
import "./chunks/chunk-LRZ2BAH2.js";
import "./chunks/chunk-CRNTXDI4.js";
import "./chunks/chunk-HMOPORX4.js";
import "./chunks/chunk-TEKYLUNB.js";
import "./chunks/chunk-TLRCKHB4.js";

// src/action/main.ts
await runMain();
