import { createRequire as __paddockRequire } from 'node:module'; import { dirname as __paddockDirname } from 'node:path'; import { fileURLToPath as __paddockPath } from 'node:url'; const require = __paddockRequire(import.meta.url); const __filename = __paddockPath(import.meta.url); const __dirname = __paddockDirname(__filename);
import {
  runPost
} from "./chunks/chunk-MKUPPWF5.js";
import "./chunks/chunk-GYRP6IGW.js";
import "./chunks/chunk-I2LLOHEQ.js";
import "./chunks/chunk-YJ34VBSI.js";
import "./chunks/chunk-V4UF7DYF.js";
import "./chunks/chunk-2XJRNPFN.js";
import "./chunks/chunk-WQVOOBAQ.js";
import "./chunks/chunk-756DLTPG.js";
import "./chunks/chunk-TCEJORHH.js";
import "./chunks/chunk-DQB3ZRCK.js";
import "./chunks/chunk-R5NBDDV7.js";
import "./chunks/chunk-QHHH2ICV.js";
import "./chunks/chunk-HMOPORX4.js";
import "./chunks/chunk-OTTGHUPR.js";
import "./chunks/chunk-SOSAWCCV.js";

// src/action/post.ts
await runPost();
