import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PaddockError } from '../common/errors.js';
import type { Policy } from '../policy/types.js';
import type { VolumeMount } from './types.js';

// paddock-init (native/init) is every sandbox's PID 1 and the door of every exec; this file says how it is
// called. Its arguments are data: one pure function from the policy to them, one parser back.

/** Where the binary is bind-mounted (read-only) in every sandbox. */
export const INIT_PATH = '/.paddock/init';
/** The host's signal that the fence is in (sent from outside the pid namespace: signal.ts). */
export const FENCE_SIGNAL = 'SIGUSR1';
/** SIGKILL every process of the sandbox user (the caller and PID 1 are spared). */
export const KILL_COMMAND = [INIT_PATH, 'kill'];
/** Prints `abi N` (N > 0), or `abi 0 <reason>`. */
export const PROBE_COMMAND = [INIT_PATH, 'probe'];
/** The host's signal that ends a run early (timeout, output limit, cancel): init SIGKILLs the whole tree. */
export const RUN_STOP_SIGNAL = 'SIGUSR2';
/** The variable that carries a run's key to init, which wipes it before the command starts (see run-end.ts). */
export const RUN_KEY_ENV = 'PADDOCK_RUN_KEY';
/** init's status for its own failures (bad arguments, hard_requirement without Landlock). */
export const INIT_FAILED = 125;

export type Compatibility = Policy['landlock']['compatibility'];

/** The Landlock rules init applies: read and execute beneath `readOnly`, every right beneath `readWrite`. */
export interface LandlockRules {
  readonly compatibility: Compatibility;
  readonly readOnly: readonly string[];
  readonly readWrite: readonly string[];
}

/**
 * The rules from a policy. Written `filesystem_policy`: its lists (OpenShell: `include_workdir` adds the working
 * directory to read_write), plus the volumes the sandbox was given. Not written (or no policy): the whole tree
 * readable, and writable where the container already is (workdir, /tmp, /dev, volumes, read_write tmpfs), so
 * images work as before Landlock.
 */
export function landlockRules(
  policy: Policy | undefined,
  workdir: string,
  writable: readonly string[],
  volumes: readonly VolumeMount[],
): LandlockRules {
  const compatibility = policy?.landlock.compatibility ?? 'best_effort';
  const rw = volumes.filter((v) => v.readOnly !== true).map((v) => v.path);
  const ro = volumes.filter((v) => v.readOnly === true).map((v) => v.path);
  const fs = policy?.filesystem_policy;
  if (!policy || !fs || !(policy.declared?.includes('filesystem_policy') ?? true)) {
    return {
      compatibility,
      readOnly: ['/', ...ro],
      readWrite: unique([workdir, '/tmp', '/dev', ...writable, ...rw]),
    };
  }
  const readWrite = unique([...fs.read_write, ...(fs.include_workdir ? [workdir] : []), ...rw]);
  return { compatibility, readOnly: unique([...fs.read_only, ...ro]), readWrite };
}

const unique = (list: readonly string[]): string[] => [...new Set(list)];

/** How the gateway learns who connected: `connect-time` (init's seccomp listener) or from /proc afterwards. */
export type Attribution = 'connect-time' | 'procfs';

/** What init does besides Landlock. */
export interface InitModes {
  /** The identity filter, when the policy asks for connect-time identity (`process.identity`). @default none */
  readonly identity?: 'connect-time' | undefined;
  /**
   * An eval run, whose command is the container's own (Cmd): init reports its end and keeps the sandbox up for
   * collection. @default false
   */
  readonly linger?: boolean;
}

/** PID 1's command line: the rules, init's modes, then `--`, then the command (none: init only holds). */
export function initEntrypoint(rules: LandlockRules, modes: InitModes = {}): string[] {
  return [
    INIT_PATH,
    '-c',
    rules.compatibility,
    ...rules.readOnly.flatMap((p) => ['-r', p]),
    ...rules.readWrite.flatMap((p) => ['-w', p]),
    ...(modes.identity ? ['-i', modes.identity] : []),
    ...(modes.linger ? ['-m', 'linger'] : []),
    '--',
  ];
}

/** The attribution a sandbox was made with, from its entrypoint (init's `-i`). */
export function attributionOf(entrypoint: readonly string[] | undefined): Attribution {
  if (!entrypoint || entrypoint[0] !== INIT_PATH) return 'procfs';
  for (let i = 1; i + 1 < entrypoint.length && entrypoint[i] !== '--'; i += 2)
    if (entrypoint[i] === '-i' && entrypoint[i + 1] === 'connect-time') return 'connect-time';
  return 'procfs';
}

/** The rules back from an entrypoint made by initEntrypoint; null when it is not one (a sandbox made before init). */
export function rulesOf(entrypoint: readonly string[] | undefined): LandlockRules | null {
  if (!entrypoint || entrypoint[0] !== INIT_PATH) return null;
  let compatibility: Compatibility = 'best_effort';
  const readOnly: string[] = [];
  const readWrite: string[] = [];
  for (let i = 1; i + 1 < entrypoint.length && entrypoint[i] !== '--'; i += 2) {
    const value = entrypoint[i + 1] as string;
    if (entrypoint[i] === '-c') compatibility = value as Compatibility;
    else if (entrypoint[i] === '-r') readOnly.push(value);
    else if (entrypoint[i] === '-w') readWrite.push(value);
  }
  return { compatibility, readOnly, readWrite };
}

/** A command as argv: a string runs through `sh -c`. INPUT_INVALID when empty. */
export function commandArgv(command: string | readonly string[]): string[] {
  const argv = typeof command === 'string' ? ['sh', '-c', command] : [...command];
  if (argv.length === 0) throw new PaddockError('INPUT_INVALID', 'Expected `command` to be non-empty');
  return argv;
}

/** A command for `docker exec`, through init: it waits for the fence and applies PID 1's Landlock first. */
export function execCommand(command: readonly string[]): string[] {
  return [INIT_PATH, 'exec', '--', ...command];
}

const ARCH: Readonly<Record<string, string>> = { x64: 'x86_64', arm64: 'aarch64' };

/**
 * The host path of the paddock-init binary for `arch`: `dist/native/` of the installed package, found from this
 * module (dist/chunks/… when bundled, src/sandbox/… from source). SANDBOX_FAILED, saying how to build it, when
 * it is missing: a sandbox never starts without its init.
 */
export function initBinary(arch: string = process.arch, from: string = import.meta.url): string {
  return nativeBinary('paddock-init', arch, from);
}

/** The host path of one of Paddock's native programs (paddock-init, paddock-identd) for `arch`. */
export function nativeBinary(
  program: string,
  arch: string = process.arch,
  from: string = import.meta.url,
): string {
  const name = `${program}-${ARCH[arch] ?? arch}`;
  const tried: string[] = [];
  for (let dir = dirname(fileURLToPath(from)); ; dir = dirname(dir)) {
    const path = basename(dir) === 'dist' ? join(dir, 'native', name) : join(dir, 'dist', 'native', name);
    tried.push(path);
    if (existsSync(path)) return path;
    if (dirname(dir) === dir) break;
  }
  throw new PaddockError(
    'SANDBOX_FAILED',
    `${program} for ${arch} is missing (looked for ${name} in ${tried.slice(0, 3).join(', ')}, …); ` +
      'build it with: npm run build:native',
  );
}
