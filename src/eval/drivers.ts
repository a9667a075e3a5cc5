import type { Writable } from 'node:stream';
import type { Problem } from '../common/errors.js';
import type { EgressEvent } from '../common/event.js';
import type { Policy } from '../policy/types.js';
import type { LandlockStatus } from '../sandbox/index.js';
import type { CredentialRequest } from '../session/credentials.js';
import type { Refusal } from './results.js';
import type { PolicyRef } from './spec/types.js';

/**
 * The seam between the eval engine and the outside world (sandbox driver, gateway, policy loader).
 * runEval uses the real ones (src/eval/session.ts) unless a test passes fakes.
 */
export interface Drivers {
  /** Start what a session needs (network, gateway) and return a handle that makes fenced sandboxes. */
  openSession(options: SessionOptions): Promise<EvalSession>;
  /** Make sure the image is usable (bootstrap the base image, pull when missing); return its digest and id. */
  prepareImage(
    ref: string,
    signal?: AbortSignal,
  ): Promise<{ readonly digest: string | null; readonly id: string }>;
  /** The local image under a tag, with its labels; undefined when there is none. */
  findImage(
    ref: string,
  ): Promise<{ readonly id: string; readonly labels: Readonly<Record<string, string>> } | undefined>;
  /** Point a tag at an image. */
  tagImage(id: string, ref: string): Promise<void>;
  /** Remove an image by id (left alone when in use or gone). Never throws. */
  removeImage(id: string): Promise<void>;
  /** Resolve `policy:` (a path relative to baseDir, a shipped name, or inline in the spec text). */
  loadPolicy(
    ref: PolicyRef,
    where: { readonly specFile: string; readonly specText: string },
  ): Promise<{ readonly policy: Policy; readonly warnings: readonly Problem[] }>;
}

export interface SessionOptions {
  readonly id: string;
  /** Host folder for the session's gateway state (socket, events log). */
  readonly stateDir: string;
  /** Upstream name overrides (`gateway.hosts`). */
  readonly hosts: Readonly<Record<string, string>>;
  /** `ADDR[:PORT]`; the host's resolver when absent. */
  readonly upstreamDns?: string;
  /** Absolute paths of CA files upstream TLS servers may chain to (`gateway.upstream-ca`). @default [] */
  readonly upstreamCa?: readonly string[];
  /** Log and allow instead of deny (audit mode). @default false */
  readonly audit?: boolean;
  /** `gateway.enforcement: proxy-only`: no fence or attribution, the explicit proxy only. @default false */
  readonly proxyOnly?: boolean;
  /**
   * The session was named by the caller and may hold other sandboxes: attach to it (or start its gateway),
   * and at the end remove only this eval's sandboxes. Otherwise the session must be new and is removed whole.
   * @default false
   */
  readonly shared?: boolean;
  /** Progress lines. @default none */
  readonly log?: (line: string) => void;
  readonly signal?: AbortSignal;
}

export interface EvalSession {
  readonly id: string;
  /** The gateway's JSONL decision log; it survives gateway death. */
  readonly eventsPath: string;
  readonly enforcement: 'enforce' | 'proxy-only';
  /**
   * Resolves once the gateway is ready, or rejects with why it could not start. A session may be handed over
   * while its gateway starts: sandboxes can be created at once (each waits for the gateway before it starts).
   * @default ready when opened
   */
  ready?(): Promise<void>;
  /** Create a sandbox whose fence is installed before this resolves; user code may run after. */
  createSandbox(request: SandboxRequest): Promise<RunSandbox>;
  /**
   * No sandbox will be made or run any more (every run's command has ended, and init killed what it left): an
   * own session stops its gateway now, so its decision log is complete before the results are judged from it,
   * and the close has less left to do; a shared session does nothing. Never throws (close reports a gateway
   * that would not stop).
   */
  quiesce(): Promise<void>;
  /**
   * Own session: stop the gateway and remove every resource of it. Shared: remove this eval's sandboxes.
   * Never throws; resolves with what could not be cleaned up (empty when everything was).
   */
  close(): Promise<readonly string[]>;
}

export interface SandboxRequest {
  /** Unique within the session, e.g. `eval-model-a__prompt-x`. */
  readonly name: string;
  /** The run it serves; none for a setup sandbox. */
  readonly run?: string;
  readonly image: string;
  readonly policy: Policy;
  readonly env: Readonly<Record<string, string>>;
  /**
   * A setup sandbox: root without capabilities on a writable root, decisions stamped `setup`, the proxy
   * variables given to each exec (not kept in the container, whose filesystem becomes an image). @default false
   */
  readonly setup?: boolean;
  /** Secrets for the gateway; the run's variables hold placeholders. @default [] */
  readonly credentials?: readonly CredentialRequest[];
  /**
   * The run's command: the sandbox's own, behind init, started by `RunSandbox.run` (no exec). @default none
   */
  readonly command?: string | readonly string[];
  readonly signal?: AbortSignal;
}

export interface CopyIn {
  /** A file on the host. */
  readonly hostPath: string;
  /** Path relative to /sandbox. */
  readonly path: string;
}

export interface ExecRequest {
  readonly command: string | readonly string[];
  /** Added to the sandbox's environment for this command only. @default none */
  readonly env?: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  readonly stdout: Writable | string;
  readonly stderr: Writable | string;
  readonly maxOutputBytes: number;
  readonly signal?: AbortSignal;
}

export interface ExecOutcome {
  readonly exitCode: number | null;
  readonly timedOut: boolean;
  readonly truncated: boolean;
  readonly durationMs: number;
}

export interface RunSandbox {
  readonly name: string;
  /** Landlock as the sandbox's init applies it, for the run record. */
  readonly landlock?: LandlockStatus;
  /** How its connections are attributed (`process.identity`), for the run record. */
  readonly attribution?: 'connect-time' | 'procfs';
  copyIn(files: readonly CopyIn[]): Promise<void>;
  /** Start the command the sandbox was created with and wait for its end; the sandbox stays up after. */
  run(request: Omit<ExecRequest, 'command' | 'env'>): Promise<ExecOutcome>;
  exec(request: ExecRequest): Promise<ExecOutcome>;
  /** Copy files matching globs (relative to /sandbox) into destDir; returns the files written and what was refused. */
  copyOut(
    globs: readonly string[],
    destDir: string,
  ): Promise<{ readonly files: readonly string[]; readonly rejected?: readonly Refusal[] }>;
  /**
   * Why the sandbox is no longer usable (its gateway stopped; removed or stopped under the command), or undefined
   * when it is fine. `exited`: the command ended by itself (status 0–127, reported by init in the sandbox), so
   * the sandbox was up then and only the gateway is asked. @default false
   */
  health(exited?: boolean): Promise<string | undefined>;
  /** This sandbox's gateway decisions so far. */
  events(): Promise<EgressEvent[]>;
  /**
   * Between the agent's command and verify: kill every process of the sandbox user, then hot-reload the
   * sandbox's network policy with `phase` stamped on its later decisions.
   */
  enterPhase(phase: 'verify', policy: Policy): Promise<void>;
  /**
   * Stop the sandbox and commit its root filesystem (not /sandbox or /tmp) as an untagged image with its base
   * image's config and these labels; returns the image id.
   */
  commit(labels: Readonly<Record<string, string>>): Promise<string>;
  /** Unregister from the gateway and remove the sandbox. Never throws. */
  delete(): Promise<void>;
}
