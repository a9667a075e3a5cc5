import { isIP } from 'node:net';
import { basename, dirname, resolve } from 'node:path';
import picomatch from 'picomatch';
import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import { formatHostPort, parseHostPort } from '../../common/address.js';
import { errorMessage, PaddockError } from '../../common/errors.js';
import { HEADER_NAME } from '../../common/http.js';
import { plural } from '../../common/plural.js';
import type { CredentialSpec } from '../../session/credentials.js';
import { SpecReader } from './read.js';
import {
  type AxisValue,
  type Combination,
  DEFAULT_MAX_RUNS,
  DEFAULT_POLICY,
  DEFAULT_SETUP_POLICY,
  DEFAULT_TIMEOUT_MS,
  DEFAULT_VERIFY_POLICY,
  type EgressExpectation,
  type EvalSpec,
  MAX_REPEAT,
  type MatrixSpec,
  type PhaseSpec,
  type PolicyRef,
  type SpecPattern,
} from './types.js';

/** The spec's top-level keys (docs/spec.md lists each; a test compares the two). */
export const TOP = [
  'version',
  'name',
  'image',
  'policy',
  'matrix',
  'run',
  'files',
  'outputs',
  'env',
  'timeout',
  'concurrency',
  'expect',
  'gateway',
  'credentials',
  'max-runs',
  'repeat',
  'verify',
  'setup',
] as const;
/** Keys of a phase (`verify:`, `setup:`). */
export const PHASE_KEYS = ['run', 'policy', 'timeout', 'files'] as const;
export const VERIFY_KEYS = PHASE_KEYS;
export const SETUP_KEYS = PHASE_KEYS;
export const EXPECT_KEYS = ['exit-code', 'egress', 'pass-rate'] as const;
/** Keys of one `credentials:` entry. */
export const CREDENTIAL_KEYS = ['hosts', 'query', 'headers'] as const;
export const GATEWAY_KEYS = ['hosts', 'upstream-dns', 'upstream-ca', 'enforcement'] as const;
/** Keys of `matrix:` that are not axes. */
export const MATRIX_KEYS = ['include', 'exclude'] as const;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const HOST = /^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$/;

/** Parse `paddock.yml` text. Every problem is collected; any problem throws SPEC_INVALID listing all of them. */
export function parseSpec(text: string, file: string): EvalSpec {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const r = new SpecReader(file, lines);
  for (const e of doc.errors) {
    const at = lines.linePos(e.pos[0]);
    r.problems.push({ file, line: at.line, column: at.col, message: `YAML: ${e.message.split('\n')[0]}` });
  }
  if (r.problems.length === 0) {
    const spec = readSpec(r, doc.contents as Node | null, file);
    if (r.problems.length === 0 && spec) return spec;
  }
  throw new PaddockError(
    'SPEC_INVALID',
    `${file}: ${plural(r.problems.length, 'problem')} in the eval spec`,
    {
      problems: r.problems,
    },
  );
}

function readSpec(r: SpecReader, root: Node | null, file: string): EvalSpec | undefined {
  const top = r.mapping(root, '', TOP);
  const get = (k: (typeof TOP)[number]) => top.get(k)?.value;
  const version = top.has('version') ? r.integer(get('version'), 'version', 1, 1) : undefined;
  if (!top.has('version') && isMap(root)) r.problem(root, 'version', 'missing; expected `version: 1`');
  const run = top.has('run') ? readRun(r, get('run')) : undefined;
  if (!top.has('run') && isMap(root))
    r.problem(root, 'run', 'missing; expected the command each run executes');
  const spec: EvalSpec = {
    file,
    dir: dirname(file),
    name: top.has('name') ? (r.string(get('name'), 'name') ?? '') : defaultName(file),
    ...(top.has('image') ? { image: r.string(get('image'), 'image', 'an image reference') ?? '' } : {}),
    policy: readPolicy(r, top.get('policy')?.value, top.has('policy')),
    matrix: top.has('matrix') ? readMatrix(r, get('matrix')) : { axes: [], include: [], exclude: [] },
    run: run ?? '',
    files: top.has('files') ? globs(r, get('files'), 'files', 'the spec folder') : [],
    outputs: top.has('outputs') ? globs(r, get('outputs'), 'outputs', '/sandbox').map((g) => g.value) : [],
    env: top.has('env') ? readEnv(r, get('env')) : {},
    credentials: top.has('credentials') ? readCredentials(r, get('credentials')) : [],
    timeoutMs: top.has('timeout') ? (r.duration(get('timeout'), 'timeout') ?? 0) : DEFAULT_TIMEOUT_MS,
    ...(top.has('concurrency') ? { concurrency: r.integer(get('concurrency'), 'concurrency', 1, 256) } : {}),
    expect: readExpect(r, get('expect')),
    gateway: top.has('gateway') ? readGateway(r, get('gateway'), dirname(file)) : { hosts: {} },
    maxRuns: top.has('max-runs') ? (r.integer(get('max-runs'), 'max-runs', 1) ?? 0) : DEFAULT_MAX_RUNS,
    repeat: top.has('repeat') ? (r.integer(get('repeat'), 'repeat', 1, MAX_REPEAT) ?? 1) : 1,
    ...(top.has('verify') ? { verify: readPhase(r, get('verify'), 'verify', DEFAULT_VERIFY_POLICY) } : {}),
    ...(top.has('setup') ? { setup: readPhase(r, get('setup'), 'setup', DEFAULT_SETUP_POLICY) } : {}),
    lines: Object.fromEntries([...top].map(([key, entry]) => [key, r.line(entry.key) ?? 1])),
  };
  return version === undefined ? undefined : spec;
}

/** `run: CMD` (for `sh -c`), or `run: [PROGRAM, ARG…]` (exec form: no shell, so any image works). */
function readRun(r: SpecReader, node: Node | null | undefined): string | string[] | undefined {
  if (!isSeq(node)) return r.string(node, 'run', 'a shell command, or a list [program, arg…]');
  const words = r.strings(node, 'run').map((i) => i.value);
  if (words.length === 0) r.problem(node, 'run', 'expected a non-empty list [program, arg…]');
  return words;
}

/** `verify: CMD` or `setup: CMD`, or a mapping `{ run, policy, timeout, files }`. */
function readPhase(
  r: SpecReader,
  node: Node | null | undefined,
  name: 'verify' | 'setup',
  defaultPolicy: string,
): PhaseSpec {
  if (!isMap(node)) {
    const run = r.string(node, name, 'a command, or a mapping with run, policy, timeout and files') ?? '';
    return { run, policy: { kind: 'ref', ref: defaultPolicy }, timeoutMs: DEFAULT_TIMEOUT_MS, files: [] };
  }
  const entries = r.mapping(node, name, PHASE_KEYS);
  const run = entries.get('run');
  if (!run) r.problem(node, `${name}.run`, `expected the ${name} command (${name}.run)`);
  const policy = entries.get('policy');
  const timeout = entries.get('timeout');
  const files = entries.get('files');
  return {
    run: run ? (r.string(run.value, run.field, 'a command') ?? '') : '',
    policy: policy
      ? readPolicy(r, policy.value, true, [name, 'policy'])
      : { kind: 'ref', ref: defaultPolicy },
    timeoutMs: timeout ? (r.duration(timeout.value, timeout.field) ?? 0) : DEFAULT_TIMEOUT_MS,
    files: files ? globs(r, files.value, files.field, 'the spec folder') : [],
  };
}

function readPolicy(
  r: SpecReader,
  node: Node | null | undefined,
  present: boolean,
  at?: readonly string[],
): PolicyRef {
  if (!present) return { kind: 'ref', ref: DEFAULT_POLICY };
  const line = r.line(node);
  if (isMap(node)) return { kind: 'inline', line, ...(at ? { at } : {}) };
  const ref = r.string(
    node,
    at ? at.join('.') : 'policy',
    'a policy path, a shipped policy name, or an inline policy mapping',
  );
  return { kind: 'ref', ref: ref ?? '', line };
}

function readMatrix(r: SpecReader, node: Node | null | undefined): MatrixSpec {
  const entries = r.mapping(node, 'matrix');
  const axes: MatrixSpec['axes'][number][] = [];
  let include: Combination[] = [];
  let exclude: Combination[] = [];
  for (const [key, entry] of entries) {
    if ((MATRIX_KEYS as readonly string[]).includes(key)) {
      const list = combinations(r, entry.value, entry.field);
      if (key === 'include') include = list;
      else exclude = list;
      continue;
    }
    if (!ENV_NAME.test(key)) {
      r.problem(
        entry.key,
        entry.field,
        'expected an axis name of letters, digits and _ (it becomes an env var)',
      );
      continue;
    }
    const values: AxisValue[] = r.strings(entry.value, entry.field, 'a list of values or globs').map((v) => ({
      value: v.value,
      glob: picomatch.scan(v.value).isGlob,
      line: r.line(v.node),
      field: v.field,
    }));
    if (isSeq(entry.value) && entry.value.items.length === 0)
      r.problem(entry.value, entry.field, 'expected at least one value');
    axes.push({ key, values });
  }
  const names = new Set(axes.map((a) => a.key));
  for (const c of exclude) {
    for (const key of Object.keys(c.values)) {
      if (!names.has(key))
        r.problems.push({
          file: r.file,
          line: c.line,
          field: `${c.field}.${key}`,
          message: `exclude key '${key}' is not a matrix axis (axes: ${[...names].join(', ') || 'none'})`,
        });
    }
  }
  return { axes, include, exclude };
}

function combinations(r: SpecReader, node: Node | null | undefined, field: string): Combination[] {
  if (!isSeq(node)) {
    r.problem(node, field, 'expected a list of mappings such as [{ model: a, prompt: b }]');
    return [];
  }
  return node.items.map((item, i) => {
    const values: Record<string, string> = {};
    for (const [key, entry] of r.mapping(item as Node, `${field}[${i}]`)) {
      const value = r.string(entry.value, entry.field, 'a scalar value');
      if (value !== undefined) values[key] = value;
    }
    return { values, line: r.line(item as Node), field: `${field}[${i}]` };
  });
}

/** `files:` or `outputs:`: relative globs that stay inside `root` (the spec folder, or /sandbox). */
function globs(r: SpecReader, node: Node | null | undefined, field: string, root: string): SpecPattern[] {
  return r.strings(node, field, `a list of globs relative to ${root}`).flatMap((item) => {
    if (item.value.startsWith('/') || item.value.split('/').includes('..')) {
      r.problem(item.node, item.field, `expected a relative glob inside ${root}, got '${item.value}'`);
      return [];
    }
    if (item.value.startsWith('!')) {
      r.problem(
        item.node,
        item.field,
        `'${item.value}': exclusions (!) are not supported; list what to include`,
      );
      return [];
    }
    return [{ value: item.value, line: r.line(item.node), field: item.field }];
  });
}

/**
 * `credentials: { NAME: { hosts: [...], query: false } }`; an empty entry (`NAME: {}` or `NAME:`) takes the
 * hosts Paddock knows for NAME. Values come from the environment at run time, never from the spec.
 */
function readCredentials(r: SpecReader, node: Node | null | undefined): CredentialSpec[] {
  const out: CredentialSpec[] = [];
  for (const [name, entry] of r.mapping(node, 'credentials')) {
    if (!ENV_NAME.test(name)) {
      r.problem(entry.key, entry.field, 'expected an environment variable name');
      continue;
    }
    if (entry.value === null || (isScalar(entry.value) && entry.value.value === null)) {
      out.push({ name });
      continue;
    }
    const keys = r.mapping(entry.value, entry.field, CREDENTIAL_KEYS);
    const h = keys.get('hosts');
    const hosts = h
      ? r.strings(h.value, h.field, 'a list of host names').map((i) => i.value.toLowerCase())
      : [];
    const q = keys.get('query');
    const query = q ? q.value !== null && isScalar(q.value) && q.value.value === true : false;
    if (q && !(isScalar(q.value) && typeof q.value.value === 'boolean'))
      r.problem(q.value, q.field, 'expected true or false');
    const hd = keys.get('headers');
    const headers: string[] = [];
    for (const i of hd ? r.strings(hd.value, hd.field, 'a list of header names') : []) {
      if (HEADER_NAME.test(i.value)) headers.push(i.value.toLowerCase());
      else r.problem(i.node, i.field, 'expected a header name (letters, digits, -)');
    }
    out.push({
      name,
      ...(hosts.length > 0 ? { hosts } : {}),
      ...(query ? { query } : {}),
      ...(headers.length > 0 ? { headers } : {}),
    });
  }
  return out;
}

function readEnv(r: SpecReader, node: Node | null | undefined): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, entry] of r.mapping(node, 'env')) {
    if (!ENV_NAME.test(key)) r.problem(entry.key, entry.field, 'expected an environment variable name');
    else if (isScalar(entry.value) && entry.value.value === '') env[key] = '';
    else {
      const value = r.string(entry.value, entry.field, 'a scalar value');
      if (value !== undefined) env[key] = value;
    }
  }
  return env;
}

function readExpect(r: SpecReader, node: Node | null | undefined): EvalSpec['expect'] {
  if (node === undefined) return { exitCode: 0, egress: 'no-denials', passRate: 1 };
  const entries = r.mapping(node, 'expect', EXPECT_KEYS);
  const exit = entries.get('exit-code');
  const exitCode = exit ? (r.integer(exit.value, exit.field, 0, 255) ?? 0) : 0;
  const e = entries.get('egress');
  const rate = entries.get('pass-rate');
  return {
    exitCode,
    egress: e ? readEgress(r, e.value, e.field) : 'no-denials',
    passRate: rate ? (r.fraction(rate.value, rate.field) ?? 1) : 1,
  };
}

function readEgress(r: SpecReader, node: Node | null, field: string): EgressExpectation {
  const expected = "expected 'no-denials', 'allow-denials' or { denied: [host, …] }";
  if (isScalar(node) && (node.value === 'no-denials' || node.value === 'allow-denials')) return node.value;
  if (!isMap(node)) {
    r.problem(
      node,
      field,
      `${expected}, got ${isScalar(node) ? `'${String(node.value)}'` : 'something else'}`,
    );
    return 'no-denials';
  }
  const denied = r.mapping(node, field, ['denied']).get('denied');
  if (!denied) {
    r.problem(node, field, expected);
    return 'no-denials';
  }
  const hosts = r.strings(denied.value, denied.field, 'a list of hosts (host, host:port, *.domain or an IP)');
  for (const h of hosts) {
    const name = h.value.replace(/:\d+$/, '').replace(/^\*\./, '');
    if (!HOST.test(name))
      r.problem(h.node, h.field, `expected a host, host:port, *.domain or an IP, got '${h.value}'`);
  }
  return { denied: hosts.map((h) => h.value.toLowerCase()) };
}

function readGateway(r: SpecReader, node: Node | null | undefined, dir: string): EvalSpec['gateway'] {
  const entries = r.mapping(node, 'gateway', GATEWAY_KEYS);
  const hosts: Record<string, string> = {};
  const h = entries.get('hosts');
  if (h) {
    for (const [name, entry] of r.mapping(h.value, h.field)) {
      if (!HOST.test(name)) r.problem(entry.key, entry.field, `expected a host name, got '${name}'`);
      const ip = r.string(entry.value, entry.field, 'an IP address');
      if (ip !== undefined && isIP(ip) === 0)
        r.problem(entry.value, entry.field, `expected an IP address, got '${ip}'`);
      else if (ip !== undefined) hosts[name.toLowerCase()] = ip;
    }
  }
  const dns = entries.get('upstream-dns');
  const text = dns ? r.string(dns.value, dns.field, 'ADDR or ADDR:PORT') : undefined;
  let upstream: string | undefined;
  if (text !== undefined) {
    try {
      upstream = formatHostPort(parseHostPort(text, 53));
    } catch (error) {
      r.problem(dns?.value, 'gateway.upstream-dns', errorMessage(error));
    }
  }
  const ca = entries.get('upstream-ca');
  const upstreamCa: string[] = [];
  if (ca) {
    // One path or a list of paths, relative to the spec's folder.
    const files = isSeq(ca.value)
      ? r.strings(ca.value, ca.field, 'a list of CA file paths').map((i) => i.value)
      : [r.string(ca.value, ca.field, 'a CA file path or a list of them')];
    for (const file of files) if (file !== undefined) upstreamCa.push(resolve(dir, file));
  }
  const mode = entries.get('enforcement');
  const enforcement = mode ? r.oneOf(mode.value, mode.field, ENFORCEMENT) : undefined;
  return {
    hosts,
    ...(upstream === undefined ? {} : { upstreamDns: upstream }),
    ...(upstreamCa.length > 0 ? { upstreamCa } : {}),
    ...(enforcement === 'proxy-only' ? { enforcement } : {}),
  };
}

const ENFORCEMENT = ['enforce', 'proxy-only'] as const;

/** The spec's folder (`evals/paddock.yml` → `evals`), or its file name when it sits in the working directory. */
export function defaultName(file: string): string {
  const folder = basename(dirname(file));
  if (folder && folder !== '.' && folder !== '/') return folder;
  return basename(file).replace(/\.ya?ml$/i, '') || 'eval';
}
