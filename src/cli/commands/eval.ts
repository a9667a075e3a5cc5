import type { Command } from 'commander';

/** `paddock eval`: arrives with its issue. */
export function registerEval(program: Command): void {
  void program;
}
