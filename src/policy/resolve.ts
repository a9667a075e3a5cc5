import { binaryMatches } from './glob.js';
import type { BinaryRule, NetworkPolicy, Policy } from './types.js';

/**
 * Binary paths resolved the way the kernel resolves them when it execs, inside the sandbox's filesystem.
 * `npm install -g` makes `/usr/local/bin/<tool>` a symlink into `node_modules`, so `/proc/<pid>/exe`
 * names the target, not the path a policy names. Pure: the sandbox's filesystem comes in as a `SandboxFs`.
 */

/** What one path of the sandbox's filesystem is, looked at without following its last component. */
export type PathKind =
  | { readonly kind: 'link'; readonly target: string }
  | { readonly kind: 'other' }
  | { readonly kind: 'missing' };

/** The two reads resolution needs, on paths of the sandbox (its root is `/`). */
export interface SandboxFs {
  /** Never follows the last component; the caller passes paths whose directories are already resolved. */
  lookup(path: string): Promise<PathKind>;
  /** Entry names of a directory (resolved), or null when it cannot be read. */
  list(dir: string): Promise<readonly string[] | null>;
}

/** Linux follows at most 40 symlinks per lookup (ELOOP beyond). */
export const MAX_LINKS = 40;
/** Entries of one glob directory resolved at most (the rest keep matching as written). */
export const MAX_GLOB_ENTRIES = 256;

export type Resolution =
  | {
      readonly ok: true;
      readonly path: string;
      /** The symlinks followed on the way, in order. */
      readonly links: readonly string[];
    }
  | { readonly ok: false; readonly reason: string };

export interface ResolveOptions {
  /**
   * Refuse what would leave the root instead of keeping to it: an absolute link target, a `..` above the
   * root. For a folder whose links must stay inside it (copied results), not for a sandbox's own `/`.
   * @default false
   */
  readonly jail?: boolean;
  /**
   * A leading part of `path` (relative to the root) the caller knows holds folders only, no link: walked without
   * a lookup. @default none
   */
  readonly plain?: string;
}

/**
 * Resolve every symlink in `path` relative to the sandbox's root: absolute targets restart at that root,
 * `..` never climbs above it, at most `MAX_LINKS` links (a loop fails closed with a reason). With `jail`,
 * both of those are refused instead.
 */
export async function resolvePath(
  fs: SandboxFs,
  path: string,
  options: ResolveOptions = {},
): Promise<Resolution> {
  const where = options.jail ? '' : ' in the sandbox';
  // Parts still to walk, last first (a link's target goes on top in one push, not an unshift of every part).
  const pending = split(path).reverse();
  // The path walked so far, as the strings `/a`, `/a/b`, …: each step costs its own name, not the whole path
  // again (a copy's links may be 2,000 folders deep).
  const done: string[] = [];
  for (const part of split(options.plain ?? '')) {
    if (part === '..' || pending.at(-1) !== part) break;
    pending.pop();
    done.push(`${done.at(-1) ?? ''}/${part}`);
  }
  const links: string[] = [];
  while (pending.length > 0) {
    const part = pending.pop()!;
    if (part === '..') {
      if (options.jail && done.length === 0) return { ok: false, reason: 'it leads outside the destination' };
      done.pop();
      continue;
    }
    const here = `${done.at(-1) ?? ''}/${part}`;
    const found = await fs.lookup(here);
    if (found.kind === 'missing') return { ok: false, reason: `${here} does not exist${where}` };
    if (found.kind === 'other') {
      done.push(here);
      continue;
    }
    links.push(here);
    if (links.length > MAX_LINKS)
      return { ok: false, reason: `more than ${MAX_LINKS} symlinks (a loop?) at ${here}` };
    if (found.target.startsWith('/')) {
      if (options.jail) return { ok: false, reason: `${here} is a symlink to an absolute path` };
      done.length = 0;
    }
    pending.push(...split(found.target).reverse());
  }
  return { ok: true, path: done.at(-1) ?? '/', links };
}

function split(path: string): string[] {
  return path.split('/').filter((p) => p !== '' && p !== '.');
}

/** What one binary path of a policy resolved to in one sandbox. */
export interface BinaryBinding {
  /** The `network_policies` key. */
  readonly policy: string;
  /** The path or glob as written. */
  readonly path: string;
  readonly line?: number;
  /** Paths or globs that match as well, because the written one resolves to them. */
  readonly resolved: readonly string[];
  /** The written path or a resolved one lies in a location the sandbox can write (anyone can replace it). */
  readonly writable: readonly string[];
  /** Why nothing resolved (absent from the sandbox, a loop); the path still matches as written. */
  readonly problem?: string;
}

/** Resolve every binary path of a policy in one sandbox (each path once, however many entries name it). */
export async function bindBinaries(policy: Policy, fs: SandboxFs): Promise<BinaryBinding[]> {
  const writableRoots = ['/sandbox', '/tmp', ...policy.filesystem_policy.read_write];
  const cache = new Map<string, Promise<Omit<BinaryBinding, 'policy' | 'path' | 'line'>>>();
  const out: BinaryBinding[] = [];
  for (const entry of policy.network_policies) {
    for (const rule of entry.binaries) {
      let result = cache.get(rule.path);
      if (!result) {
        result = bindOne(fs, rule.path, writableRoots);
        cache.set(rule.path, result);
      }
      out.push({
        policy: entry.key,
        path: rule.path,
        ...(rule.line ? { line: rule.line } : {}),
        ...(await result),
      });
    }
  }
  return out;
}

async function bindOne(
  fs: SandboxFs,
  path: string,
  writableRoots: readonly string[],
): Promise<Omit<BinaryBinding, 'policy' | 'path' | 'line'>> {
  const isWritable = (p: string) => writableRoots.some((w) => under(p, w));
  const parts = path.split('/').filter(Boolean);
  const firstGlob = parts.findIndex((p) => /[*?[]/.test(p));
  const literal = firstGlob === -1 ? path : `/${parts.slice(0, firstGlob).join('/')}`;
  const head = await resolvePath(fs, literal);
  if (!head.ok) return { resolved: [], writable: [], problem: head.reason };
  // A symlink the sandbox can write could have been planted by its code: following it would hand the
  // entry's rights to whatever it points at, so such a path binds nothing beyond itself (fail closed).
  const planted = head.links.find(isWritable);
  if (planted) {
    return {
      resolved: [],
      writable: isWritable(path) ? [path] : [],
      problem: `resolves through ${planted}, a symlink in a writable location (not followed)`,
    };
  }
  const resolved: string[] = [];
  if (firstGlob === -1) resolved.push(head.path);
  else {
    const rest = parts.slice(firstGlob).join('/');
    resolved.push(join(head.path, rest));
    if (firstGlob === parts.length - 1)
      resolved.push(...(await globEntries(fs, head.path, rest, isWritable)));
  }
  const distinct = [...new Set(resolved)].filter((p) => p !== path);
  return { resolved: distinct, writable: [path, ...distinct].filter(isWritable) };
}

/** Entries of `dir` that match the last-segment glob and are symlinks, each resolved (not via writable links). */
async function globEntries(
  fs: SandboxFs,
  dir: string,
  segment: string,
  isWritable: (p: string) => boolean,
): Promise<string[]> {
  const names = ((await fs.list(dir)) ?? []).filter((n) => binaryMatches(`/${segment}`, `/${n}`));
  const out: string[] = [];
  for (const name of names.slice(0, MAX_GLOB_ENTRIES)) {
    const r = await resolvePath(fs, join(dir, name));
    if (r.ok && r.path !== join(dir, name) && !r.links.some(isWritable)) out.push(r.path);
  }
  return out;
}

function join(dir: string, rest: string): string {
  return dir === '/' ? `/${rest}` : `${dir}/${rest}`;
}

function under(path: string, root: string): boolean {
  const r = root.replace(/\/+$/, '');
  return path === r || path.startsWith(`${r}/`);
}

/** The policy the gateway decides with: each binary rule followed by the paths it resolved to. */
export function withBindings(policy: Policy, bindings: readonly BinaryBinding[]): Policy {
  const byEntry = new Map<string, Map<string, readonly string[]>>();
  for (const b of bindings) {
    const paths = byEntry.get(b.policy) ?? new Map<string, readonly string[]>();
    paths.set(b.path, b.resolved);
    byEntry.set(b.policy, paths);
  }
  const bound = (entry: NetworkPolicy): NetworkPolicy => {
    const paths = byEntry.get(entry.key);
    if (!paths) return entry;
    const binaries: BinaryRule[] = [];
    for (const rule of entry.binaries) {
      binaries.push(rule);
      for (const p of paths.get(rule.path) ?? []) binaries.push({ ...rule, path: p });
    }
    return { ...entry, binaries };
  };
  return { ...policy, network_policies: policy.network_policies.map(bound) };
}
