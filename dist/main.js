import { createRequire as __paddockRequire } from 'node:module'; import { dirname as __paddockDirname } from 'node:path'; import { fileURLToPath as __paddockPath } from 'node:url'; const require = __paddockRequire(import.meta.url); const __filename = __paddockPath(import.meta.url); const __dirname = __paddockDirname(__filename);
import {
  runMain
} from "./chunks/chunk-MX5V7QWG.js";
import "./chunks/chunk-NDG3UY7U.js";
import "./chunks/chunk-X7E4LWPC.js";
import "./chunks/chunk-M6RKYGDO.js";
import "./chunks/chunk-U4MPIFIZ.js";
import "./chunks/chunk-JGQLSPYY.js";
import "./chunks/chunk-DFDSRAQG.js";
import "./chunks/chunk-6TN7LJPY.js";
import "./chunks/chunk-4ZVMO4J6.js";
import "./chunks/chunk-SI3UEJJH.js";
import "./chunks/chunk-OKT2S6WT.js";
import "./chunks/chunk-BJSNIIVT.js";
import "./chunks/chunk-MNX23CD7.js";

// src/action/main.ts
await runMain();
