import { createRequire as __paddockRequire } from 'node:module'; import { dirname as __paddockDirname } from 'node:path'; import { fileURLToPath as __paddockPath } from 'node:url'; const require = __paddockRequire(import.meta.url); const __filename = __paddockPath(import.meta.url); const __dirname = __paddockDirname(__filename);
import {
  runPost
} from "./chunks/chunk-ZU7JIENQ.js";
import "./chunks/chunk-R5QCVESB.js";
import "./chunks/chunk-STHL3RIF.js";
import "./chunks/chunk-2S5ACFAB.js";
import "./chunks/chunk-M6RKYGDO.js";
import "./chunks/chunk-SLOUIFEV.js";
import "./chunks/chunk-LULFB5K4.js";
import "./chunks/chunk-QFBSLZIS.js";
import "./chunks/chunk-WYYN5YIU.js";
import "./chunks/chunk-PFZ7AY7B.js";
import "./chunks/chunk-M5XM77EN.js";
import "./chunks/chunk-HMOPORX4.js";
import "./chunks/chunk-YER4BX4J.js";
import "./chunks/chunk-5HXBOZL7.js";

// src/action/post.ts
await runPost();
