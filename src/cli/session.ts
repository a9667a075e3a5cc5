import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { PaddockError } from '../common/errors.js';

/** The session the CLI works in: one gateway, one network, one state folder. */
export interface CliSession {
  /** `local` unless `--session` or PADDOCK_SESSION says otherwise. */
  readonly id: string;
  /** Gateway socket, events log and the CLI's sandbox records live here. */
  readonly stateDir: string;
}

export const DEFAULT_SESSION = 'local';
const SESSION_ID = /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,39}$/;

/** Where every session's state folder lives: `${XDG_STATE_HOME:-$HOME/.local/state}/paddock`. */
export function stateRoot(env: NodeJS.ProcessEnv = process.env): string {
  const base =
    env.XDG_STATE_HOME && env.XDG_STATE_HOME !== ''
      ? env.XDG_STATE_HOME
      : join(env.HOME ?? homedir(), '.local', 'state');
  return join(base, 'paddock');
}

/**
 * The session from `--session`, else PADDOCK_SESSION, else `local`; its state folder from
 * PADDOCK_STATE_DIR, else `<stateRoot>/<session>`. Pure.
 */
export function sessionFrom(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): CliSession {
  const id =
    flag ?? (env.PADDOCK_SESSION && env.PADDOCK_SESSION !== '' ? env.PADDOCK_SESSION : DEFAULT_SESSION);
  if (!SESSION_ID.test(id)) {
    throw new PaddockError(
      'INPUT_INVALID',
      `expected a session id of letters, digits, _ . - (at most 40), got ${JSON.stringify(id)}`,
    );
  }
  const stateDir =
    env.PADDOCK_STATE_DIR && env.PADDOCK_STATE_DIR !== '' ? env.PADDOCK_STATE_DIR : join(stateRoot(env), id);
  return { id, stateDir };
}

/** Options every command sees (the global `--session`). */
export interface GlobalOptions {
  readonly session?: string;
}

/** The session of the command being run (global `--session`, PADDOCK_SESSION, or `local`). */
export const sessionOf = (cmd: Command): CliSession =>
  sessionFrom((cmd.optsWithGlobals() as GlobalOptions).session);
