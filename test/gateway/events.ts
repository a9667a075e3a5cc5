import { type EgressEvent, readEventLog } from '../../src/common/event.js';

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
    const all = await readEventLog(path);
    if (done(all) || Date.now() > deadline) return all;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
