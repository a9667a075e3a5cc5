import { createRequire as __paddockRequire } from 'node:module'; import { dirname as __paddockDirname } from 'node:path'; import { fileURLToPath as __paddockPath } from 'node:url'; const require = __paddockRequire(import.meta.url); const __filename = __paddockPath(import.meta.url); const __dirname = __paddockDirname(__filename);
import {
  Session,
  closeSession,
  describeClose,
  fenceHook,
  readySandbox,
  removeSandbox
} from "./chunk-4LT2VJ5K.js";
import {
  DEFAULT_CREDENTIAL_HOSTS,
  placeholderFor,
  resolveCredentials
} from "./chunk-TXWWBH5B.js";
import "./chunk-4RDHJCDK.js";
import "./chunk-WGTP3RLT.js";
import "./chunk-TCEJORHH.js";
import "./chunk-ZART6J5K.js";
import "./chunk-LRZ2BAH2.js";
import "./chunk-CRNTXDI4.js";
import "./chunk-HMOPORX4.js";
import "./chunk-TEKYLUNB.js";
import "./chunk-TLRCKHB4.js";
export {
  DEFAULT_CREDENTIAL_HOSTS,
  Session,
  closeSession,
  describeClose,
  fenceHook,
  placeholderFor,
  readySandbox,
  removeSandbox,
  resolveCredentials
};
