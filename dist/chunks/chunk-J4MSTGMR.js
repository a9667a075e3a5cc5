import { createRequire as __paddockRequire } from 'node:module'; import { dirname as __paddockDirname } from 'node:path'; import { fileURLToPath as __paddockPath } from 'node:url'; const require = __paddockRequire(import.meta.url); const __filename = __paddockPath(import.meta.url); const __dirname = __paddockDirname(__filename);
import {
  PaddockError
} from "./chunk-SOSAWCCV.js";

// src/common/duration.ts
var UNITS = { ms: 1, s: 1e3, m: 6e4, h: 36e5 };
var WHOLE = /^(?:\d+(?:\.\d+)?(?:ms|s|m|h))+$/;
var PART = /(\d+(?:\.\d+)?)(ms|s|m|h)/g;
var MAX_MS = 2 ** 31 - 1;
function parseDuration(text) {
  const trimmed = text.trim();
  if (!WHOLE.test(trimmed)) {
    const hint = /^\d+(\.\d+)?$/.test(trimmed) ? ` (add a unit: ${trimmed}s or ${trimmed}m)` : "";
    throw new PaddockError(
      "INPUT_INVALID",
      `expected a duration such as 90s, 10m or 1h30m, got ${JSON.stringify(text)}${hint}`
    );
  }
  let total = 0;
  for (const [, amount, unit] of trimmed.matchAll(PART))
    total += Number(amount) * (UNITS[unit] ?? 0);
  const ms = Math.round(total);
  if (ms <= 0)
    throw new PaddockError("INPUT_INVALID", `expected a duration above 0, got ${JSON.stringify(text)}`);
  if (ms > MAX_MS)
    throw new PaddockError(
      "INPUT_INVALID",
      `expected a duration of at most 596h, got ${JSON.stringify(text)}`
    );
  return ms;
}
function formatDuration(ms) {
  if (ms >= 36e5 && ms % 6e4 === 0) {
    const minutes = ms % 36e5 / 6e4;
    return `${Math.floor(ms / 36e5)}h${minutes ? `${minutes}m` : ""}`;
  }
  if (ms >= 6e4 && ms % 6e4 === 0) return `${ms / 6e4}m`;
  if (ms >= 1e3) return `${Number((ms / 1e3).toFixed(1))}s`;
  return `${ms}ms`;
}

export {
  parseDuration,
  formatDuration
};
