import { createRequire as __paddockRequire } from 'node:module'; import { dirname as __paddockDirname } from 'node:path'; import { fileURLToPath as __paddockPath } from 'node:url'; const require = __paddockRequire(import.meta.url); const __filename = __paddockPath(import.meta.url); const __dirname = __paddockDirname(__filename);
import {
  runPost
} from "./chunks/chunk-INJEJA7T.js";
import "./chunks/chunk-BC53PZBB.js";
import "./chunks/chunk-LH5KDT6R.js";
import "./chunks/chunk-HYAM4YTO.js";
import "./chunks/chunk-3PDPC6JH.js";
import "./chunks/chunk-CLMKGVMX.js";
import "./chunks/chunk-KTTPCQYF.js";
import "./chunks/chunk-TCEJORHH.js";
import "./chunks/chunk-FGAQD4I5.js";
import "./chunks/chunk-JQR7UKUK.js";
import "./chunks/chunk-HMOPORX4.js";
import "./chunks/chunk-2O6DUJCZ.js";
import "./chunks/chunk-BJXUC3FK.js";

// src/action/post.ts
await runPost();
