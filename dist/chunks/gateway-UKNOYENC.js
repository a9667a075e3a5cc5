import { createRequire as __paddockRequire } from 'node:module'; import { dirname as __paddockDirname } from 'node:path'; import { fileURLToPath as __paddockPath } from 'node:url'; const require = __paddockRequire(import.meta.url); const __filename = __paddockPath(import.meta.url); const __dirname = __paddockDirname(__filename);
import {
  GatewayClient,
  gatewayStatus,
  startGateway,
  stopGateway
} from "./chunk-CMXTYWWY.js";
import {
  Attribution,
  NO_PROXY,
  SANDBOX_PROXY_PORT,
  checkFence,
  enforcementOf,
  fenceRules,
  fenceScript,
  findClientRow,
  installFence,
  parseSocketTable,
  runGateway,
  statePaths,
  trustFiles
} from "./chunk-FMMQI7D6.js";
import "./chunk-27NLCFX3.js";
import "./chunk-OTUHDGGY.js";
import "./chunk-QHHH2ICV.js";
import "./chunk-HMOPORX4.js";
import "./chunk-4AY27MHB.js";
import "./chunk-SOSAWCCV.js";
export {
  Attribution,
  GatewayClient,
  NO_PROXY,
  SANDBOX_PROXY_PORT,
  checkFence,
  enforcementOf,
  fenceRules,
  fenceScript,
  findClientRow,
  gatewayStatus,
  installFence,
  parseSocketTable,
  runGateway,
  startGateway,
  statePaths,
  stopGateway,
  trustFiles
};
