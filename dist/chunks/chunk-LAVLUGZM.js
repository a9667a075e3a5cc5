import { createRequire as __paddockRequire } from 'node:module'; import { dirname as __paddockDirname } from 'node:path'; import { fileURLToPath as __paddockPath } from 'node:url'; const require = __paddockRequire(import.meta.url); const __filename = __paddockPath(import.meta.url); const __dirname = __paddockDirname(__filename);
import {
  PaddockError,
  errorMessage
} from "./chunk-SOSAWCCV.js";

// src/common/plural.ts
function plural(count, word, many = `${word}s`) {
  return `${count} ${count === 1 ? word : many}`;
}

// src/common/event.ts
import { readFile } from "node:fs/promises";
var LABEL = { allow: "ALLOWED", deny: "DENIED", audit: "AUDIT" };
function escapeText(text) {
  const controls = /[\\\u0000-\u001f\u007f-\u009f]/g;
  return text.replace(controls, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`).replaceAll("##[", "##\\x5b");
}
function formatEvent(e) {
  const who = `${e.binary ?? "unknown"}${e.pid !== null ? `(${e.pid})` : ""}`;
  const where = `${e.host ?? e.ip ?? "?"}${e.port !== null ? `:${e.port}` : ""}`;
  const dest = e.method ? `${e.method} ${where}${e.path ?? ""}` : where;
  return escapeText(`${LABEL[e.action]} ${who} -> ${dest} [policy:${e.policy ?? "-"} reason:${e.reason}]`);
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
      `the decision log ${path} has ${plural(skipped, "line")} that ${skipped === 1 ? "is not an event" : "are not events"}: its evidence is incomplete`
    );
  }
  return options.sandbox === void 0 ? events : events.filter((e) => e.sandbox === options.sandbox);
}

// src/common/address.ts
import { isIP } from "node:net";
function parseHostPort(text, defaultPort) {
  const value = text.trim();
  let host = value;
  let port = String(defaultPort);
  const bracketed = /^\[([^\]]*)\](?::(.*))?$/.exec(value);
  if (bracketed) {
    host = bracketed[1] ?? "";
    port = bracketed[2] ?? port;
    if (isIP(host) !== 6) invalid(`expected an IPv6 address inside [ ], got ${JSON.stringify(text)}`);
  } else if (isIP(value) === 0 && value.includes(":")) {
    host = value.slice(0, value.lastIndexOf(":"));
    port = value.slice(value.lastIndexOf(":") + 1);
    if (isIP(host) === 6)
      invalid(`expected [V6]:PORT for an IPv6 address with a port, got ${JSON.stringify(text)}`);
  }
  const family = isIP(host);
  if (family === 0)
    invalid(`expected ADDR[:PORT] with an IP address (IPv6 as [ADDR]:PORT), got ${JSON.stringify(text)}`);
  const n = Number(port);
  if (!/^\d{1,5}$/.test(port) || n < 1 || n > 65535)
    invalid(`expected a port from 1 to 65535, got ${JSON.stringify(port)}`);
  return { host, port: n, family };
}
function formatHostPort(address) {
  return `${address.host.includes(":") ? `[${address.host}]` : address.host}:${address.port}`;
}
function invalid(message) {
  throw new PaddockError("INPUT_INVALID", message);
}

export {
  plural,
  escapeText,
  formatEvent,
  parseEvents,
  readEventLog,
  parseHostPort,
  formatHostPort
};
