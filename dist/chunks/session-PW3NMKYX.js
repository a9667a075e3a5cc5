import { createRequire as __paddockRequire } from 'node:module'; import { dirname as __paddockDirname } from 'node:path'; import { fileURLToPath as __paddockPath } from 'node:url'; const require = __paddockRequire(import.meta.url); const __filename = __paddockPath(import.meta.url); const __dirname = __paddockDirname(__filename);
import {
  Session,
  closeSession,
  describeClose,
  fenceHook,
  readySandbox,
  removeSandbox
} from "./chunk-5PN5FHSY.js";
import {
  DEFAULT_CREDENTIAL_HOSTS,
  placeholderFor,
  resolveCredentials
} from "./chunk-M2VQG5J7.js";
import "./chunk-SK5GQBPL.js";
import "./chunk-FZYK36Y7.js";
import "./chunk-CMXTYWWY.js";
import "./chunk-FMMQI7D6.js";
import "./chunk-27NLCFX3.js";
import "./chunk-OTUHDGGY.js";
import "./chunk-QHHH2ICV.js";
import "./chunk-HMOPORX4.js";
import "./chunk-4AY27MHB.js";
import "./chunk-SOSAWCCV.js";
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
