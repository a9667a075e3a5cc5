import { createRequire as __paddockRequire } from 'node:module'; import { dirname as __paddockDirname } from 'node:path'; import { fileURLToPath as __paddockPath } from 'node:url'; const require = __paddockRequire(import.meta.url); const __filename = __paddockPath(import.meta.url); const __dirname = __paddockDirname(__filename);
import {
  gatewayStatus,
  stopGateway
} from "./chunk-QFBSLZIS.js";
import "./chunk-WYYN5YIU.js";
import "./chunk-5HXBOZL7.js";
export {
  gatewayStatus,
  stopGateway
};
