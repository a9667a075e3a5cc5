import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { PaddockError } from '../common/errors.js';
import { writeFileAtomic } from '../common/files.js';
import { getSandbox, type SandboxInfo, type SandboxState } from '../sandbox/index.js';

// Readiness ("no user code before the fence") kept on disk, so it holds across processes: the creator writes
// `<stateDir>/ready/<name>` holding the container id once the gateway has installed and verified the fence.
// A container without a marker of its own id (being created, being restarted, its creator died mid-way) is
// not ready, whoever asks.

const dir = (stateDir: string): string => join(stateDir, 'ready');
const file = (stateDir: string, name: string): string => join(dir(stateDir), encodeURIComponent(name));

/** Record that `info`'s container is fenced. Called only after the fence hook resolved. */
export async function markReady(stateDir: string, info: SandboxInfo): Promise<void> {
  await writeFileAtomic(file(stateDir, info.name), `${info.id}\n`);
}

/** Forget a sandbox's readiness (it is deleted, or about to be replaced). */
export async function clearReady(stateDir: string, name: string): Promise<void> {
  await rm(file(stateDir, name), { force: true });
}

/** Forget every sandbox's readiness (the session's containers are gone). */
export async function clearAllReady(stateDir: string): Promise<void> {
  await rm(dir(stateDir), { recursive: true, force: true });
}

/** The container id last marked ready under `name`; null when none. */
export async function readyId(stateDir: string, name: string): Promise<string | null> {
  const text = await readFile(file(stateDir, name), 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return '';
    throw error; // unreadable is not "not ready yet": say why
  });
  return text.trim() === '' ? null : text.trim();
}

/**
 * The sandbox, when user code may run in it: running, and its container is the one marked ready.
 * SANDBOX_NOT_FOUND when it does not exist; SANDBOX_FAILED when it is not running; SANDBOX_NOT_READY when its
 * fence is not (yet) in place.
 */
export async function readySandbox(
  session: { readonly id: string; readonly stateDir: string },
  name: string,
): Promise<SandboxState> {
  const state = await getSandbox(session.id, name);
  if (state.state !== 'running') {
    throw new PaddockError(
      'SANDBOX_FAILED',
      `sandbox ${name} is ${state.state}; restart it with: paddock sandbox restart ${name}`,
    );
  }
  if ((await readyId(session.stateDir, name)) !== state.id) {
    throw new PaddockError(
      'SANDBOX_NOT_READY',
      `sandbox ${name} is not ready: its fence is not in place yet (it is being created or restarted, or the ` +
        `process creating it stopped); try again, or: paddock sandbox restart ${name}`,
    );
  }
  return state;
}
