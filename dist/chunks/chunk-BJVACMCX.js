import { createRequire as __paddockRequire } from 'node:module'; import { dirname as __paddockDirname } from 'node:path'; import { fileURLToPath as __paddockPath } from 'node:url'; const require = __paddockRequire(import.meta.url); const __filename = __paddockPath(import.meta.url); const __dirname = __paddockDirname(__filename);
import {
  CommanderError
} from "./chunk-JS57REYT.js";
import {
  EXIT,
  exitCodeFor,
  formatProblem,
  isPaddockError
} from "./chunk-4OLLYPHS.js";

// src/cli/output.ts
function reportError(error) {
  if (error instanceof CommanderError) {
    return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  }
  if (isPaddockError(error)) {
    process.stderr.write(`paddock: ${error.message}
`);
    for (const p of error.problems) process.stderr.write(`  ${formatProblem(p)}
`);
  } else {
    const text = error instanceof Error ? error.stack ?? error.message : String(error);
    process.stderr.write(`paddock: internal error: ${text}
`);
  }
  return exitCodeFor(error);
}
function table(headers, rows) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join("  ").trimEnd();
  return [line(headers), ...rows.map(line)].join("\n") + "\n";
}

export {
  reportError,
  table
};
