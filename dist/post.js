import { createRequire as __paddockRequire } from 'node:module'; import { dirname as __paddockDirname } from 'node:path'; import { fileURLToPath as __paddockPath } from 'node:url'; const require = __paddockRequire(import.meta.url); const __filename = __paddockPath(import.meta.url); const __dirname = __paddockDirname(__filename);
import {
  runPost
} from "./chunks/chunk-BKHY2MAT.js";
import "./chunks/chunk-LIBLUXTP.js";
import "./chunks/chunk-2A5L4NOG.js";
import "./chunks/chunk-YJ34VBSI.js";
import "./chunks/chunk-HEV734TG.js";
import "./chunks/chunk-2XJRNPFN.js";
import "./chunks/chunk-7KY6RAWY.js";
import "./chunks/chunk-FZYK36Y7.js";
import "./chunks/chunk-UXB5CA64.js";
import "./chunks/chunk-GAFCUATK.js";
import "./chunks/chunk-R5NBDDV7.js";
import "./chunks/chunk-OTUHDGGY.js";
import "./chunks/chunk-QHHH2ICV.js";
import "./chunks/chunk-HMOPORX4.js";
import "./chunks/chunk-ZQMI5UGJ.js";
import "./chunks/chunk-SOSAWCCV.js";

// src/action/post.ts
await runPost();
