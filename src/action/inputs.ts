import * as core from '@actions/core';
import { errorMessage, PaddockError } from '../common/errors.js';
import { parseShard, type Shard } from '../eval/shard.js';
import { type CredentialSpec, parseCredentialSpec } from '../session/credentials.js';

/** The Action's inputs, keyed by their `action.yml` names. Read once, in `getInputs()`. */
export interface Inputs {
  /** Path to the eval spec. @default 'paddock.yml' */
  readonly spec: string;
  /** Runs at once; undefined leaves it to the spec. */
  readonly concurrency: number | undefined;
  /** @default 'paddock-results' */
  readonly 'results-dir': string;
  /** @default true */
  readonly 'fail-on-egress': boolean;
  /** Policy file or shipped name overriding the spec's. */
  readonly policy: string | undefined;
  /** Image overriding the spec's. */
  readonly image: string | undefined;
  /** @default true */
  readonly summary: boolean;
  /** @default false */
  readonly 'pr-comment': boolean;
  /** Token for the PR comment; '' when none. Never logged, saved or reported. */
  readonly 'github-token': string;
  /** Run only this shard of the matrix (`K/N`). */
  readonly shard: Shard | undefined;
  /** A glob of shard results directories to merge instead of running an eval. */
  readonly merge: string | undefined;
  /** In merge mode, merge even when shards are missing. @default false */
  readonly 'allow-missing-shards': boolean;
  /** `NAME[=HOST,…]` per line: secrets from the step's environment, given to the gateway only. */
  readonly credentials: readonly CredentialSpec[];
}

export type InputName = keyof Inputs;

/** Upper bound on `concurrency`, so a typo (`800`) cannot fork-bomb the runner. */
export const MAX_CONCURRENCY = 256;

const TRUE = ['true', 'True', 'TRUE'];
const FALSE = ['false', 'False', 'FALSE'];

function invalid(name: InputName, expected: string, got: string): PaddockError {
  return new PaddockError(
    'INPUT_INVALID',
    `Input '${name}': expected ${expected}, got ${JSON.stringify(got)}`,
  );
}

/** A YAML 1.2 core boolean, as `core.getBooleanInput` accepts; '' takes the default, anything else is an error. */
export function parseBoolean(name: InputName, raw: string, fallback: boolean): boolean {
  const value = raw.trim();
  if (value === '') return fallback;
  if (TRUE.includes(value)) return true;
  if (FALSE.includes(value)) return false;
  throw invalid(name, 'true or false (a YAML boolean)', raw);
}

/** A positive integer up to MAX_CONCURRENCY; '' means "not given". */
export function parseConcurrency(raw: string): number | undefined {
  const value = raw.trim();
  if (value === '') return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < 1 || n > MAX_CONCURRENCY) {
    throw invalid('concurrency', `a whole number from 1 to ${MAX_CONCURRENCY}`, raw);
  }
  return n;
}

const optional = (raw: string): string | undefined => (raw.trim() === '' ? undefined : raw.trim());

/** `K/N` (the CLI's `--shard` grammar); '' means "the whole matrix". */
export function parseShardInput(raw: string): Shard | undefined {
  if (raw.trim() === '') return undefined;
  try {
    return parseShard(raw);
  } catch (error) {
    throw new PaddockError('INPUT_INVALID', `Input 'shard': ${errorMessage(error)}`);
  }
}

/** Validate raw input strings (as the runner passes them) into typed Inputs. Pure. */
export function parseInputs(read: (name: InputName) => string): Inputs {
  const shard = parseShardInput(read('shard'));
  const merge = optional(read('merge'));
  if (shard && merge)
    throw new PaddockError(
      'INPUT_INVALID',
      "Inputs 'shard' and 'merge' exclude each other: a job runs a shard or merges them",
    );
  return {
    spec: optional(read('spec')) ?? 'paddock.yml',
    concurrency: parseConcurrency(read('concurrency')),
    'results-dir': optional(read('results-dir')) ?? 'paddock-results',
    'fail-on-egress': parseBoolean('fail-on-egress', read('fail-on-egress'), true),
    policy: optional(read('policy')),
    image: optional(read('image')),
    summary: parseBoolean('summary', read('summary'), true),
    'pr-comment': parseBoolean('pr-comment', read('pr-comment'), false),
    'github-token': read('github-token').trim(),
    shard,
    merge,
    'allow-missing-shards': parseBoolean('allow-missing-shards', read('allow-missing-shards'), false),
    credentials: parseCredentialsInput(read('credentials')),
  };
}

/** `credentials`: one `NAME[=HOST,…]` per line (blank lines and `#` comments skipped). Pure. */
export function parseCredentialsInput(raw: string): CredentialSpec[] {
  const lines = raw
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
  return lines.map((line) => {
    try {
      return parseCredentialSpec(line);
    } catch (error) {
      throw new PaddockError('INPUT_INVALID', `Input 'credentials': ${errorMessage(error)}`);
    }
  });
}

/**
 * The only place that calls `core.getInput`. Masks the token, and the value of every credential named, before
 * anything else can print them.
 */
export function getInputs(env: NodeJS.ProcessEnv = process.env): Inputs {
  const token = core.getInput('github-token');
  if (token !== '') core.setSecret(token);
  const inputs = parseInputs((name) => (name === 'github-token' ? token : core.getInput(name)));
  for (const c of inputs.credentials) {
    const value = env[c.name];
    if (value) core.setSecret(value);
  }
  return inputs;
}
