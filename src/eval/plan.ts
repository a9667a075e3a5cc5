import { createHash } from 'node:crypto';
import { basename, extname } from 'node:path';
import picomatch from 'picomatch';
import { PaddockError, type Problem } from '../common/errors.js';
import { pathMatcher } from '../common/glob.js';
import { plural } from '../common/plural.js';
import type { EvalSpec, Expectation } from './spec/types.js';

/** One run of the matrix: everything the lifecycle needs, nothing it has to look up. */
export interface RunPlan {
  /** Stable, unique, filesystem-safe id, e.g. `model-a__prompt-x`; `<cell>#<k>` for a repetition. */
  readonly id: string;
  /** The matrix cell's id (the run's id without `#<k>`). */
  readonly cell: string;
  /** 1-based, when the spec repeats every cell (`repeat:` above 1). */
  readonly repetition?: number;
  /** Matrix values as given (file axes hold the path relative to the spec). */
  readonly matrix: Readonly<Record<string, string>>;
  readonly command: string | readonly string[];
  /** Spec env, then matrix keys upper-cased, PADDOCK_MATRIX (JSON), PADDOCK_RUN (and PADDOCK_REPEAT). */
  readonly env: Readonly<Record<string, string>>;
  /** Globs relative to the spec folder, plus the run's matrix files. */
  readonly files: readonly string[];
  readonly outputs: readonly string[];
  readonly timeoutMs: number;
  readonly expect: Expectation;
  /** The verify phase, when the spec has one: its command, timeout and the files copied in just before it. */
  readonly verify?: {
    readonly command: string;
    readonly timeoutMs: number;
    readonly files: readonly string[];
  };
}

export interface PlanOptions {
  /** Every file under the spec folder, relative to it ('/'-separated); globs expand against this list. */
  readonly files: readonly string[];
  /** Overrides `max-runs` from the spec. */
  readonly maxRuns?: number;
  /** `KEY=VALUE` filters: same key ORs, different keys AND. A value matches the raw value or its id form. */
  readonly filters?: readonly string[];
}

type Combo = Record<string, string>;

/** spec → the runs it describes, in a stable order. Pure: the file list is passed in. */
export function plan(spec: EvalSpec, options: PlanOptions): RunPlan[] {
  const problems: Problem[] = [];
  /** A value that names a file under the spec folder is a file value: ids use its basename, it is copied in. */
  const fileValues = new Set(options.files);
  const axes = spec.matrix.axes.map((axis) => {
    const values: string[] = [];
    for (const v of axis.values) {
      if (!v.glob) {
        values.push(v.value);
        continue;
      }
      const isMatch = picomatch(v.value, { dot: false });
      const matches = options.files.filter((f) => isMatch(f)).sort();
      if (matches.length === 0) {
        problems.push({
          file: spec.file,
          line: v.line,
          field: v.field,
          message: `'${v.value}' matches no file under ${spec.dir}`,
        });
      }
      values.push(...matches);
    }
    return { key: axis.key, values: [...new Set(values)] };
  });
  // A `files:` typo would otherwise pass validation and fail every run: it is an error at its line.
  for (const f of [...spec.files, ...(spec.verify?.files ?? []), ...(spec.setup?.files ?? [])]) {
    const test = pathMatcher(f.value);
    if (!options.files.some(test))
      problems.push({
        file: spec.file,
        line: f.line,
        field: f.field,
        message: `'${f.value}' matches no file under ${spec.dir}`,
      });
  }
  if (problems.length)
    throw new PaddockError(
      'SPEC_INVALID',
      `${spec.file}: ${plural(problems.length, 'pattern')} ${problems.length === 1 ? 'matches' : 'match'} no file`,
      {
        problems,
      },
    );

  const maxRuns = options.maxRuns ?? spec.maxRuns;
  const product = axes.reduce((n, a) => n * a.values.length, axes.length ? 1 : 0);
  if (product > maxRuns * 64) tooMany(spec, product, maxRuns);
  let combos = cartesian(axes);
  combos = combos.filter((c) => !spec.matrix.exclude.some((e) => matches(c, e.values)));
  combos = applyInclude(
    combos,
    spec.matrix.include.map((i) => i.values),
    new Set(axes.map((a) => a.key)),
  );
  if (combos.length === 0 && axes.length === 0) combos = [{}];
  if (combos.length * spec.repeat > maxRuns) tooMany(spec, combos.length * spec.repeat, maxRuns);
  if (combos.length === 0) {
    throw new PaddockError('SPEC_INVALID', `${spec.file}: the matrix is empty after exclude`, {
      problems: [
        {
          file: spec.file,
          ...(spec.lines.matrix ? { line: spec.lines.matrix } : {}),
          field: 'matrix',
          message: 'expected at least one combination; exclude removed them all',
        },
      ],
    });
  }

  const keyOrder = [...axes.map((a) => a.key)];
  for (const c of combos) for (const k of Object.keys(c)) if (!keyOrder.includes(k)) keyOrder.push(k);
  const ids = uniqueIds(combos.map((c) => runId(c, keyOrder, fileValues)));
  const runs = combos.map((c, i) => toRun(spec, c, ids[i] as string, keyOrder, fileValues));
  return repeated(filterRuns(runs, options.filters ?? [], keyOrder, fileValues), spec.repeat);
}

/** Each cell `times` times, repetitions together: `<cell>#1…N` (ids and PADDOCK_RUN), PADDOCK_REPEAT=k. */
function repeated(cells: RunPlan[], times: number): RunPlan[] {
  if (times === 1) return cells;
  return cells.flatMap((cell) =>
    Array.from({ length: times }, (_, i) => {
      const id = `${cell.id}#${i + 1}`;
      const env = { ...cell.env, PADDOCK_RUN: id, PADDOCK_REPEAT: String(i + 1) };
      return { ...cell, id, repetition: i + 1, env };
    }),
  );
}

function tooMany(spec: EvalSpec, count: number, max: number): never {
  throw new PaddockError(
    'SPEC_INVALID',
    `${spec.file}: the matrix expands to ${count} runs${spec.repeat > 1 ? ` (repeat: ${spec.repeat})` : ''}, above the maximum of ${max}`,
    {
      problems: [
        {
          file: spec.file,
          ...(spec.lines.matrix ? { line: spec.lines.matrix } : {}),
          field: 'matrix',
          message: `expected at most ${max} runs (raise \`max-runs\` or narrow the matrix), got ${count}`,
        },
      ],
    },
  );
}

function cartesian(axes: readonly { key: string; values: readonly string[] }[]): Combo[] {
  if (axes.length === 0) return [];
  let out: Combo[] = [{}];
  for (const axis of axes) out = out.flatMap((c) => axis.values.map((v) => ({ ...c, [axis.key]: v })));
  return out;
}

function matches(combo: Combo, pattern: Readonly<Combo>): boolean {
  return Object.entries(pattern).every(([k, v]) => combo[k] === v);
}

/**
 * GitHub Actions semantics: an include extends every original combination whose original values it does not
 * change (added keys may be overwritten by later includes); when it extends none, it becomes a new combination.
 */
export function applyInclude(
  base: Combo[],
  include: readonly Readonly<Combo>[],
  axes: ReadonlySet<string>,
): Combo[] {
  const combos = base.map((c) => ({ ...c }));
  const extra: Combo[] = [];
  for (const inc of include) {
    const original = Object.entries(inc).filter(([k]) => axes.has(k));
    const added = Object.entries(inc).filter(([k]) => !axes.has(k));
    let extended = false;
    for (const c of combos) {
      if (!original.every(([k, v]) => c[k] === v)) continue;
      for (const [k, v] of added) c[k] = v;
      extended = true;
    }
    if (!extended) extra.push({ ...inc });
  }
  return [...combos, ...extra];
}

/** `model-a__prompt-x`: values in key order; file values by basename without extension; `run` when empty. */
export function runId(
  combo: Readonly<Combo>,
  keyOrder: readonly string[],
  fileValues: ReadonlySet<string>,
): string {
  const parts = keyOrder
    .filter((k) => k in combo)
    .map((k) => idPart(combo[k] as string, fileValues.has(combo[k] as string)));
  const id = parts.join('__') || 'run';
  if (id.length <= 100) return id;
  const hash = createHash('sha256').update(id).digest('hex').slice(0, 8);
  return `${id.slice(0, 91).replace(/[-_.]+$/, '')}-${hash}`;
}

function idPart(value: string, isFile: boolean): string {
  const raw = isFile ? basename(value, extname(value)) : value;
  const safe = raw
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/_{2,}/g, '_')
    .replace(/^[-._]+|[-._]+$/g, '');
  return safe || 'x';
}

/** Later duplicates get `-2`, `-3`, … (skipping ids already taken), in plan order. */
export function uniqueIds(ids: readonly string[]): string[] {
  const taken = new Set(ids);
  const seen = new Set<string>();
  return ids.map((id) => {
    if (!seen.has(id)) {
      seen.add(id);
      return id;
    }
    let n = 2;
    while (taken.has(`${id}-${n}`)) n++;
    const unique = `${id}-${n}`;
    taken.add(unique);
    seen.add(unique);
    return unique;
  });
}

function toRun(
  spec: EvalSpec,
  combo: Combo,
  id: string,
  keyOrder: readonly string[],
  fileValues: ReadonlySet<string>,
): RunPlan {
  const matrix: Combo = {};
  for (const k of keyOrder) if (k in combo) matrix[k] = combo[k] as string;
  const env: Combo = { ...spec.env };
  for (const [k, v] of Object.entries(matrix)) env[envName(k)] = v;
  env.PADDOCK_MATRIX = JSON.stringify(matrix);
  env.PADDOCK_RUN = id;
  const matrixFiles = Object.values(matrix).filter((v) => fileValues.has(v));
  return {
    id,
    cell: id,
    matrix,
    command: spec.run,
    env,
    files: [...new Set([...spec.files.map((f) => f.value), ...matrixFiles])],
    outputs: spec.outputs,
    timeoutMs: spec.timeoutMs,
    expect: spec.expect,
    ...(spec.verify
      ? {
          verify: {
            command: spec.verify.run,
            timeoutMs: spec.verify.timeoutMs,
            files: spec.verify.files.map((f) => f.value),
          },
        }
      : {}),
  };
}

export function envName(key: string): string {
  return key.toUpperCase().replace(/[^A-Z0-9_]/g, '_');
}

function filterRuns(
  runs: RunPlan[],
  filters: readonly string[],
  keys: readonly string[],
  fileValues: ReadonlySet<string>,
): RunPlan[] {
  if (filters.length === 0) return runs;
  const wanted = new Map<string, Set<string>>();
  for (const f of filters) {
    const eq = f.indexOf('=');
    const key = f.slice(0, eq);
    if (eq <= 0 || !keys.includes(key)) {
      throw new PaddockError(
        'USAGE',
        `Expected \`--filter\` to be KEY=VALUE with KEY one of ${keys.join(', ') || '(no matrix keys)'}, got '${f}'`,
      );
    }
    wanted.set(key, (wanted.get(key) ?? new Set()).add(f.slice(eq + 1)));
  }
  const kept = runs.filter((run) =>
    [...wanted].every(([key, values]) => {
      const v = run.matrix[key];
      return v !== undefined && (values.has(v) || values.has(idPart(v, fileValues.has(v))));
    }),
  );
  if (kept.length === 0) throw new PaddockError('USAGE', `no run matches the filters ${filters.join(' ')}`);
  return kept;
}
