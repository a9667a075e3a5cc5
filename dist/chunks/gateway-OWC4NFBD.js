import { createRequire as __paddockRequire } from 'node:module'; import { dirname as __paddockDirname } from 'node:path'; import { fileURLToPath as __paddockPath } from 'node:url'; const require = __paddockRequire(import.meta.url); const __filename = __paddockPath(import.meta.url); const __dirname = __paddockDirname(__filename);
import {
  dnsAddress,
  registerGateway
} from "./chunk-RNV5ULV5.js";
import "./chunk-YRL3S5E2.js";
import "./chunk-RQV5PDPP.js";
import "./chunk-GEUWJCTC.js";
import "./chunk-MNX23CD7.js";
export {
  dnsAddress,
  registerGateway
};
