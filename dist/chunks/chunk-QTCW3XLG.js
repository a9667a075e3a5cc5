import { createRequire as __paddockRequire } from 'node:module'; import { dirname as __paddockDirname } from 'node:path'; import { fileURLToPath as __paddockPath } from 'node:url'; const require = __paddockRequire(import.meta.url); const __filename = __paddockPath(import.meta.url); const __dirname = __paddockDirname(__filename);
import {
  option,
  parseCpus,
  parseMemory
} from "./chunk-5XKHJEB3.js";

// src/cli/limits.ts
function limitOptions(command) {
  return command.option("--cpus <n>", "CPU limit, e.g. 0.5 (default 1)", option(parseCpus)).option("--memory <size>", "memory for processes, e.g. 512m, 2g (default 1g)", option(parseMemory)).option(
    "--disk <size>",
    "size of /sandbox (in memory, added to the memory limit; default 1g)",
    option(parseMemory)
  );
}
function limitsFrom(flags) {
  return { cpus: flags.cpus, memoryBytes: flags.memory, diskBytes: flags.disk };
}

export {
  limitOptions,
  limitsFrom
};
