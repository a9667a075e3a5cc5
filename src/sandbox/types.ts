import type { Readable, Writable } from 'node:stream';
import type Docker from 'dockerode';
import type { Policy } from '../policy/types.js';
import type { Attribution } from './init.js';
import type { LandlockStatus } from './landlock.js';
import type { TrustOptions } from './trust.js';

/** The Docker network of one session. The gateway listens on `bridgeIp`. */
export interface SessionNetwork {
  /** `paddock-<session>` */
  readonly name: string;
  readonly id: string;
  /** CIDR, e.g. `172.16.7.0/24`. */
  readonly subnet: string;
  /** The bridge's (host's) address on that network. */
  readonly bridgeIp: string;
}

export interface VolumeMount {
  /** Volume name within the session; the Docker volume is `paddock-<session>.shared.<name>`. */
  readonly name: string;
  /** Absolute path inside the sandbox. */
  readonly path: string;
  /** @default false */
  readonly readOnly?: boolean;
}

export interface SandboxLimits {
  /** @default 256 */
  readonly pids?: number;
  /**
   * RLIMIT_NOFILE (soft and hard) of every process in the sandbox. With `pids` it bounds the descriptors a
   * sandbox can hold; the gateway's per-sandbox connection budget bounds what it can make the gateway hold.
   * @default 4096
   */
  readonly openFiles?: number;
  /**
   * Memory for the sandbox's processes. The container's memory limit is `memoryBytes + diskBytes`, because the
   * files in /sandbox are held in memory and charged to it. @default 1073741824 (1 GiB; no swap on top)
   */
  readonly memoryBytes?: number;
  /** @default 1 */
  readonly cpus?: number;
  /**
   * Size of /sandbox. It is a tmpfs volume (in memory, never on the host's disk); a write past it fails with
   * ENOSPC. Its files survive `restartSandbox` of a running sandbox, not the container stopping (dockerd
   * restart, reboot). The image's own files under /sandbox are copied in and count against it.
   * @default 1073741824 (1 GiB)
   */
  readonly diskBytes?: number;
}

export interface SandboxOptions {
  readonly session: string;
  /** Unique per session; the container is `paddock-<session>-<name>` (sanitised). */
  readonly name: string;
  /** The eval run this sandbox serves. @default null */
  readonly run?: string;
  /** Used as is when present locally; pulled only when missing. */
  readonly image: string;
  /** Uses `filesystem_policy.read_write` and `process.run_as_user`. @default none (defaults below) */
  readonly policy?: Policy;
  /** The sandbox's whole environment besides HOME and the proxy variables. Nothing comes from the host. @default {} */
  readonly env?: Readonly<Record<string, string>>;
  /** Sets HTTP_PROXY, HTTPS_PROXY, NO_PROXY and their lowercase forms. @default none */
  readonly proxy?: { readonly url: string; readonly noProxy?: string };
  /** Named session volumes, created when missing. @default [] */
  readonly volumes?: readonly VolumeMount[];
  /** The session CA to trust (host files, mounted read-only; the CA variables are set). @default none */
  readonly trust?: TrustOptions;
  /** @default { pids: 256, openFiles: 4096, memoryBytes: 1 GiB, cpus: 1, diskBytes: 1 GiB } */
  readonly limits?: SandboxLimits;
  /**
   * A setup sandbox (an eval's `setup:`): it runs as root (uid 0, still without capabilities and with
   * no-new-privileges) on a writable root filesystem, so installers can write system paths and the result can
   * be committed as an image (`commitSandbox`). `process.run_as_user` and extra `read_write` paths are ignored.
   * @default false
   */
  readonly setup?: boolean;
  /**
   * An eval run's command (a string runs through `sh -c`), made the container's own behind init: it starts
   * only when `startHeldRun` releases it, and the sandbox stays up after it ends (init's linger mode), for
   * copy-out and verify. @default none (init only holds; commands come through exec)
   */
  readonly command?: string | readonly string[];
  /**
   * Who joins the sandbox to the session network: the engine (a Docker endpoint), or the gateway that fences it
   * (network mode `none`, then a veth and an address from the gateway, src/gateway/plumbing.ts): no endpoint
   * work in the engine, which is most of what a sandbox costs it over a container with no network. A session
   * whose gateway fences asks for `gateway`. @default 'engine'
   */
  readonly network?: 'engine' | 'gateway';
  readonly signal?: AbortSignal;
}

/** A sandbox's command waiting behind init (SandboxOptions.command). Memory only: `key` is a secret. */
export interface HeldRun {
  /** Container id. */
  readonly id: string;
  /** Host pid of init (signal.ts sends its signals straight when it may). */
  readonly pid: number;
  /** What init's end line carries (run-end.ts). */
  readonly key: string;
  readonly command: readonly string[];
}

export interface SandboxInfo {
  readonly session: string;
  readonly name: string;
  readonly run: string | null;
  /** Container id. */
  readonly id: string;
  /**
   * The sandbox's address on the session network. '' from a plain inspect of a sandbox the gateway joined to
   * the network (`network: 'gateway'`): the engine does not know it.
   */
  readonly ip: string;
  /** Host pid of the holder (its network namespace is the sandbox's). 0 when not running. */
  readonly pid: number;
  readonly bridgeIp: string;
  /** Host path of the container's resolv.conf; the gateway rewrites it. */
  readonly resolvConfPath: string;
  /** The reference asked for. */
  readonly image: string;
  readonly imageId: string;
  /** `uid[:gid]` or a user name, as Docker runs it. */
  readonly user: string;
  /**
   * How the gateway learns who made its connections: `connect-time` (policy `process.identity`, init's seccomp
   * listener) or `procfs` (read from /proc when they arrive). Absent in fakes.
   */
  readonly attribution?: Attribution;
  /** Landlock as paddock-init applies it (set by create and restart; absent from a plain inspect). */
  readonly landlock?: LandlockStatus;
  /** Set by create when the sandbox was given a command: start it with startHeldRun. */
  readonly held?: HeldRun;
}

export interface SandboxState extends SandboxInfo {
  /** Docker's state: `running`, `exited`, `created`, … */
  readonly state: string;
}

export interface SandboxHooks {
  /**
   * Runs after the container is made and before it starts (a session waits here for its network, and for its
   * gateway to say it is starting).
   */
  readonly beforeStart?: () => Promise<void>;
  /**
   * Runs after the holder started and before anything else may execute (the gateway installs its fence here).
   * It may answer the sandbox's address: the gateway's, for a sandbox it joined to the network itself.
   */
  readonly beforeUserCode?: (info: SandboxInfo) => Promise<{ readonly ip: string } | undefined>;
  /**
   * The Landlock ABI paddock-init sees in this container (`paddock-init probe`). A session passes one that
   * asks once: the kernel's ABI does not change under it. @default an exec of the probe per sandbox
   */
  readonly landlockProbe?: (container: Docker.Container) => Promise<{ abi: number; reason?: string }>;
}

export interface ExecOptions {
  /** A string runs through `sh -c`; an array is the argv. */
  readonly command: string | readonly string[];
  /** Added to the sandbox's environment for this command. @default {} */
  readonly env?: Readonly<Record<string, string>>;
  /** Kill the command's process tree after this long. @default no timeout */
  readonly timeoutMs?: number;
  /** A stream, or a host file path to write to. @default discarded */
  readonly stdout?: Writable | string;
  /** A stream, or a host file path to write to. With `tty` everything arrives on stdout. @default discarded */
  readonly stderr?: Writable | string;
  /**
   * Bytes kept per stream. Past it the command's processes are killed (as on a timeout), the rest is dropped,
   * `truncated` is set and `outputLimit` says which stream. @default 16 MiB
   */
  readonly maxOutputBytes?: number;
  /** Piped to the command byte for byte; its end closes the command's stdin. @default no stdin */
  readonly stdin?: Readable;
  /** Allocate a TTY (interactive `connect`). @default false */
  readonly tty?: boolean;
  readonly signal?: AbortSignal;
}

export interface ExecResult {
  /** The real exit code; null when the engine could not tell, or when `outputLimit` is set and it read 0. */
  readonly exitCode: number | null;
  readonly timedOut: boolean;
  readonly truncated: boolean;
  readonly durationMs: number;
  /** Set when a stream passed `maxOutputBytes` and the command was killed for it: a reason to report. */
  readonly outputLimit?: string;
  /** Set when the command never started (not found or not executable); exitCode is then 127. */
  readonly notStarted?: string;
}

export interface CopySource {
  /** A file or directory on the host. */
  readonly hostPath: string;
  /** Relative path under /sandbox. */
  readonly path: string;
}

export interface CopyOutResult {
  /** Written files, relative to the destination. */
  readonly files: string[];
  readonly rejected: { path: string; reason: string }[];
  readonly bytes: number;
}

export interface PruneResult {
  readonly containers: number;
  readonly volumes: number;
  readonly networks: number;
}
