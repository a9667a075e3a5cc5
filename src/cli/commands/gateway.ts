import type { Command } from 'commander';

/** `paddock gateway`: arrives with its issue. */
export function registerGateway(program: Command): void {
  void program;
}
