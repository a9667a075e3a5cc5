import { open, readFile, unlink } from 'node:fs/promises';
import { setTimeout as delay } from 'node:timers/promises';

/** How often a held lock is tried again, and how long it is waited for before going on without it. */
const RETRY_MS = 15;
const WAIT_MS = 10_000;

/**
 * A lock between processes of this host: a file made with O_EXCL that holds its owner's pid. A lock whose
 * owner is gone (crashed while holding it) is taken over. Resolves with its release, or with a release that
 * does nothing when the lock could not be had within `waitMs` or at all (another user's file): callers use it
 * to make a race rarer, never to be correct, so they go on without it rather than fail.
 */
export async function hostLock(path: string, waitMs = WAIT_MS): Promise<() => Promise<void>> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      const file = await open(path, 'wx', 0o644);
      await file.writeFile(`${process.pid}\n`);
      await file.close();
      let released = false;
      return async () => {
        if (released) return; // once: a second unlink could remove the next owner's lock
        released = true;
        await unlink(path).catch(() => undefined);
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') return async () => undefined;
    }
    const owner = Number((await readFile(path, 'utf8').catch(() => '')).trim());
    if (Number.isInteger(owner) && owner > 0 && !alive(owner)) {
      await unlink(path).catch(() => undefined); // its owner is gone: taken over (a racing taker may win)
      continue;
    }
    if (Date.now() >= deadline) return async () => undefined;
    await delay(RETRY_MS);
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // another user's: alive
  }
}
