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
var stop = new AbortController();
var stopFor = (why) => () => {
  if (!stop.signal.aborted) stop.abort(new Error(why));
};
var ready = false;
process.on("SIGTERM", stopFor("asked to stop (SIGTERM)"));
process.on("SIGINT", stopFor("asked to stop (SIGINT)"));
process.on("SIGHUP", () => void 0);
process.stdout.on("error", () => {
  if (!ready) stopFor("the process that started it is gone (its end of stdout is closed)")();
});
if (root || !fencing) process.stdout.write(`${STARTING_LINE}
`);
import("./chunks/run-daemon-U2VGEIEP.js").then(
  ({ runDaemon }) => runDaemon(argv, {
    sharedHashesBack,
    stop: stop.signal,
    onReady: () => {
      ready = true;
    }
  })
).catch((error) => {
  sharedHashesBack();
  const code = error.code ?? "INTERNAL";
  writeLog(`paddock gateway failed [${code}]: ${String(error?.message ?? error)}`);
  process.exit(1);
});
