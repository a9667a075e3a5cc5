import { open } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { isPaddockError } from '../common/errors.js';
import { type EgressEvent, parseEvents } from '../common/event.js';
import { plural } from '../common/plural.js';
import { getSandbox } from '../sandbox/index.js';
import type { OutputFormat } from './flags.js';
import { renderEvents } from './render.js';
import type { CliSession } from './session.js';
import { eventsPathOf, sessionEvents } from './wiring.js';

export interface LogsFlags {
  readonly denied: boolean;
  readonly output: OutputFormat;
}

/** Events of one sandbox that the flags keep. Pure. */
export function selectEvents(
  events: readonly EgressEvent[],
  sandbox: string,
  flags: Pick<LogsFlags, 'denied'>,
): EgressEvent[] {
  return events.filter((e) => e.sandbox === sandbox && (!flags.denied || e.action === 'deny'));
}

/** SANDBOX_NOT_FOUND unless the sandbox exists or has left events behind (logs outlive sandboxes). */
async function checkKnown(session: CliSession, name: string, events: readonly EgressEvent[]): Promise<void> {
  if (events.some((e) => e.sandbox === name)) return;
  try {
    await getSandbox(session.id, name);
  } catch (error) {
    if (isPaddockError(error, 'SANDBOX_NOT_FOUND')) throw error;
  }
}

export async function showLogs(session: CliSession, name: string, flags: LogsFlags): Promise<void> {
  const events = await sessionEvents(await eventsPathOf(session));
  await checkKnown(session, name, events);
  process.stdout.write(renderEvents(selectEvents(events, name, flags), flags.output));
}

/** Print what is there, then every new matching line as the gateway appends it, until SIGINT/SIGTERM. */
export async function followLogs(
  session: CliSession,
  name: string,
  flags: LogsFlags,
  signal?: AbortSignal,
): Promise<void> {
  const path = await eventsPathOf(session);
  await checkKnown(session, name, await sessionEvents(path));
  const stop = new AbortController();
  const onSignal = (): void => stop.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  signal?.addEventListener('abort', onSignal, { once: true });
  let offset = 0;
  let partial = '';
  try {
    while (!stop.signal.aborted) {
      const handle = await open(path, 'r').catch(() => undefined);
      if (handle) {
        try {
          const { size } = await handle.stat();
          if (size < offset) offset = 0; // replaced: start over
          if (size > offset) {
            const buffer = Buffer.alloc(size - offset);
            const { bytesRead } = await handle.read(buffer, 0, buffer.length, offset);
            offset += bytesRead;
            const text = partial + buffer.subarray(0, bytesRead).toString('utf8');
            const cut = text.lastIndexOf('\n') + 1;
            partial = text.slice(cut);
            const { events, skipped } = parseEvents(text.slice(0, cut));
            if (skipped > 0)
              process.stderr.write(
                `paddock: ${plural(skipped, 'line')} of ${path} ${skipped === 1 ? 'is not an event' : 'are not events'}\n`,
              );
            process.stdout.write(renderEvents(selectEvents(events, name, flags), flags.output));
          }
        } finally {
          await handle.close();
        }
      }
      await sleep(200, undefined, { signal: stop.signal }).catch(() => undefined);
    }
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
