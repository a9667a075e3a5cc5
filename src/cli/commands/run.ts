import type { Command } from 'commander';

/** `paddock run`: arrives with its issue. */
export function registerRun(program: Command): void {
  void program;
}
