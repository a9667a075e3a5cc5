import type { Command } from 'commander';
import type { SandboxLimits } from '../sandbox/index.js';
import { option, parseCpus, parseMemory } from './flags.js';

/** The resource flags of `sandbox create` and `run`, as commander gives them. */
export interface LimitFlags {
  /** @default the driver's (1 CPU) */
  readonly cpus?: number;
  /** Memory for processes, in bytes. @default the driver's (1 GiB) */
  readonly memory?: number;
  /** Size of /sandbox in bytes. @default the driver's (1 GiB) */
  readonly disk?: number;
}

/** Add `--cpus`, `--memory` and `--disk` to a command. */
export function limitOptions(command: Command): Command {
  return command
    .option('--cpus <n>', 'CPU limit, e.g. 0.5 (default 1)', option(parseCpus))
    .option('--memory <size>', 'memory for processes, e.g. 512m, 2g (default 1g)', option(parseMemory))
    .option(
      '--disk <size>',
      'size of /sandbox (in memory, added to the memory limit; default 1g)',
      option(parseMemory),
    );
}

/** The driver's limits from the flags; unset flags keep the driver's defaults. */
export function limitsFrom(flags: LimitFlags): SandboxLimits {
  return { cpus: flags.cpus, memoryBytes: flags.memory, diskBytes: flags.disk };
}
