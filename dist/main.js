import { createRequire as __paddockRequire } from 'node:module'; import { dirname as __paddockDirname } from 'node:path'; import { fileURLToPath as __paddockPath } from 'node:url'; const require = __paddockRequire(import.meta.url); const __filename = __paddockPath(import.meta.url); const __dirname = __paddockDirname(__filename);
import {
  runMain
} from "./chunks/chunk-WFOX3Z6H.js";
import "./chunks/chunk-CSAZGWX4.js";
import "./chunks/chunk-Z2PU7GKG.js";
import "./chunks/chunk-52VPEZVJ.js";
import "./chunks/chunk-4LT2VJ5K.js";
import "./chunks/chunk-TXWWBH5B.js";
import "./chunks/chunk-4RDHJCDK.js";
import "./chunks/chunk-WGTP3RLT.js";
import "./chunks/chunk-TCEJORHH.js";
import "./chunks/chunk-ZART6J5K.js";
import "./chunks/chunk-LRZ2BAH2.js";
import "./chunks/chunk-CRNTXDI4.js";
import "./chunks/chunk-HMOPORX4.js";
import "./chunks/chunk-TEKYLUNB.js";
import "./chunks/chunk-TLRCKHB4.js";

// src/action/main.ts
await runMain();
