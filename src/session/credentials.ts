import { randomBytes } from 'node:crypto';
import { PaddockError } from '../common/errors.js';

/** A credential a sandbox is given: the value stays in the gateway; the sandbox gets a placeholder. */
export interface CredentialRequest {
  /** The environment variable (ANTHROPIC_API_KEY). */
  readonly name: string;
  /** The secret (read from the runner's environment by the caller). */
  readonly value: string;
  /** Host patterns it may be sent to. */
  readonly hosts: readonly string[];
  /** Also substitute it as a key parameter of the query (`?key=`, see KEY_PARAMS). @default false */
  readonly query?: boolean;
  /** Header names (lower case) it also goes into, besides the key headers. @default [] */
  readonly headers?: readonly string[];
}

/** What the spec, the CLI and the Action ask for: a name, and hosts unless the defaults know them. */
export interface CredentialSpec {
  readonly name: string;
  /** @default DEFAULT_CREDENTIAL_HOSTS[name] */
  readonly hosts?: readonly string[];
  readonly query?: boolean;
  /** Header names (lower case) besides the key headers (`xi-api-key`). */
  readonly headers?: readonly string[];
}

/** The hosts the well-known provider keys go to. */
export const DEFAULT_CREDENTIAL_HOSTS: Readonly<Record<string, readonly string[]>> = {
  ANTHROPIC_API_KEY: ['api.anthropic.com'],
  OPENAI_API_KEY: ['api.openai.com'],
  GEMINI_API_KEY: ['generativelanguage.googleapis.com'],
  GOOGLE_API_KEY: ['generativelanguage.googleapis.com'],
  GH_TOKEN: ['api.github.com', 'github.com', 'uploads.github.com'],
  GITHUB_TOKEN: ['api.github.com', 'github.com', 'uploads.github.com'],
};

/** Key prefixes clients check for, longest first (a placeholder keeps the secret's). */
const PREFIXES = [
  'sk-ant-api03-',
  'sk-ant-',
  'sk-proj-',
  'sk-',
  'github_pat_',
  'ghp_',
  'gho_',
  'ghu_',
  'ghs_',
  'AIza',
];

/**
 * A placeholder for `secret`: its provider prefix, then `paddock`, then random letters and digits, as long as
 * the secret (at least 32 characters), so clients that check a key's shape accept it. A valid header value,
 * never equal to the secret. `random` is for tests.
 */
export function placeholderFor(secret: string, random: (n: number) => Buffer = randomBytes): string {
  const prefix = PREFIXES.find((p) => secret.startsWith(p)) ?? '';
  const length = Math.max(secret.length, 32);
  const fill = random(length)
    .toString('hex')
    .replace(/[^a-z0-9]/g, '');
  const out = `${prefix}paddock${fill}`.slice(0, Math.max(length, prefix.length + 7 + 16));
  return out === secret ? `${out}x` : out;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/**
 * What the runner puts into every JavaScript action's environment (ACTIONS_RUNTIME_TOKEN: cache and artifact
 * writes; ACTIONS_ID_TOKEN_REQUEST_TOKEN: OIDC tokens), its own settings and the actions' inputs: no agent's key,
 * and a spec (which a pull request can change) names both a credential and where it may go.
 */
const RUNNER_OWN = /^(ACTIONS|RUNNER|INPUT)_/i;
const HOST = /^(\*\*?\.)?[a-z0-9_]([a-z0-9_.-]*[a-z0-9_])?$/;

/**
 * `NAME[=HOST,…]` (the CLI's `--credential`, a line of the Action's `credentials`): a variable whose value, read
 * from the runner's environment, the gateway puts into requests to HOST (or the hosts known for NAME). Pure;
 * INPUT_INVALID says what was expected.
 */
export function parseCredentialSpec(value: string): CredentialSpec {
  const text = value.trim();
  const at = text.indexOf('=');
  const name = (at < 0 ? text : text.slice(0, at)).trim();
  if (!NAME.test(name)) throw new PaddockError('INPUT_INVALID', `expected NAME[=HOST,…], got '${text}'`);
  if (at < 0) return { name };
  const hosts = text
    .slice(at + 1)
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter((h) => h !== '');
  if (hosts.length === 0) throw new PaddockError('INPUT_INVALID', `'${text}': expected host names after =`);
  for (const h of hosts)
    if (!HOST.test(h))
      throw new PaddockError('INPUT_INVALID', `'${text}': expected a host name or *.domain, got '${h}'`);
  return { name, hosts };
}

/**
 * Resolve the credentials asked for against the environment: each needs a value, and hosts (given, or
 * known by default). Errors name the variable, never a value (INPUT_INVALID).
 */
export function resolveCredentials(
  specs: readonly CredentialSpec[],
  env: Readonly<Record<string, string | undefined>>,
): CredentialRequest[] {
  const seen = new Set<string>();
  return specs.map((spec) => {
    if (!NAME.test(spec.name))
      throw new PaddockError('INPUT_INVALID', `credential ${JSON.stringify(spec.name)}: not a variable name`);
    if (seen.has(spec.name)) throw new PaddockError('INPUT_INVALID', `credential ${spec.name}: given twice`);
    if (RUNNER_OWN.test(spec.name))
      throw new PaddockError(
        'INPUT_INVALID',
        `credential ${spec.name}: the runner's own (ACTIONS_*, RUNNER_*, INPUT_*), never handed to a sandbox`,
      );
    seen.add(spec.name);
    const value = env[spec.name];
    if (value === undefined || value === '')
      throw new PaddockError('INPUT_INVALID', `credential ${spec.name}: not set in the environment`);
    if (/[\r\n\0]/.test(value))
      throw new PaddockError('INPUT_INVALID', `credential ${spec.name}: its value has a line break or NUL`);
    const hosts = spec.hosts && spec.hosts.length > 0 ? spec.hosts : DEFAULT_CREDENTIAL_HOSTS[spec.name];
    if (!hosts)
      throw new PaddockError(
        'INPUT_INVALID',
        `credential ${spec.name}: no hosts known for it; name them (--credential ${spec.name}=HOST[,HOST…])`,
      );
    return {
      name: spec.name,
      value,
      hosts: [...hosts],
      ...(spec.query ? { query: true } : {}),
      ...(spec.headers?.length ? { headers: [...spec.headers] } : {}),
    };
  });
}
