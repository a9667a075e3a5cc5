import type { Command } from 'commander';

/** `paddock policy`: arrives with its issue. */
export function registerPolicy(program: Command): void {
  void program;
}
