import { createRequire as __paddockRequire } from 'node:module'; import { dirname as __paddockDirname } from 'node:path'; import { fileURLToPath as __paddockPath } from 'node:url'; const require = __paddockRequire(import.meta.url); const __filename = __paddockPath(import.meta.url); const __dirname = __paddockDirname(__filename);
var __create = Object.create;
var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __getProtoOf = Object.getPrototypeOf;
var __hasOwnProp = Object.prototype.hasOwnProperty;
var __require = /* @__PURE__ */ ((x) => typeof require !== "undefined" ? require : typeof Proxy !== "undefined" ? new Proxy(x, {
  get: (a, b) => (typeof require !== "undefined" ? require : a)[b]
}) : x)(function(x) {
  if (typeof require !== "undefined") return require.apply(this, arguments);
  throw Error('Dynamic require of "' + x + '" is not supported');
});
var __commonJS = (cb, mod) => function __require2() {
  try {
    return mod || (0, cb[__getOwnPropNames(cb)[0]])((mod = { exports: {} }).exports, mod), mod.exports;
  } catch (e) {
    throw mod = 0, e;
  }
};
var __copyProps = (to, from, except, desc) => {
  if (from && typeof from === "object" || typeof from === "function") {
    for (let key of __getOwnPropNames(from))
      if (!__hasOwnProp.call(to, key) && key !== except)
        __defProp(to, key, { get: () => from[key], enumerable: !(desc = __getOwnPropDesc(from, key)) || desc.enumerable });
  }
  return to;
};
var __toESM = (mod, isNodeMode, target) => (target = mod != null ? __create(__getProtoOf(mod)) : {}, __copyProps(
  // If the importer is in node compatibility mode or this is not an ESM
  // file that has been converted to a CommonJS file using a Babel-
  // compatible transform (i.e. "__esModule" has not been set), then set
  // "default" to the CommonJS "module.exports" for node compatibility.
  isNodeMode || !mod || !mod.__esModule ? __defProp(target, "default", { value: mod, enumerable: true }) : target,
  mod
));

// src/common/errors.ts
var PaddockError = class extends Error {
  name = "PaddockError";
  code;
  /** Every problem found, for input errors that collect more than one. */
  problems;
  constructor(code, message, options = {}) {
    super(message, options.cause === void 0 ? void 0 : { cause: options.cause });
    this.code = code;
    this.problems = options.problems ?? [];
  }
};
function isPaddockError(error, code) {
  return error instanceof PaddockError && (code === void 0 || error.code === code);
}
function formatProblem(p) {
  const where = [p.file, p.line, p.line !== void 0 ? p.column : void 0].filter((x) => x !== void 0);
  const field = p.field ? `${p.field}: ` : "";
  return `${where.join(":")}: ${field}${p.message}`;
}
var EXIT = {
  ok: 0,
  failed: 1,
  /** Unknown command or option, a bad flag value, a missing command or argument. */
  usage: 2,
  invalidInput: 3,
  engine: 4,
  gateway: 5,
  internal: 70,
  /** `--timeout` fired, as timeout(1). */
  timeout: 124,
  /** Interrupted by SIGINT (128 + 2); results so far were written. */
  interrupted: 130,
  /** Terminated by SIGTERM (128 + 15); results so far were written. */
  terminated: 143
};
var EXIT_FOR_CODE = {
  USAGE: EXIT.usage,
  POLICY_INVALID: EXIT.invalidInput,
  SPEC_INVALID: EXIT.invalidInput,
  INPUT_INVALID: EXIT.invalidInput,
  SANDBOX_NOT_FOUND: EXIT.invalidInput,
  SANDBOX_EXISTS: EXIT.invalidInput,
  COPY_REJECTED: EXIT.invalidInput,
  ENGINE_UNAVAILABLE: EXIT.engine,
  IMAGE_UNAVAILABLE: EXIT.engine,
  SANDBOX_FAILED: EXIT.engine,
  LANDLOCK_UNAVAILABLE: EXIT.engine,
  FENCE_FAILED: EXIT.gateway,
  SANDBOX_NOT_READY: EXIT.gateway,
  GATEWAY_UNAVAILABLE: EXIT.gateway,
  GATEWAY_FAILED: EXIT.gateway,
  EVIDENCE_INCOMPLETE: EXIT.gateway,
  PRIVILEGE_REQUIRED: EXIT.gateway,
  TIMEOUT: EXIT.timeout,
  CANCELLED: EXIT.interrupted,
  INTERNAL: EXIT.internal
};
var EXIT_FOR_SIGNAL = { SIGINT: EXIT.interrupted, SIGTERM: EXIT.terminated, SIGHUP: 129 };
var STOP_SIGNALS = Object.keys(EXIT_FOR_SIGNAL);
function exitForSignal(signal) {
  return EXIT_FOR_SIGNAL[signal] ?? EXIT.interrupted;
}
function exitCodeFor(error) {
  return isPaddockError(error) ? EXIT_FOR_CODE[error.code] : EXIT.internal;
}
function usageError(message) {
  return new PaddockError("USAGE", message);
}
function errorMessage(error) {
  if (error instanceof Error) return error.message;
  return String(error);
}

export {
  __require,
  __commonJS,
  __toESM,
  PaddockError,
  isPaddockError,
  formatProblem,
  EXIT,
  STOP_SIGNALS,
  exitForSignal,
  exitCodeFor,
  usageError,
  errorMessage
};
