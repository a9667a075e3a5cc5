import { createRequire as __paddockRequire } from 'node:module'; import { dirname as __paddockDirname } from 'node:path'; import { fileURLToPath as __paddockPath } from 'node:url'; const require = __paddockRequire(import.meta.url); const __filename = __paddockPath(import.meta.url); const __dirname = __paddockDirname(__filename);
import {
  runPost
} from "./chunks/chunk-2ORJ2FUY.js";
import "./chunks/chunk-6QM2LH53.js";
import "./chunks/chunk-63GEYWMP.js";
import "./chunks/chunk-YJ34VBSI.js";
import "./chunks/chunk-4RJPBEC5.js";
import "./chunks/chunk-GSQ5ORGF.js";
import "./chunks/chunk-LQF4GC26.js";
import "./chunks/chunk-TCEJORHH.js";
import "./chunks/chunk-G7CZ745Z.js";
import "./chunks/chunk-OP5VHYA3.js";
import "./chunks/chunk-HMOPORX4.js";
import "./chunks/chunk-DYR6OISW.js";
import "./chunks/chunk-SOSAWCCV.js";

// src/action/post.ts
await runPost();
