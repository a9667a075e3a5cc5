import { createRequire as __paddockRequire } from 'node:module'; import { dirname as __paddockDirname } from 'node:path'; import { fileURLToPath as __paddockPath } from 'node:url'; const require = __paddockRequire(import.meta.url); const __filename = __paddockPath(import.meta.url); const __dirname = __paddockDirname(__filename);
import {
  PaddockError
} from "./chunk-SOSAWCCV.js";

// src/cli/session.ts
import { homedir } from "node:os";
import { join } from "node:path";
var DEFAULT_SESSION = "local";
var SESSION_ID = /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,39}$/;
function stateRoot(env = process.env) {
  const base = env.XDG_STATE_HOME && env.XDG_STATE_HOME !== "" ? env.XDG_STATE_HOME : join(env.HOME ?? homedir(), ".local", "state");
  return join(base, "paddock");
}
function sessionFrom(flag, env = process.env) {
  const id = flag ?? (env.PADDOCK_SESSION && env.PADDOCK_SESSION !== "" ? env.PADDOCK_SESSION : DEFAULT_SESSION);
  if (!SESSION_ID.test(id)) {
    throw new PaddockError(
      "INPUT_INVALID",
      `expected a session id of letters, digits, _ . - (at most 40), got ${JSON.stringify(id)}`
    );
  }
  const stateDir = env.PADDOCK_STATE_DIR && env.PADDOCK_STATE_DIR !== "" ? env.PADDOCK_STATE_DIR : join(stateRoot(env), id);
  return { id, stateDir };
}
var sessionOf = (cmd) => sessionFrom(cmd.optsWithGlobals().session);

export {
  stateRoot,
  sessionFrom,
  sessionOf
};
