import type { Command } from 'commander';

/** `paddock sandbox`: arrives with its issue. */
export function registerSandbox(program: Command): void {
  void program;
}
