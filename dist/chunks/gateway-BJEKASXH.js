import { createRequire as __paddockRequire } from 'node:module'; import { dirname as __paddockDirname } from 'node:path'; import { fileURLToPath as __paddockPath } from 'node:url'; const require = __paddockRequire(import.meta.url); const __filename = __paddockPath(import.meta.url); const __dirname = __paddockDirname(__filename);
import "./chunk-M6RKYGDO.js";
import {
  Attribution,
  checkFence,
  fenceRules,
  fenceScript,
  findClientRow,
  installFence,
  parseSocketTable,
  runGateway
} from "./chunk-SLOUIFEV.js";
import "./chunk-LULFB5K4.js";
import {
  GatewayClient,
  gatewayStatus,
  stopGateway
} from "./chunk-QFBSLZIS.js";
import {
  startGateway
} from "./chunk-WYYN5YIU.js";
import "./chunk-HMOPORX4.js";
import "./chunk-YER4BX4J.js";
import "./chunk-5HXBOZL7.js";
export {
  Attribution,
  GatewayClient,
  checkFence,
  fenceRules,
  fenceScript,
  findClientRow,
  gatewayStatus,
  installFence,
  parseSocketTable,
  runGateway,
  startGateway,
  stopGateway
};
