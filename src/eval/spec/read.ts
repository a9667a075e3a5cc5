import { isMap, isScalar, isSeq, type LineCounter, type Node, type Pair, type Scalar } from 'yaml';
import { parseDuration } from '../../common/duration.js';
import { errorMessage, type Problem } from '../../common/errors.js';

/** Collects problems while reading one YAML file, each pointing at file:line:column and a field. */
export class SpecReader {
  readonly problems: Problem[] = [];

  constructor(
    readonly file: string,
    private readonly lines: LineCounter,
  ) {}

  /** Record a problem at a node (or at the top of the file when the node is missing). */
  problem(node: Node | Pair | null | undefined, field: string, message: string): void {
    const offset = rangeStart(node);
    const at = offset === undefined ? { line: 1, col: 1 } : this.lines.linePos(offset);
    this.problems.push({ file: this.file, line: at.line, column: at.col, field, message });
  }

  /** The 1-based line a node starts on. */
  line(node: Node | Pair | null | undefined): number | undefined {
    const offset = rangeStart(node);
    return offset === undefined ? undefined : this.lines.linePos(offset).line;
  }

  /** The entries of a mapping, rejecting keys outside `allowed` (with a "did you mean"). */
  mapping(node: Node | null | undefined, field: string, allowed?: readonly string[]): Map<string, Entry> {
    const out = new Map<string, Entry>();
    if (!isMap(node)) {
      this.problem(node, field, `expected a mapping, got ${describe(node)}`);
      return out;
    }
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
      const path = field ? `${field}.${key}` : String(key);
      if (key === undefined) {
        this.problem(pair.key as Node, field, 'expected a plain key');
        continue;
      }
      // Assigned into a plain object (env, a run's matrix), `__proto__` would set its prototype, not a key.
      if (key === '__proto__') {
        this.problem(pair.key as Node, path, `'__proto__' is a reserved name`);
        continue;
      }
      if (allowed && !allowed.includes(key)) {
        const near = closest(key, allowed);
        const hint = near ? `; did you mean '${near}'?` : `; expected one of: ${allowed.join(', ')}`;
        this.problem(pair.key as Node, path, `unknown key '${key}'${hint}`);
        continue;
      }
      out.set(key, { key: pair.key as Scalar, value: (pair.value ?? null) as Node | null, field: path });
    }
    return out;
  }

  /** A scalar as a string (numbers and booleans are stringified), or undefined with a problem. */
  string(node: Node | null | undefined, field: string, what = 'a string'): string | undefined {
    if (isScalar(node) && node.value !== null && typeof node.value !== 'object') {
      const text = String(node.value);
      if (text.trim() !== '') return text;
    }
    this.problem(node, field, `expected ${what}, got ${describe(node)}`);
    return undefined;
  }

  /** A number from 0 to 1 (`0.8`, `1`), or undefined with a problem. */
  fraction(node: Node | null | undefined, field: string): number | undefined {
    if (isScalar(node) && typeof node.value === 'number' && node.value >= 0 && node.value <= 1)
      return node.value;
    this.problem(node, field, `expected a number from 0 to 1 (e.g. 0.8), got ${describe(node)}`);
    return undefined;
  }

  /** One of `choices`, or undefined with a problem (with a "did you mean"). */
  oneOf<T extends string>(
    node: Node | null | undefined,
    field: string,
    choices: readonly T[],
  ): T | undefined {
    const text = this.string(node, field, `one of: ${choices.join(', ')}`);
    if (text === undefined) return undefined;
    if ((choices as readonly string[]).includes(text)) return text as T;
    const near = closest(text, choices);
    const hint = near ? `; did you mean '${near}'?` : `; expected one of: ${choices.join(', ')}`;
    this.problem(node, field, `unknown value '${text}'${hint}`);
    return undefined;
  }

  /** A list of scalars as strings; a lone scalar is not accepted (say what was expected instead). */
  strings(node: Node | null | undefined, field: string, what = 'a list of strings'): Item[] {
    if (!isSeq(node)) {
      this.problem(node, field, `expected ${what}, got ${describe(node)}`);
      return [];
    }
    const out: Item[] = [];
    node.items.forEach((item, i) => {
      const value = this.string(item as Node, `${field}[${i}]`);
      if (value !== undefined) out.push({ value, node: item as Node, field: `${field}[${i}]` });
    });
    return out;
  }

  /** An integer within [min, max]. */
  integer(node: Node | null | undefined, field: string, min: number, max = Number.MAX_SAFE_INTEGER) {
    if (isScalar(node) && typeof node.value === 'number' && Number.isInteger(node.value)) {
      if (node.value >= min && node.value <= max) return node.value;
    }
    const range = max === Number.MAX_SAFE_INTEGER ? `from ${min} and up` : `from ${min} to ${max}`;
    this.problem(node, field, `expected an integer ${range}, got ${describe(node)}`);
    return undefined;
  }

  /** A duration in the one grammar (`90s`, `10m`, `1h30m`), in milliseconds. */
  duration(node: Node | null | undefined, field: string): number | undefined {
    const text = isScalar(node) && node.value !== null ? String(node.value) : '';
    try {
      return parseDuration(text);
    } catch (error) {
      this.problem(node, field, errorMessage(error));
      return undefined;
    }
  }
}

export interface Entry {
  readonly key: Scalar;
  readonly value: Node | null;
  /** Dotted path of the value, e.g. `gateway.hosts`. */
  readonly field: string;
}

export interface Item {
  readonly value: string;
  readonly node: Node;
  readonly field: string;
}

/** The candidate nearest to `word` (edit distance ≤ 2, or a shared prefix), if any. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const c of candidates) {
    const d = distance(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best ?? candidates.find((c) => word.length >= 3 && c.startsWith(word));
}

function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row.push(Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost));
    }
    prev = row;
  }
  return prev[b.length] as number;
}

export function describe(node: Node | Pair | null | undefined): string {
  if (node === null || node === undefined) return 'nothing';
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) {
    if (node.value === null) return 'null';
    return typeof node.value === 'string' ? `'${node.value}'` : `${typeof node.value} ${String(node.value)}`;
  }
  return 'an unsupported value';
}

function rangeStart(node: Node | Pair | null | undefined): number | undefined {
  if (!node) return undefined;
  if ('range' in node && node.range) return node.range[0];
  if ('key' in node) return rangeStart(node.key as Node);
  return undefined;
}
