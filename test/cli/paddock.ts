// Spawns the CLI as a user would (`node --import tsx src/cli/index.ts …`), in a session of its own.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '..', '..');
/** tsx by its resolved URL, so the CLI runs from any working directory. */
export const CLI = ['--import', import.meta.resolve('tsx'), join(ROOT, 'src', 'cli', 'index.ts')];

export interface TestSession {
  readonly id: string;
  readonly stateDir: string;
  /** The environment every CLI call of this session gets. */
  readonly env: NodeJS.ProcessEnv;
}

/** A fresh session id and state folder, so tests never touch another's (or the user's) resources. */
export function testSession(prefix = 't-cli'): TestSession {
  const id = `${prefix}-${randomBytes(3).toString('hex')}`;
  const stateDir = mkdtempSync(join(tmpdir(), `${id}-`));
  return { id, stateDir, env: { ...process.env, PADDOCK_SESSION: id, PADDOCK_STATE_DIR: stateDir } };
}

export interface Result {
  readonly code: number | null;
  readonly stdout: Buffer;
  readonly stderr: string;
  /** stdout as text. */
  readonly out: string;
}

export interface CallOptions {
  readonly input?: string | Buffer;
  /** @default 120_000 */
  readonly timeoutMs?: number;
  readonly cwd?: string;
}

/** Run `paddock ARGS…` to completion. */
export function paddock(
  session: TestSession | undefined,
  args: readonly string[],
  options: CallOptions = {},
): Promise<Result> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [...CLI, ...args], {
      cwd: options.cwd ?? ROOT,
      env: session?.env ?? {
        ...process.env,
        PADDOCK_SESSION: 't-cli-none',
        PADDOCK_STATE_DIR: join(tmpdir(), 't-cli-none'),
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      const stdout = Buffer.concat(out);
      resolvePromise({ code, stdout, out: stdout.toString(), stderr: Buffer.concat(err).toString() });
    });
    child.stdin.end(options.input ?? '');
  });
}

/** `paddock …` that must exit 0; the error shows its stderr. */
export async function ok(
  session: TestSession,
  args: readonly string[],
  options: CallOptions = {},
): Promise<Result> {
  const result = await paddock(session, args, options);
  if (result.code !== 0)
    throw new Error(`paddock ${args.join(' ')} exited ${result.code}:\n${result.stderr}`);
  return result;
}
