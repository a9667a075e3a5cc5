import { createRequire as __paddockRequire } from 'node:module'; import { dirname as __paddockDirname } from 'node:path'; import { fileURLToPath as __paddockPath } from 'node:url'; const require = __paddockRequire(import.meta.url); const __filename = __paddockPath(import.meta.url); const __dirname = __paddockDirname(__filename);
import {
  runPost
} from "./chunks/chunk-QXC2TCPN.js";
import "./chunks/chunk-RIBOAPG5.js";
import "./chunks/chunk-2A5L4NOG.js";
import "./chunks/chunk-YJ34VBSI.js";
import "./chunks/chunk-FKDDMAJQ.js";
import "./chunks/chunk-2XJRNPFN.js";
import "./chunks/chunk-TAZYOWEQ.js";
import "./chunks/chunk-FZYK36Y7.js";
import "./chunks/chunk-WKNDPKOR.js";
import "./chunks/chunk-OXER3JOZ.js";
import "./chunks/chunk-LAVLUGZM.js";
import "./chunks/chunk-OTUHDGGY.js";
import "./chunks/chunk-QHHH2ICV.js";
import "./chunks/chunk-HMOPORX4.js";
import "./chunks/chunk-4QEA3V3L.js";
import "./chunks/chunk-SOSAWCCV.js";

// src/action/post.ts
await runPost();
