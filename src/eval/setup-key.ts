import { createHash } from 'node:crypto';
import type { Policy } from '../policy/types.js';

/** Where setup images go: `paddock/setup:<first 24 hex digits of the key>`. */
export const SETUP_REPO = 'paddock/setup';
/** Bumped when what a setup image holds, or how it is made, changes: older images are not reused. */
const KEY_VERSION = 'paddock-setup-v1';

/** What a setup image is built from; the same inputs give the same key. */
export interface SetupInputs {
  /** The base image's id (`sha256:…`): a new image under the same tag is a new setup. */
  readonly baseImageId: string;
  readonly command: string;
  /** Each setup file's path under /sandbox and the SHA-256 of its content. */
  readonly files: readonly { readonly path: string; readonly sha256: string }[];
  /** The setup phase's network policies (what it may reach decides what it installs). */
  readonly networkPolicies: Policy['network_policies'];
}

/** The setup's cache key: SHA-256 (hex) over its inputs, each length-prefixed so no two inputs run together. Pure. */
export function setupKey(inputs: SetupInputs): string {
  const hash = createHash('sha256');
  const part = (text: string) => hash.update(`${Buffer.byteLength(text)}:${text}\n`);
  part(KEY_VERSION);
  part(inputs.baseImageId);
  part(inputs.command);
  const files = [...inputs.files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  part(String(files.length));
  for (const f of files) {
    part(f.path);
    part(f.sha256);
  }
  part(canonicalJson(inputs.networkPolicies));
  return hash.digest('hex');
}

/** The image tag for a key. Pure. */
export const setupTag = (key: string): string => `${SETUP_REPO}:${key.slice(0, 24)}`;

/** JSON with object keys sorted, so equal values give equal text. Pure. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
