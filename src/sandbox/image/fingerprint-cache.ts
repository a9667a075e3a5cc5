// The base image's fingerprint, remembered between evals: computing it walks the host (ldd on every binary and
// python extension, the python stdlib), which costs most of an eval's image check. A remembered fingerprint is
// served only while the image ID, the host tools found, and the identity of every file and folder it was
// computed from are unchanged; anything else (a missing, unreadable or corrupt cache file) means recompute.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

/** path → identity (`dev:ino:size:mtime:ctime`, nanoseconds) or `missing`. */
export type Inputs = Readonly<Record<string, string>>;

export interface CachedFingerprint {
  readonly imageId: string;
  readonly fingerprint: string;
  /** Everything else the fingerprint depends on that is not a file: the tools found, the python switch. */
  readonly key: string;
  readonly inputs: Inputs;
}

const VERSION = 1;

/** `${XDG_CACHE_HOME:-$HOME/.cache}/paddock/base-image-<hash of tag>.json`. Pure. */
export function cacheFile(tag: string, env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CACHE_HOME ? env.XDG_CACHE_HOME : join(env.HOME ?? homedir(), '.cache');
  const name = createHash('sha256').update(tag).digest('hex').slice(0, 16);
  return join(base, 'paddock', `base-image-${name}.json`);
}

/** A file's identity: any rewrite, replacement or `touch` changes it (ctime cannot be set back). */
export async function identity(path: string): Promise<string> {
  const s = await stat(path, { bigint: true }).catch(() => undefined);
  return s ? `${s.dev}:${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}` : 'missing';
}

export async function identities(paths: Iterable<string>): Promise<Record<string, string>> {
  const unique = [...new Set(paths)];
  const ids = await Promise.all(unique.map(identity));
  return Object.fromEntries(unique.map((p, i) => [p, ids[i] as string]));
}

/** The cache file's record, or undefined when it is not exactly what `saveFingerprint` writes. Pure. */
export function parseCache(text: string): CachedFingerprint | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined; // corrupt: recompute
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  const inputs = v.inputs;
  if (
    v.version !== VERSION ||
    typeof v.imageId !== 'string' ||
    typeof v.fingerprint !== 'string' ||
    typeof v.key !== 'string' ||
    typeof inputs !== 'object' ||
    inputs === null ||
    Array.isArray(inputs) ||
    Object.keys(inputs).length === 0 ||
    !Object.values(inputs).every((x) => typeof x === 'string')
  )
    return undefined;
  return {
    imageId: v.imageId,
    fingerprint: v.fingerprint,
    key: v.key,
    inputs: inputs as Record<string, string>,
  };
}

/**
 * The remembered fingerprint when the cache file holds one for this image ID and key and every input still has
 * the identity it had; else undefined (compute it again).
 */
export async function cachedFingerprint(
  file: string,
  imageId: string,
  key: string,
): Promise<string | undefined> {
  const text = await readFile(file, 'utf8').catch(() => undefined);
  const cached = text === undefined ? undefined : parseCache(text);
  if (!cached || cached.imageId !== imageId || cached.key !== key) return undefined;
  const now = await identities(Object.keys(cached.inputs));
  for (const [path, id] of Object.entries(cached.inputs)) if (now[path] !== id) return undefined;
  return cached.fingerprint;
}

/** Remember a fingerprint (written whole, then renamed: a reader never sees half a file). */
export async function saveFingerprint(file: string, record: CachedFingerprint): Promise<void> {
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(temp, `${JSON.stringify({ version: VERSION, ...record })}\n`, { mode: 0o600 });
  await rename(temp, file);
}
