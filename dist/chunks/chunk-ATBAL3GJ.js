import { createRequire as __paddockRequire } from 'node:module'; import { dirname as __paddockDirname } from 'node:path'; import { fileURLToPath as __paddockPath } from 'node:url'; const require = __paddockRequire(import.meta.url); const __filename = __paddockPath(import.meta.url); const __dirname = __paddockDirname(__filename);
import {
  PaddockError,
  errorMessage
} from "./chunk-4OLLYPHS.js";

// src/common/event.ts
import { readFile } from "node:fs/promises";
var LABEL = { allow: "ALLOWED", deny: "DENIED", audit: "AUDIT" };
function formatEvent(e) {
  const who = `${e.binary ?? "unknown"}${e.pid !== null ? `(${e.pid})` : ""}`;
  const dest = `${e.host ?? e.ip ?? "?"}${e.port !== null ? `:${e.port}` : ""}`;
  return `${LABEL[e.action]} ${who} -> ${dest} [policy:${e.policy ?? "-"} reason:${e.reason}]`;
}
function parseEvents(text) {
  const events = [];
  let skipped = 0;
  for (const line of text.split("\n")) {
    if (line.trim() === "") continue;
    try {
      const value = JSON.parse(line);
      if (value && typeof value === "object" && typeof value.action === "string" && typeof value.layer === "string") {
        events.push(value);
      } else skipped++;
    } catch {
      skipped++;
    }
  }
  return { events, skipped };
}
async function readEventLog(path, options = {}) {
  let text;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if (options.missing === "empty" && error.code === "ENOENT") return [];
    throw new PaddockError(
      "EVIDENCE_INCOMPLETE",
      `cannot read the decision log ${path}: ${errorMessage(error)}`,
      {
        cause: error
      }
    );
  }
  const { events, skipped } = parseEvents(text);
  if (skipped > 0) {
    throw new PaddockError(
      "EVIDENCE_INCOMPLETE",
      `the decision log ${path} has ${skipped} line(s) that are not events: its evidence is incomplete`
    );
  }
  return options.sandbox === void 0 ? events : events.filter((e) => e.sandbox === options.sandbox);
}

export {
  formatEvent,
  parseEvents,
  readEventLog
};
