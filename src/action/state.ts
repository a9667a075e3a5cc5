import { readFile } from 'node:fs/promises';
import * as core from '@actions/core';
import { writeFileAtomic } from '../common/files.js';

/** What post needs to clean up after main: saved before anything is started. Never holds a token. */
export interface SessionState {
  readonly sessionId: string;
  /** The gateway's pid once it runs; null before. */
  readonly gatewayPid: number | null;
  /** The session's state folder (gateway socket, pid file, events). */
  readonly stateDir: string;
  readonly resultsDir: string;
}

/** Where main leaves the session for post. */
export interface StateStore {
  save(state: SessionState): Promise<void>;
  /** null when main never saved anything (it crashed early, or never ran). */
  load(): Promise<SessionState | null>;
}

/** Validate saved state; anything malformed reads as "nothing saved". Pure. */
export function parseState(text: string): SessionState | null {
  if (text.trim() === '') return null;
  try {
    const value = JSON.parse(text) as Partial<SessionState>;
    const pid = value.gatewayPid;
    if (
      typeof value.sessionId !== 'string' ||
      value.sessionId === '' ||
      typeof value.stateDir !== 'string' ||
      typeof value.resultsDir !== 'string' ||
      !(pid === null || (Number.isInteger(pid) && (pid as number) > 0))
    ) {
      return null;
    }
    return {
      sessionId: value.sessionId,
      gatewayPid: pid ?? null,
      stateDir: value.stateDir,
      resultsDir: value.resultsDir,
    };
  } catch {
    return null;
  }
}

const KEY = 'paddock-session';

/** The runner's state: `core.saveState` in main (GITHUB_STATE), `STATE_paddock-session` in post. */
export const actionsState: StateStore = {
  async save(state) {
    core.saveState(KEY, JSON.stringify(state));
  },
  async load() {
    return parseState(core.getState(KEY));
  },
};

/** A JSON file, for the CLI and tests. */
export function fileState(path: string): StateStore {
  return {
    save: (state) => writeFileAtomic(path, `${JSON.stringify(state)}\n`),
    load: async () => parseState(await readFile(path, 'utf8').catch(() => '')),
  };
}
