import { isMap, isScalar, isSeq, type LineCounter, type Node, type Pair } from 'yaml';
import type { Problem } from '../common/errors.js';

/** Where problems go while one file is read: every error and warning, each with its position. */
export class Source {
  readonly errors: Problem[] = [];
  readonly warnings: Problem[] = [];

  constructor(
    readonly file: string,
    private readonly lines: LineCounter,
  ) {}

  private problem(node: Node | null | undefined, field: string, message: string): Problem {
    const offset = node?.range?.[0];
    if (offset === undefined) return { file: this.file, field: field || undefined, message };
    const { line, col } = this.lines.linePos(offset);
    return { file: this.file, line, column: col, field: field || undefined, message };
  }

  error(node: Node | null | undefined, field: string, message: string): void {
    this.errors.push(this.problem(node, field, message));
  }

  warn(node: Node | null | undefined, field: string, message: string): void {
    this.warnings.push(this.problem(node, field, message));
  }

  /** 1-based line of a node, for messages that point back at the policy later. */
  line(node: Node | null | undefined): number | undefined {
    const offset = node?.range?.[0];
    return offset === undefined ? undefined : this.lines.linePos(offset).line;
  }

  /** The problem at an absolute offset (YAML syntax errors). */
  errorAt(offset: number, message: string): void {
    const { line, col } = this.lines.linePos(offset);
    this.errors.push({ file: this.file, line, column: col, message });
  }
}

/** `a.b` / `a[2]` field paths. */
export function join(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  return parent ? `${parent}.${key}` : key;
}

export interface Entry {
  readonly key: Node;
  readonly value: Node | null;
}

/**
 * Read a mapping: returns its entries by name. Unknown keys are errors with a "did you mean".
 * `null` when the node is not a mapping (already reported).
 */
export function readMap(
  src: Source,
  node: Node | null,
  field: string,
  known: readonly string[] | null,
  what = 'a mapping',
): Map<string, Entry> | null {
  if (!isMap(node)) {
    src.error(node, field, `expected ${what}, got ${describe(node)}`);
    return null;
  }
  const out = new Map<string, Entry>();
  for (const pair of node.items as Pair<Node, Node | null>[]) {
    const keyNode = pair.key;
    const name = isScalar(keyNode) ? String(keyNode.value) : null;
    if (name === null) {
      src.error(keyNode, field, 'expected a plain key');
      continue;
    }
    if (known && !known.includes(name)) {
      const hint = closest(name, known);
      const expected = hint ? `did you mean \`${hint}\`?` : `expected one of: ${known.join(', ')}`;
      src.error(keyNode, join(field, name), `unknown field \`${name}\`; ${expected}`);
      continue;
    }
    out.set(name, { key: keyNode, value: pair.value ?? null });
  }
  return out;
}

/** Items of a sequence, or null when it is not one (already reported). */
export function readSeq(src: Source, node: Node | null, field: string, what: string): Node[] | null {
  if (!isSeq(node)) {
    src.error(node, field, `expected ${what}, got ${describe(node)}`);
    return null;
  }
  return node.items as Node[];
}

export function readString(src: Source, node: Node | null, field: string): string | null {
  if (isScalar(node) && typeof node.value === 'string' && node.value !== '') return node.value;
  src.error(node, field, `expected a non-empty string, got ${describe(node)}`);
  return null;
}

export function readBool(src: Source, node: Node | null, field: string): boolean | null {
  if (isScalar(node) && typeof node.value === 'boolean') return node.value;
  src.error(node, field, `expected true or false, got ${describe(node)}`);
  return null;
}

export function readEnum<T extends string>(
  src: Source,
  node: Node | null,
  field: string,
  values: readonly T[],
): T | null {
  if (
    isScalar(node) &&
    typeof node.value === 'string' &&
    (values as readonly string[]).includes(node.value)
  ) {
    return node.value as T;
  }
  src.error(node, field, `expected one of ${values.join(', ')}, got ${describe(node)}`);
  return null;
}

export function readPort(src: Source, node: Node | null, field: string): number | null {
  if (isScalar(node) && typeof node.value === 'number' && Number.isInteger(node.value)) {
    if (node.value >= 1 && node.value <= 65535) return node.value;
  }
  src.error(node, field, `expected a port number from 1 to 65535, got ${describe(node)}`);
  return null;
}

/** A short description of what was found, for "expected X, got Y". */
export function describe(node: Node | null | undefined): string {
  if (node === null || node === undefined) return 'nothing';
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) {
    if (node.value === null) return 'null';
    if (typeof node.value === 'string') return `"${node.value}"`;
    return String(node.value);
  }
  return 'an alias';
}

/** The known name nearest to `name` (edit distance ≤ 3, or a prefix relation), if any. */
export function closest(name: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of known) {
    const d = distance(name.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return bestDistance <= Math.max(2, Math.floor(name.length / 3)) ? best : undefined;
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}
