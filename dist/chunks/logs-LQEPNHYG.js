import { createRequire as __paddockRequire } from 'node:module'; import { dirname as __paddockDirname } from 'node:path'; import { fileURLToPath as __paddockPath } from 'node:url'; const require = __paddockRequire(import.meta.url); const __filename = __paddockPath(import.meta.url); const __dirname = __paddockDirname(__filename);
import {
  renderEvents
} from "./chunk-T7CW7WI3.js";
import {
  eventsPathOf,
  sessionEvents
} from "./chunk-ZNVYPLIK.js";
import "./chunk-TVY3EJEX.js";
import "./chunk-RNODK4TR.js";
import "./chunk-5PN5FHSY.js";
import "./chunk-M2VQG5J7.js";
import {
  getSandbox
} from "./chunk-SK5GQBPL.js";
import "./chunk-FZYK36Y7.js";
import "./chunk-CMXTYWWY.js";
import "./chunk-FMMQI7D6.js";
import "./chunk-27NLCFX3.js";
import "./chunk-OTUHDGGY.js";
import "./chunk-QHHH2ICV.js";
import "./chunk-HMOPORX4.js";
import {
  parseEvents,
  plural
} from "./chunk-4AY27MHB.js";
import {
  isPaddockError
} from "./chunk-SOSAWCCV.js";

// src/cli/logs.ts
import { open } from "node:fs/promises";
import { setTimeout as sleep } from "node:timers/promises";
function selectEvents(events, sandbox, flags) {
  return events.filter((e) => e.sandbox === sandbox && (!flags.denied || e.action === "deny"));
}
async function checkKnown(session, name, events) {
  if (events.some((e) => e.sandbox === name)) return;
  try {
    await getSandbox(session.id, name);
  } catch (error) {
    if (isPaddockError(error, "SANDBOX_NOT_FOUND")) throw error;
  }
}
async function showLogs(session, name, flags) {
  const events = await sessionEvents(await eventsPathOf(session));
  await checkKnown(session, name, events);
  process.stdout.write(renderEvents(selectEvents(events, name, flags), flags.output));
}
async function followLogs(session, name, flags, signal) {
  const path = await eventsPathOf(session);
  await checkKnown(session, name, await sessionEvents(path));
  const stop = new AbortController();
  const onSignal = () => stop.abort();
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  signal?.addEventListener("abort", onSignal, { once: true });
  let offset = 0;
  let partial = "";
  try {
    while (!stop.signal.aborted) {
      const handle = await open(path, "r").catch(() => void 0);
      if (handle) {
        try {
          const { size } = await handle.stat();
          if (size < offset) offset = 0;
          if (size > offset) {
            const buffer = Buffer.alloc(size - offset);
            const { bytesRead } = await handle.read(buffer, 0, buffer.length, offset);
            offset += bytesRead;
            const text = partial + buffer.subarray(0, bytesRead).toString("utf8");
            const cut = text.lastIndexOf("\n") + 1;
            partial = text.slice(cut);
            const { events, skipped } = parseEvents(text.slice(0, cut));
            if (skipped > 0)
              process.stderr.write(
                `paddock: ${plural(skipped, "line")} of ${path} ${skipped === 1 ? "is not an event" : "are not events"}
`
              );
            process.stdout.write(renderEvents(selectEvents(events, name, flags), flags.output));
          }
        } finally {
          await handle.close();
        }
      }
      await sleep(200, void 0, { signal: stop.signal }).catch(() => void 0);
    }
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
}
export {
  followLogs,
  selectEvents,
  showLogs
};
