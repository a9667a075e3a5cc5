import { readdir, readFile, rm } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { writeFileAtomic } from '../common/files.js';
import { isShipped } from '../policy/index.js';

/** What the CLI remembers about a sandbox beyond its container: the policy to fence it with again. */
export interface SandboxRecord {
  readonly name: string;
  /** A shipped name (`default`, `strict`, `setup`) or an absolute path. */
  readonly policy: string;
  readonly createdAt: string;
}

const dir = (stateDir: string): string => join(stateDir, 'sandboxes');
const file = (stateDir: string, name: string): string => join(dir(stateDir), `${name}.json`);

/** A `--policy` value as stored: shipped names as they are, paths made absolute. Pure. */
export function policyRef(value: string, cwd: string = process.cwd()): string {
  if (isShipped(value)) return value;
  return isAbsolute(value) ? value : resolve(cwd, value);
}

export async function saveRecord(stateDir: string, record: SandboxRecord): Promise<void> {
  await writeFileAtomic(file(stateDir, record.name), `${JSON.stringify(record, null, 2)}\n`);
}

/** The record, or one with the default policy when the sandbox was made elsewhere (e.g. by an eval). */
export async function readRecord(stateDir: string, name: string): Promise<SandboxRecord> {
  try {
    const value = JSON.parse(await readFile(file(stateDir, name), 'utf8')) as SandboxRecord;
    if (typeof value.policy === 'string') return value;
  } catch {
    // missing or unreadable: fall through
  }
  return { name, policy: 'default', createdAt: '' };
}

export async function removeRecord(stateDir: string, name: string): Promise<void> {
  await rm(file(stateDir, name), { force: true });
}

export async function recordNames(stateDir: string): Promise<string[]> {
  const names = await readdir(dir(stateDir)).catch(() => [] as string[]);
  return names.filter((n) => n.endsWith('.json')).map((n) => n.slice(0, -5));
}
