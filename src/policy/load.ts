import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PaddockError, type Problem } from '../common/errors.js';
import { mergePolicies } from './merge.js';
import { type ParsedPolicy, parsePolicy } from './parse.js';

export interface LoadOptions {
  /** Folder that relative paths are resolved against. @default process.cwd() */
  readonly baseDir?: string;
}

/** Names of the policies shipped in `policies/`. */
export const SHIPPED = ['default', 'strict', 'setup'] as const;

/**
 * Load a policy by shipped name (`default`, `strict`, `setup`) or path, and resolve its `extends` chain
 * (a cycle is an error). Reads only the policy files themselves.
 */
export async function loadPolicy(ref: string, options: LoadOptions = {}): Promise<ParsedPolicy> {
  return load(ref, options.baseDir ?? process.cwd(), []);
}

/**
 * Resolve the `extends` of an already parsed policy (e.g. an inline policy in an eval spec):
 * `baseDir` is where relative `extends` paths start.
 */
export async function resolveExtends(parsed: ParsedPolicy, options: LoadOptions = {}): Promise<ParsedPolicy> {
  return withBase(parsed, options.baseDir ?? process.cwd(), []);
}

async function load(ref: string, baseDir: string, chain: string[]): Promise<ParsedPolicy> {
  const path = locate(ref, baseDir);
  if (chain.includes(path)) {
    throw new PaddockError(
      'POLICY_INVALID',
      `policy extends itself: ${[...chain, path].map(shown).join(' -> ')}`,
      {
        problems: [
          {
            file: shown(chain.at(-1) ?? path),
            field: 'extends',
            message: `cycle: ${[...chain, path].map(shown).join(' -> ')}`,
          },
        ],
      },
    );
  }
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new PaddockError(
      'POLICY_INVALID',
      `cannot read policy ${shown(path)} (${code ?? 'error'}): expected a file path or one of ${SHIPPED.join(', ')}`,
      { cause: error },
    );
  }
  const read = parsePolicy(text, shown(path));
  // A shipped policy is reported by its name (`default`), not by where this install keeps it.
  const parsed = isShipped(ref) ? { ...read, policy: { ...read.policy, source: ref } } : read;
  return withBase(parsed, dirname(path), [...chain, path], text);
}

async function withBase(
  parsed: ParsedPolicy,
  dir: string,
  chain: string[],
  text?: string,
): Promise<ParsedPolicy> {
  const ref = parsed.policy.extends;
  if (ref === undefined) return parsed;
  let base: ParsedPolicy;
  try {
    base = await load(ref, dir, chain);
  } catch (error) {
    if (error instanceof PaddockError && error.problems.length === 0) {
      const line = text === undefined ? undefined : lineOf(text, /^extends\s*:/m);
      const problem: Problem = {
        file: parsed.policy.source,
        ...(line ? { line, column: 1 } : {}),
        field: 'extends',
        message: error.message,
      };
      throw new PaddockError('POLICY_INVALID', `${parsed.policy.source}: bad \`extends\``, {
        cause: error,
        problems: [problem],
      });
    }
    throw error;
  }
  return {
    policy: mergePolicies(base.policy, parsed.policy),
    warnings: [...base.warnings, ...parsed.warnings],
  };
}

/** `default`, `strict` or `setup`: a policy that ships with Paddock. */
export function isShipped(ref: string): ref is (typeof SHIPPED)[number] {
  return (SHIPPED as readonly string[]).includes(ref);
}

function locate(ref: string, baseDir: string): string {
  if (isShipped(ref)) return join(shippedDir(), `${ref}.yaml`);
  return isAbsolute(ref) ? ref : resolve(baseDir, ref);
}

let shipped: string | undefined;

/** The `policies/` folder: walk up from this module (src/policy under tsx, dist/ when bundled). */
export function shippedDir(): string {
  if (shipped) return shipped;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'policies', 'default.yaml'))) {
      shipped = join(dir, 'policies');
      return shipped;
    }
    const up = dirname(dir);
    if (up === dir) throw new PaddockError('INTERNAL', 'cannot find the shipped policies/ folder');
    dir = up;
  }
}

function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

function lineOf(text: string, re: RegExp): number | undefined {
  const m = re.exec(text);
  return m ? text.slice(0, m.index).split('\n').length : undefined;
}
