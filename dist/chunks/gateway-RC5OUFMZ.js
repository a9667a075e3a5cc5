import { createRequire as __paddockRequire } from 'node:module'; import { dirname as __paddockDirname } from 'node:path'; import { fileURLToPath as __paddockPath } from 'node:url'; const require = __paddockRequire(import.meta.url); const __filename = __paddockPath(import.meta.url); const __dirname = __paddockDirname(__filename);
import {
  dnsAddress,
  registerGateway
} from "./chunk-HVLXWDP7.js";
import "./chunk-XXOQ7YQX.js";
import "./chunk-5XKHJEB3.js";
import "./chunk-JS57REYT.js";
import "./chunk-4OLLYPHS.js";
export {
  dnsAddress,
  registerGateway
};
