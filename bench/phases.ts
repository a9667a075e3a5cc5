// Drivers that time each phase of an eval run (bench/eval.ts): they wrap the real ones and change nothing else.
import type { Drivers, EvalSession, RunSandbox } from '../src/eval/drivers.js';

type Phases = Map<string, number[]>;

async function timed<T>(phases: Phases, name: string, f: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await f();
  } finally {
    phases.set(name, [...(phases.get(name) ?? []), performance.now() - started]);
  }
}

function timedSandbox(sandbox: RunSandbox, phases: Phases): RunSandbox {
  return {
    ...sandbox,
    name: sandbox.name,
    copyIn: (files) => timed(phases, 'copy in', () => sandbox.copyIn(files)),
    run: (request) => timed(phases, 'run (release → status)', () => sandbox.run(request)),
    copyOut: (globs, dest) => timed(phases, 'copy out', () => sandbox.copyOut(globs, dest)),
    health: () => timed(phases, 'health check', () => sandbox.health()),
    events: () => timed(phases, 'events', () => sandbox.events()),
    delete: () => timed(phases, 'teardown (delete)', () => sandbox.delete()),
  };
}

/** The same drivers, recording each phase's duration (ms) under its name in `phases`. */
export function timedDrivers(drivers: Drivers, phases: Phases): Drivers {
  return {
    ...drivers,
    prepareImage: (ref, signal) =>
      timed(phases, 'image check (once)', () => drivers.prepareImage(ref, signal)),
    async openSession(options) {
      const session = await timed(phases, 'session open (once)', () => drivers.openSession(options));
      const wrapped: EvalSession = {
        ...session,
        id: session.id,
        eventsPath: session.eventsPath,
        enforcement: session.enforcement,
        createSandbox: async (request) =>
          timedSandbox(
            await timed(phases, 'create + fence (+ probe)', () => session.createSandbox(request)),
            phases,
          ),
        close: () => timed(phases, 'session close (once)', () => session.close()),
      };
      return wrapped;
    },
  };
}
