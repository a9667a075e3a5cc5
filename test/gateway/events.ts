import { readFile } from 'node:fs/promises';
import type { EgressEvent } from '../../src/common/event.js';

/** Every event in a session's JSONL file, in order. */
export async function readEvents(path: string): Promise<EgressEvent[]> {
  return (await readFile(path, 'utf8'))
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as EgressEvent);
}

/**
 * The events once `done` holds of them, or after `ms` for the caller's assertion to fail on. An http event is
 * written when the gateway sees its response close, which can come after the client (curl, or a socket in
 * the same process) has its last byte; reading the file right away races that.
 */
export async function eventsWhen(
  path: string,
  done: (all: EgressEvent[]) => boolean,
  ms = 5000,
): Promise<EgressEvent[]> {
  const deadline = Date.now() + ms;
  for (;;) {
    const all = await readEvents(path);
    if (done(all) || Date.now() > deadline) return all;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
