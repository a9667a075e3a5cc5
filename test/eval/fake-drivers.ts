import { appendFile, mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { EgressEvent } from '../../src/common/event.js';
import type { Drivers, EvalSession, ExecOutcome, RunSandbox } from '../../src/eval/drivers.js';

/** How a fake run behaves, keyed by run id. */
export interface FakeRun {
  readonly exitCode?: number;
  readonly execMs?: number;
  /** Decisions the fake gateway reports for the run (sandbox/run fields are filled in). */
  readonly events?: Partial<EgressEvent>[];
  /** Only written to the log, after the exec ended (a late decision). */
  readonly lateEvents?: Partial<EgressEvent>[];
  readonly failCreate?: string;
  readonly throwExec?: string;
  /** health() reports this after the exec (the sandbox went away under the command). */
  readonly vanish?: string;
  /** What health says when the gateway is gone (asked after every run). */
  readonly gatewayGone?: string;
  /** The gateway's write of this run's events is torn: half a line lands in the session log. */
  readonly tornLog?: boolean;
  /** What the agent's copy-out says it copied (paths under the run's `out/`; nothing is written). */
  readonly outputs?: readonly string[];
  /** What the agent's copy-out says it refused. */
  readonly refused?: readonly { path: string; reason: string }[];
  /** The verify phase's behaviour: its exit code, decisions, and the score.json it writes (text). */
  readonly verify?: {
    readonly exitCode?: number;
    readonly events?: Partial<EgressEvent>[];
    readonly score?: string;
  };
}

/** The key of `runs` that gives the setup sandbox's behaviour (no run id has angle brackets). */
export const FAKE_SETUP = '<setup>';

export interface FakeLedger {
  /** Gateway or sandbox health round trips asked by the lifecycle. */
  healthChecks: number;
  /** Images the fakes know, by tag: setup images found, committed and tagged. */
  images: Map<string, { id: string; labels: Record<string, string> }>;
  /** Commits made (setup images built). */
  commits: number;
  /** Each sandbox made, as `name@image`. */
  sandboxImages: string[];
  created: string[];
  deleted: string[];
  executing: number;
  maxExecuting: number;
  /** Creations that started while some exec was running. */
  createdDuringExec: number;
  /** Phases entered, as `sandbox:phase:network policy names`. */
  phases: string[];
  /** Sandboxes from the start of their creation to the end of their command (or their deletion). */
  held: number;
  maxHeld: number;
  closed: boolean;
  /** When quiesce was called: how many sandboxes were deleted by then, and whether the session was closed. */
  quiesced?: { deleted: number; closed: boolean };
  sessionId?: string;
}

export function event(over: Partial<EgressEvent>): EgressEvent {
  return {
    time: new Date().toISOString(),
    session: 's',
    sandbox: null,
    run: null,
    action: 'deny',
    layer: 'connect',
    protocol: 'tcp',
    host: 'evil.test',
    ip: '198.18.0.7',
    port: 443,
    binary: '/usr/bin/curl',
    pid: 9,
    ancestors: [],
    cmdline: null,
    policy: null,
    reason: 'no matching policy',
    ...over,
  };
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason); // aborted before it began: no abort event will come
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(t);
      reject(signal.reason);
    });
  });

/** In-memory drivers: no Docker, no gateway; behaviour per run from `runs`. */
export function fakeDrivers(
  stateRoot: string,
  runs: Readonly<Record<string, FakeRun>> = {},
  timing: { createMs?: number; deleteMs?: number } = {},
): { drivers: Drivers; ledger: FakeLedger } {
  const ledger: FakeLedger = {
    images: new Map(),
    commits: 0,
    sandboxImages: [],
    created: [],
    deleted: [],
    executing: 0,
    maxExecuting: 0,
    createdDuringExec: 0,
    phases: [],
    held: 0,
    maxHeld: 0,
    closed: false,
    healthChecks: 0,
  };
  const drivers: Drivers = {
    prepareImage: async () => ({ digest: 'sha256:fake', id: 'sha256:fakebase' }),
    findImage: async (ref) => ledger.images.get(ref),
    async tagImage(id, ref) {
      const made = [...ledger.images.values()].find((i) => i.id === id);
      ledger.images.set(ref, { id, labels: made?.labels ?? {} });
    },
    removeImage: async () => undefined,
    loadPolicy: async (ref) => ({
      policy: {
        version: 1,
        source: ref.kind === 'ref' ? ref.ref : '<inline>',
        filesystem_policy: { include_workdir: true, read_only: [], read_write: [] },
        landlock: { compatibility: 'best_effort' },
        process: {},
        network_policies: [],
      },
      warnings: [],
    }),
    async openSession(options): Promise<EvalSession> {
      ledger.sessionId = options.id;
      const eventsPath = join(stateRoot, options.id, 'events.jsonl');
      await mkdir(join(stateRoot, options.id), { recursive: true });
      await writeFile(eventsPath, '');
      const log = (e: EgressEvent) => appendFile(eventsPath, `${JSON.stringify(e)}\n`);
      return {
        id: options.id,
        eventsPath,
        enforcement: 'enforce',
        async createSandbox(request): Promise<RunSandbox> {
          if (ledger.executing > 0) ledger.createdDuringExec++;
          ledger.maxHeld = Math.max(ledger.maxHeld, ++ledger.held);
          let holding = true;
          const letGo = () => {
            if (holding) ledger.held--;
            holding = false;
          };
          await sleep(timing.createMs ?? 5, request.signal).catch((e) => {
            letGo();
            throw e;
          });
          const behaviour = runs[request.setup ? FAKE_SETUP : (request.run ?? '')] ?? {};
          if (behaviour.failCreate) {
            letGo();
            throw new Error(behaviour.failCreate);
          }
          ledger.created.push(request.name);
          ledger.sandboxImages.push(`${request.name}@${request.image}`);
          const mine: EgressEvent[] = [];
          let phase: string | undefined;
          return {
            name: request.name,
            copyIn: async () => undefined,
            async enterPhase(name, policy) {
              phase = name;
              ledger.phases.push(
                `${request.name}:${name}:${policy.network_policies.map((p) => p.name).join(',')}`,
              );
            },
            run(req): Promise<ExecOutcome> {
              // The real one starts the command the sandbox was created with; the fake runs it as an exec.
              return (this as RunSandbox).exec({ ...req, command: request.command ?? '' });
            },
            async exec(exec): Promise<ExecOutcome> {
              if (phase === 'verify' && String(exec.command).startsWith('rm -rf -- /sandbox/score.json'))
                return { exitCode: 0, timedOut: false, truncated: false, durationMs: 1 };
              if (phase === 'verify') {
                for (const e of behaviour.verify?.events ?? []) {
                  const full = event({ ...e, sandbox: request.name, run: request.run, phase: 'verify' });
                  mine.push(full);
                  await log(full);
                }
                if (typeof exec.stdout === 'string') {
                  await mkdir(dirname(exec.stdout), { recursive: true });
                  await writeFile(exec.stdout, 'verified\n');
                }
                const code = behaviour.verify?.exitCode ?? 0;
                return { exitCode: code, timedOut: false, truncated: false, durationMs: 1 };
              }
              ledger.executing++;
              ledger.maxExecuting = Math.max(ledger.maxExecuting, ledger.executing);
              try {
                if (behaviour.throwExec) throw new Error(behaviour.throwExec);
                const ms = behaviour.execMs ?? 10;
                const timedOut = ms > exec.timeoutMs;
                await sleep(Math.min(ms, exec.timeoutMs), exec.signal);
                for (const e of behaviour.events ?? []) {
                  const stamp = request.setup ? { phase: 'setup' } : {};
                  const full = event({ ...e, sandbox: request.name, run: request.run ?? null, ...stamp });
                  mine.push(full);
                  await log(full);
                }
                if (typeof exec.stdout === 'string') {
                  await mkdir(dirname(exec.stdout), { recursive: true });
                  await writeFile(exec.stdout, `${request.env.PADDOCK_RUN ?? exec.env?.PADDOCK_PHASE}\n`);
                }
                return {
                  exitCode: timedOut ? null : (behaviour.exitCode ?? 0),
                  timedOut,
                  truncated: false,
                  durationMs: ms,
                };
              } finally {
                ledger.executing--;
                letGo();
                for (const e of behaviour.lateEvents ?? [])
                  await log(event({ ...e, sandbox: request.name, run: request.run ?? null }));
                if (behaviour.tornLog)
                  await appendFile(eventsPath, '{"time":"2026-01-01T00:00:00.000Z","sess');
              }
            },
            async copyOut(globs, destDir) {
              const score = behaviour.verify?.score;
              if (phase !== 'verify')
                return { files: behaviour.outputs ?? [], rejected: behaviour.refused ?? [] };
              if (score === undefined || !globs.includes('score.json')) return { files: [] };
              await mkdir(destDir, { recursive: true });
              await writeFile(join(destDir, 'score.json'), score);
              return { files: ['score.json'] };
            },
            async commit(labels) {
              const id = `sha256:built${++ledger.commits}`;
              ledger.images.set(`untagged:${id}`, { id, labels: { ...labels } });
              return id;
            },
            // As the real one: a command that ended by itself had its sandbox up, only the gateway is asked.
            health: async (exited) => {
              ledger.healthChecks++;
              return exited ? behaviour.gatewayGone : (behaviour.gatewayGone ?? behaviour.vanish);
            },
            events: async () => {
              // Events come from the gateway: none to be had from one that is gone.
              if (behaviour.gatewayGone) throw new Error('connect ENOENT gateway.sock');
              return [...mine];
            },
            async delete() {
              letGo();
              await sleep(timing.deleteMs ?? 1);
              ledger.deleted.push(request.name);
            },
          };
        },
        async quiesce() {
          ledger.quiesced = { deleted: ledger.deleted.length, closed: ledger.closed };
        },
        async close() {
          ledger.closed = true;
          return [];
        },
      };
    },
  };
  return { drivers, ledger };
}
