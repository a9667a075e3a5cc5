import { createRequire as __paddockRequire } from 'node:module'; import { dirname as __paddockDirname } from 'node:path'; import { fileURLToPath as __paddockPath } from 'node:url'; const require = __paddockRequire(import.meta.url); const __filename = __paddockPath(import.meta.url); const __dirname = __paddockDirname(__filename);
import {
  STARTING_LINE,
  privateSocketHashes,
  writeLog
} from "./chunks/chunk-OTUHDGGY.js";
import "./chunks/chunk-SOSAWCCV.js";

// src/gateway/tiering.ts
import { setFlagsFromString } from "node:v8";
var TIERING = [
  "--always-sparkplug",
  "--invocation-count-for-maglev=50",
  // Node 24's V8 tiers up through Maglev (Node 22 has Maglev off)
  "--invocation-count-for-turbofan=100",
  "--minimum-invocations-after-ic-update=20"
];
function optimiseSooner() {
  for (const flag of TIERING) setFlagsFromString(flag);
}

// src/gateway/daemon.ts
optimiseSooner();
var argv = process.argv.slice(2);
var fencing = !argv.includes("--proxy-only");
var root = process.getuid?.() === 0;
var sharedHashesBack = fencing && root ? privateSocketHashes(writeLog) : () => void 0;
if (root || !fencing) process.stdout.write(`${STARTING_LINE}
`);
import("./chunks/run-daemon-V5CJGYWF.js").then(({ runDaemon }) => runDaemon(argv, { sharedHashesBack })).catch((error) => {
  sharedHashesBack();
  const code = error.code ?? "INTERNAL";
  writeLog(`paddock gateway failed [${code}]: ${String(error?.message ?? error)}`);
  process.exit(1);
});
