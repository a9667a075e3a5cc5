import { isIP } from 'node:net';
import { posix, resolve } from 'node:path';
import { InvalidArgumentError } from 'commander';
import { formatHostPort, parseHostPort } from '../common/address.js';
import { isPaddockError, PaddockError, usageError } from '../common/errors.js';
import { type CredentialSpec, parseCredentialSpec } from '../session/credentials.js';

// Pure parsers for flag values. Each rejects a bad value loudly (INPUT_INVALID) and never
// falls back to a default. `option()` adapts one for commander, which then names the flag.

function invalid(message: string): never {
  throw new PaddockError('INPUT_INVALID', message);
}

const quote = (value: string): string => JSON.stringify(value);

/** Adapt a parser for commander's `.option(flags, description, parser)`; repeatable when `collect` is set. */
export function option<T>(parse: (value: string) => T): (value: string) => T;
export function option<T>(parse: (value: string) => T, collect: true): (value: string, previous?: T[]) => T[];
export function option<T>(parse: (value: string) => T, collect?: true) {
  return (value: string, previous?: T[]) => {
    try {
      const parsed = parse(value);
      return collect ? [...(previous ?? []), parsed] : parsed;
    } catch (error) {
      if (isPaddockError(error)) throw new InvalidArgumentError(error.message);
      throw error;
    }
  };
}

const ENV_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `KEY=VALUE` → [KEY, VALUE]. The value may be empty and may contain `=`. */
export function parseEnvFlag(value: string): [string, string] {
  const at = value.indexOf('=');
  if (at < 0) invalid(`expected KEY=VALUE, got ${quote(value)}`);
  const key = value.slice(0, at);
  if (!ENV_KEY.test(key))
    invalid(`expected a variable name (letters, digits, _) before =, got ${quote(key)}`);
  const val = value.slice(at + 1);
  if (val.includes('\0')) invalid(`the value of ${key} contains a NUL byte`);
  return [key, val];
}

/** Sandbox and volume names: what Docker accepts in object names, kept short. */
const NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,62}$/;

export function parseName(value: string): string {
  if (!NAME.test(value)) {
    invalid(
      `expected a name of letters, digits, _ . - (starting with a letter or digit, at most 63), got ${quote(value)}`,
    );
  }
  return value;
}

export interface VolumeFlag {
  readonly name: string;
  readonly path: string;
  readonly readOnly: boolean;
}

/** `NAME:/path[:ro|rw]` → a named session volume. Host paths are never mounted. */
export function parseVolumeFlag(value: string): VolumeFlag {
  const parts = value.split(':');
  if (parts.length < 2 || parts.length > 3) invalid(`expected NAME:/path[:ro|rw], got ${quote(value)}`);
  const [name = '', path = '', mode = 'rw'] = parts;
  if (name.includes('/') || name.startsWith('.') || name.startsWith('~')) {
    invalid(`${quote(value)}: ${quote(name)} is a host path; only named volumes are allowed (NAME:/path)`);
  }
  if (!NAME.test(name))
    invalid(`${quote(value)}: expected a volume name of letters, digits, _ . -, got ${quote(name)}`);
  if (!posix.isAbsolute(path))
    invalid(`${quote(value)}: expected an absolute path inside the sandbox, got ${quote(path)}`);
  if (path.split('/').includes('..')) invalid(`${quote(value)}: the path must not contain ..`);
  if (mode !== 'ro' && mode !== 'rw')
    invalid(`${quote(value)}: expected the mode ro or rw, got ${quote(mode)}`);
  return { name, path: posix.normalize(path).replace(/(.)\/$/, '$1'), readOnly: mode === 'ro' };
}

/** Durations: the one grammar (`90s`, `10m`, `1h30m`), shared with the spec. */
export { parseDuration } from '../common/duration.js';

/** `1`, `0.5`, `2.25` → CPUs, above 0 and at most 1024. */
export function parseCpus(value: string): number {
  if (!/^\d+(?:\.\d+)?$/.test(value.trim()))
    invalid(`expected a number of CPUs such as 1 or 0.5, got ${quote(value)}`);
  const cpus = Number(value);
  if (!(cpus > 0) || cpus > 1024) invalid(`expected a number of CPUs above 0, got ${quote(value)}`);
  return cpus;
}

const MEMORY_UNITS: Record<string, number> = { '': 1, b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };
/** Docker's floor for a container's memory limit. */
export const MIN_MEMORY_BYTES = 6 * 1024 ** 2;

/** `512m`, `1g`, `1.5GiB`, `268435456` (bytes) → bytes, at least 6 MiB. Units are binary. */
export function parseMemory(value: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*([kmg]?)(?:i?b)?$/i.exec(value.trim());
  if (!match) invalid(`expected a memory size such as 512m or 2g, got ${quote(value)}`);
  const bytes = Math.floor(Number(match[1]) * (MEMORY_UNITS[(match[2] ?? '').toLowerCase()] ?? 1));
  if (bytes < MIN_MEMORY_BYTES) invalid(`expected at least 6m of memory, got ${quote(value)}`);
  return bytes;
}

export type OutputFormat = 'table' | 'json';

export function parseOutput(value: string): OutputFormat {
  if (value !== 'table' && value !== 'json') invalid(`expected table or json, got ${quote(value)}`);
  return value;
}

const HOSTNAME =
  /^(?=.{1,253}$)([a-zA-Z0-9_]([a-zA-Z0-9_-]{0,61}[a-zA-Z0-9_])?)(\.[a-zA-Z0-9_]([a-zA-Z0-9_-]{0,61}[a-zA-Z0-9_])?)*\.?$/;

/** `NAME=IP` → an upstream override for the gateway. */
export function parseAddHost(value: string): [string, string] {
  const at = value.indexOf('=');
  if (at < 0) invalid(`expected NAME=IP, got ${quote(value)}`);
  const name = value.slice(0, at).toLowerCase().replace(/\.$/, '');
  const ip = value.slice(at + 1);
  if (!HOSTNAME.test(name)) invalid(`${quote(value)}: expected a host name before =, got ${quote(name)}`);
  if (isIP(ip) === 0) invalid(`${quote(value)}: expected an IP address after =, got ${quote(ip)}`);
  return [name, ip];
}

/** `--credential NAME[=HOST,…]` (see parseCredentialSpec). */
export function parseCredentialFlag(value: string): CredentialSpec {
  return parseCredentialSpec(value);
}

/** `--upstream-ca FILE`: the path made absolute (the gateway daemon reads it; it must exist when it starts). */
export function parseUpstreamCa(value: string, cwd: string = process.cwd()): string {
  if (value.trim() === '') invalid('expected a CA file path');
  return resolve(cwd, value);
}

/** `ADDR[:PORT]` or `[V6]:PORT` (the one address grammar) → the resolver for allowed names, as `ADDR:PORT`. */
export function parseUpstreamDns(value: string): string {
  return formatHostPort(parseHostPort(value, 53));
}

/** The command after `--`; empty is a usage error (exit 2) with a hint. */
export function requireCommand(command: readonly string[] | undefined, usage: string): string[] {
  if (!command || command.length === 0) throw usageError(`expected a command after --, e.g. ${usage}`);
  return [...command];
}

export interface CopyFlag {
  /** Absolute host path (file or folder). */
  readonly hostPath: string;
  /** Relative path under /sandbox. */
  readonly path: string;
}

/** `HOST_PATH[:DEST]` → copy a host file or folder to /sandbox/DEST (default: its base name). */
export function parseCopyFlag(value: string, cwd: string = process.cwd()): CopyFlag {
  const at = value.lastIndexOf(':');
  const host = at > 0 ? value.slice(0, at) : value;
  let dest = at > 0 ? value.slice(at + 1) : posix.basename(host.replace(/\/+$/, ''));
  if (host === '') invalid(`expected HOST_PATH[:DEST], got ${quote(value)}`);
  if (dest.startsWith('/sandbox/')) dest = dest.slice('/sandbox/'.length);
  if (dest === '' || posix.isAbsolute(dest) || dest.split('/').includes('..')) {
    invalid(`${quote(value)}: expected DEST relative to /sandbox without .., got ${quote(dest)}`);
  }
  return {
    hostPath: posix.isAbsolute(host) ? host : posix.join(cwd, host),
    path: posix.normalize(dest).replace(/\/$/, ''),
  };
}
