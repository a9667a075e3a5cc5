import { createRequire as __paddockRequire } from 'node:module'; import { dirname as __paddockDirname } from 'node:path'; import { fileURLToPath as __paddockPath } from 'node:url'; const require = __paddockRequire(import.meta.url); const __filename = __paddockPath(import.meta.url); const __dirname = __paddockDirname(__filename);
import {
  runMain
} from "./chunks/chunk-PA6AMRVA.js";
import "./chunks/chunk-QWU5VMN4.js";
import "./chunks/chunk-2A5L4NOG.js";
import "./chunks/chunk-J4MSTGMR.js";
import "./chunks/chunk-5PN5FHSY.js";
import "./chunks/chunk-M2VQG5J7.js";
import "./chunks/chunk-SK5GQBPL.js";
import "./chunks/chunk-FZYK36Y7.js";
import "./chunks/chunk-CMXTYWWY.js";
import "./chunks/chunk-FMMQI7D6.js";
import "./chunks/chunk-27NLCFX3.js";
import "./chunks/chunk-OTUHDGGY.js";
import "./chunks/chunk-QHHH2ICV.js";
import "./chunks/chunk-HMOPORX4.js";
import "./chunks/chunk-4AY27MHB.js";
import "./chunks/chunk-SOSAWCCV.js";

// src/action/main.ts
await runMain();
