import { createRequire as __paddockRequire } from 'node:module'; import { dirname as __paddockDirname } from 'node:path'; import { fileURLToPath as __paddockPath } from 'node:url'; const require = __paddockRequire(import.meta.url); const __filename = __paddockPath(import.meta.url); const __dirname = __paddockDirname(__filename);
import {
  runMain
} from "./chunks/chunk-SZ3TKXF4.js";
import "./chunks/chunk-H7IGP2XS.js";
import "./chunks/chunk-2A5L4NOG.js";
import "./chunks/chunk-J4MSTGMR.js";
import "./chunks/chunk-SCWLI6BU.js";
import "./chunks/chunk-2XJRNPFN.js";
import "./chunks/chunk-455OMNM7.js";
import "./chunks/chunk-FZYK36Y7.js";
import "./chunks/chunk-WKNXWWYG.js";
import "./chunks/chunk-7BQWM5R2.js";
import "./chunks/chunk-LAVLUGZM.js";
import "./chunks/chunk-OTUHDGGY.js";
import "./chunks/chunk-QHHH2ICV.js";
import "./chunks/chunk-HMOPORX4.js";
import "./chunks/chunk-4NM2L73D.js";
import "./chunks/chunk-SOSAWCCV.js";

// src/action/main.ts
await runMain();
