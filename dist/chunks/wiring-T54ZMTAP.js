import { createRequire as __paddockRequire } from 'node:module'; import { dirname as __paddockDirname } from 'node:path'; import { fileURLToPath as __paddockPath } from 'node:url'; const require = __paddockRequire(import.meta.url); const __filename = __paddockPath(import.meta.url); const __dirname = __paddockDirname(__filename);
import {
  createFenced,
  ensureGateway,
  eventsPathOf,
  policyFor,
  restartFenced,
  runningGateway,
  sessionEvents
} from "./chunk-KFOW2F3X.js";
import "./chunk-N2DMCACV.js";
import "./chunk-25GPBHSP.js";
import "./chunk-M6RKYGDO.js";
import "./chunk-SLOUIFEV.js";
import "./chunk-LULFB5K4.js";
import "./chunk-QFBSLZIS.js";
import "./chunk-WYYN5YIU.js";
import "./chunk-BCWXPYNO.js";
import "./chunk-PFZ7AY7B.js";
import "./chunk-M5XM77EN.js";
import "./chunk-HMOPORX4.js";
import "./chunk-YER4BX4J.js";
import "./chunk-5HXBOZL7.js";
export {
  createFenced,
  ensureGateway,
  eventsPathOf,
  policyFor,
  restartFenced,
  runningGateway,
  sessionEvents
};
