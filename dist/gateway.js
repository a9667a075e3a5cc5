import { createRequire as __paddockRequire } from 'node:module'; import { dirname as __paddockDirname } from 'node:path'; import { fileURLToPath as __paddockPath } from 'node:url'; const require = __paddockRequire(import.meta.url); const __filename = __paddockPath(import.meta.url); const __dirname = __paddockDirname(__filename);
import {
  STARTING_LINE,
  privateSocketHashes,
  writeLog
} from "./chunks/chunk-OTUHDGGY.js";
import "./chunks/chunk-SOSAWCCV.js";

// src/gateway/daemon.ts
var argv = process.argv.slice(2);
var fencing = !argv.includes("--proxy-only");
var root = process.getuid?.() === 0;
var sharedHashesBack = fencing && root ? privateSocketHashes(writeLog) : () => void 0;
if (root || !fencing) process.stdout.write(`${STARTING_LINE}
`);
import("./chunks/run-daemon-7557VABE.js").then(({ runDaemon }) => runDaemon(argv, { sharedHashesBack })).catch((error) => {
  sharedHashesBack();
  const code = error.code ?? "INTERNAL";
  writeLog(`paddock gateway failed [${code}]: ${String(error?.message ?? error)}`);
  process.exit(1);
});
