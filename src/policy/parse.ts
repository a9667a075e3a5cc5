import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import { PaddockError, type Problem } from '../common/errors.js';
import { checkAmbiguity } from './ambiguity.js';
import { applyMiddlewares, readMiddlewares } from './middleware.js';
import { readNetworkPolicies } from './network.js';
import { describe, join, readBool, readEnum, readMap, readSeq, readString, Source } from './source.js';
import type { FilesystemPolicy, Policy, ProcessPolicy, StaticSection } from './types.js';

export interface ParseOptions {
  /** Path to the policy mapping inside the document (e.g. `['policy']` for an inline spec policy). @default [] */
  readonly at?: readonly (string | number)[];
}

export interface ParsedPolicy {
  readonly policy: Policy;
  readonly warnings: Problem[];
}

const TOP = [
  'version',
  'filesystem_policy',
  'landlock',
  'process',
  'network_policies',
  'extends',
  'network_middlewares',
];
const MAX_PATHS = 256;

/**
 * Parse an OpenShell policy (plus Paddock's `extends`). Pure. Collects every problem and throws one
 * `POLICY_INVALID` error listing them all, each with file, line, column and field path.
 */
export function parsePolicy(text: string, file: string, options: ParseOptions = {}): ParsedPolicy {
  const lines = new LineCounter();
  const src = new Source(file, lines);
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  for (const e of doc.errors) src.errorAt(e.pos[0], e.message.split('\n')[0] ?? e.message);
  let field = '';
  let node = doc.contents as Node | null;
  let parent: Node | null = node;
  for (const step of options.at ?? []) {
    field = join(field, step);
    parent = node ?? parent;
    node = isMap(node) || isSeq(node) ? ((node.get(step, true) as Node | undefined) ?? null) : null;
  }
  let policy: Policy | null = null;
  if (doc.errors.length === 0 && node === null && (options.at ?? []).length > 0) {
    src.error(parent, field, 'missing: expected a policy mapping here');
  } else if (doc.errors.length === 0) policy = readPolicy(src, node, field, file);
  if (src.errors.length > 0 || !policy) {
    const n = src.errors.length;
    throw new PaddockError('POLICY_INVALID', `${file}: ${n} problem${n === 1 ? '' : 's'} in the policy`, {
      problems: byPosition(src.errors),
    });
  }
  return { policy, warnings: byPosition(src.warnings) };
}

function byPosition(problems: Problem[]): Problem[] {
  return problems
    .map((p, i) => ({ p, i }))
    .sort((a, b) => (a.p.line ?? 0) - (b.p.line ?? 0) || (a.p.column ?? 0) - (b.p.column ?? 0) || a.i - b.i)
    .map(({ p }) => p);
}

function readPolicy(src: Source, node: Node | null, base: string, file: string): Policy | null {
  // A whole file that is no policy (`policy:`, `extends:` naming a token or an env file): its text is not quoted.
  if (base === '' && isScalar(node) && node.value !== null) {
    src.error(
      node,
      base,
      `expected a policy mapping (version, filesystem_policy, …), got a ${typeof node.value} (not shown)`,
    );
    return null;
  }
  const fields = readMap(
    src,
    node,
    base,
    TOP,
    'a policy mapping (version, filesystem_policy, network_policies, …)',
  );
  if (!fields) return null;
  const at = (name: string) => join(base, name);
  const version = fields.get('version');
  if (!version) src.error(node, at('version'), 'missing `version`: expected `version: 1`');
  else if (!isScalar(version.value) || version.value.value !== 1) {
    src.error(version.value, at('version'), 'expected `version: 1`');
  }
  const declared: StaticSection[] = [];
  for (const s of ['filesystem_policy', 'landlock', 'process'] as const) if (fields.has(s)) declared.push(s);

  const fsNode = fields.get('filesystem_policy')?.value;
  const filesystem =
    fsNode === undefined ? defaultFilesystem() : readFilesystem(src, fsNode, at('filesystem_policy'));
  let compatibility: 'best_effort' | 'hard_requirement' = 'best_effort';
  const landlock = fields.get('landlock');
  if (landlock) {
    const ll = readMap(src, landlock.value, at('landlock'), ['compatibility']);
    const c = ll?.get('compatibility');
    if (c) {
      compatibility =
        readEnum(src, c.value, join(at('landlock'), 'compatibility'), ['best_effort', 'hard_requirement']) ??
        compatibility;
    }
  }
  const processNode = fields.get('process')?.value;
  const process = processNode === undefined ? {} : readProcess(src, processNode, at('process'));
  const networkNode = fields.get('network_policies')?.value;
  const parsedNetwork =
    networkNode === undefined ? [] : readNetworkPolicies(src, networkNode, at('network_policies'));
  const middlewareNode = fields.get('network_middlewares')?.value;
  const middlewares =
    middlewareNode === undefined || middlewareNode === null
      ? []
      : readMiddlewares(src, middlewareNode, at('network_middlewares'), parsedNetwork);
  const network_policies = applyMiddlewares(middlewares, parsedNetwork);
  checkAmbiguity(src, networkNode ?? null, at('network_policies'), network_policies);
  const extendsNode = fields.get('extends')?.value;
  const ext = extendsNode === undefined ? null : readString(src, extendsNode, at('extends'));
  return {
    version: 1,
    source: file,
    filesystem_policy: filesystem,
    landlock: { compatibility },
    process,
    network_policies,
    ...(middlewares.length > 0 ? { network_middlewares: middlewares } : {}),
    ...(ext ? { extends: ext } : {}),
    declared,
  };
}

/** What OpenShell uses when `filesystem_policy` is omitted: the working directory is writable. */
export function defaultFilesystem(): FilesystemPolicy {
  return { include_workdir: true, read_only: [], read_write: [] };
}

function readFilesystem(src: Source, node: Node | null, field: string): FilesystemPolicy {
  const fields = readMap(src, node, field, ['include_workdir', 'read_only', 'read_write']);
  if (!fields) return defaultFilesystem();
  const inc = fields.get('include_workdir');
  // As in OpenShell: once `filesystem_policy` is written, include_workdir defaults to false.
  const include_workdir = inc ? (readBool(src, inc.value, join(field, 'include_workdir')) ?? false) : false;
  const read_only = readPaths(src, fields.get('read_only')?.value, join(field, 'read_only'), false);
  const read_write = readPaths(src, fields.get('read_write')?.value, join(field, 'read_write'), true);
  if (read_only.length + read_write.length > MAX_PATHS) {
    src.error(node, field, `at most ${MAX_PATHS} paths in read_only and read_write together`);
  }
  return { include_workdir, read_only, read_write };
}

function readPaths(src: Source, node: Node | null | undefined, field: string, writable: boolean): string[] {
  if (node === undefined || (isScalar(node) && node.value === null)) return [];
  const items = readSeq(src, node, field, 'a list of absolute paths') ?? [];
  const out: string[] = [];
  items.forEach((n, i) => {
    const at = join(field, i);
    const path = readString(src, n, at);
    if (path === null) return;
    if (!path.startsWith('/')) src.error(n, at, `expected an absolute path, got "${path}"`);
    else if (path.split('/').includes('..')) src.error(n, at, 'a path must not contain `..`');
    else if (path.length > 4096) src.error(n, at, 'a path has at most 4096 characters');
    else if (writable && path.replace(/\/+$/, '') === '')
      src.error(n, at, '`/` cannot be read-write; name narrower paths');
    else out.push(path);
  });
  return out;
}

/**
 * `process`: as in OpenShell v0.0.111, each of run_as_user / run_as_group is `sandbox` or a numeric
 * id from 1 to 4294967294 (quoted or not); omitted or empty leaves the choice to the image.
 */
function readProcess(src: Source, node: Node | null, field: string): ProcessPolicy {
  const fields = readMap(src, node, field, ['run_as_user', 'run_as_group', 'identity']);
  if (!fields) return {};
  const out: { run_as_user?: string | number; run_as_group?: string | number; identity?: 'connect-time' } =
    {};
  const identity = fields.get('identity');
  if (identity && readEnum(src, identity.value, join(field, 'identity'), ['connect-time']))
    out.identity = 'connect-time';
  for (const key of ['run_as_user', 'run_as_group'] as const) {
    const entry = fields.get(key);
    if (!entry) continue;
    const value = isScalar(entry.value) ? entry.value.value : undefined;
    if (value === null || value === '') continue;
    const text = typeof value === 'number' || typeof value === 'string' ? String(value) : null;
    const id = text !== null && /^\d+$/.test(text) ? Number(text) : null;
    if (text === 'sandbox' || (id !== null && id >= 1 && id <= 4294967294))
      out[key] = value as string | number;
    else
      src.error(
        entry.value,
        join(field, key),
        `${key} must be 'sandbox' or a numeric UID/GID in range [1, 4294967294], got '${text ?? describe(entry.value)}'`,
      );
  }
  return out;
}
