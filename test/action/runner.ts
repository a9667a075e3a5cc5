// Runs a bundled entry point the way the GitHub runner does: INPUT_* env (with action.yml defaults),
// GITHUB_OUTPUT / GITHUB_STATE / GITHUB_STEP_SUMMARY files, STATE_* for post, GITHUB_EVENT_PATH.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { distDir } from './dist.js';

const ROOT = resolve(import.meta.dirname, '../..');

export interface StepOptions {
  /** Inputs by action.yml name; missing ones get action.yml's default, as the runner does. */
  readonly inputs?: Readonly<Record<string, string>>;
  /** The job's working directory (GITHUB_WORKSPACE). */
  readonly cwd: string;
  /** Saved state from main, passed to post as STATE_<name>. */
  readonly state?: Readonly<Record<string, string>>;
  /** A pull_request (or other) event payload. */
  readonly event?: { readonly name: string; readonly payload: unknown };
  readonly env?: Readonly<Record<string, string>>;
  /** Kill the step after this long (ms). @default 300000 */
  readonly timeoutMs?: number;
  /** Called with the child once it runs (to signal it mid-run), and the state file it writes. */
  readonly onSpawn?: (
    child: import('node:child_process').ChildProcess,
    files: { readonly state: string },
  ) => void;
}

export interface StepResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly ms: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly outputs: Record<string, string>;
  readonly state: Record<string, string>;
  readonly summary: string;
  /** `::error …::message` workflow commands, decoded. */
  readonly commands: { readonly command: string; readonly props: string; readonly message: string }[];
}

/** Parse a runner file-command file (`name<<delim\nvalue\ndelim`, or `name=value`). */
export function parseFileCommand(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name, delim] = heredoc as unknown as [string, string, string];
      const value: string[] = [];
      while (++i < lines.length && lines[i] !== delim) value.push(lines[i] as string);
      out[name] = value.join('\n');
    } else if (line.includes('=')) {
      out[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
    }
  }
  return out;
}

const decodeCommand = (s: string): string =>
  s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');

function actionDefaults(): Record<string, string> {
  const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as {
    inputs: Record<string, { default?: string }>;
  };
  const out: Record<string, string> = {};
  for (const [name, spec] of Object.entries(action.inputs)) {
    // The runner evaluates expressions; `${{ github.token }}` has no value outside Actions.
    out[name] = typeof spec.default === 'string' && !spec.default.includes('${{') ? spec.default : '';
  }
  return out;
}

/** Run `main` or `post` under `node` with the runner's contract; resolve when it exits. */
export async function runStep(
  node: string,
  entry: 'main' | 'post',
  options: StepOptions,
): Promise<StepResult> {
  const files = mkdtempSync(join(tmpdir(), 'paddock-runner-'));
  const outputPath = join(files, 'output');
  const statePath = join(files, 'state');
  const summaryPath = join(files, 'summary');
  for (const p of [outputPath, statePath, summaryPath]) writeFileSync(p, '');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? '/root',
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    GITHUB_WORKSPACE: options.cwd,
    RUNNER_TEMP: files,
    GITHUB_OUTPUT: outputPath,
    GITHUB_STATE: statePath,
    GITHUB_STEP_SUMMARY: summaryPath,
    GITHUB_REPOSITORY: 'octo/repo',
    GITHUB_RUN_ID: '4242',
    GITHUB_SERVER_URL: 'https://github.test',
    GITHUB_API_URL: 'http://127.0.0.1:9',
    // The engine under test (CI runs the suite against a second engine on its own socket).
    ...(process.env.DOCKER_HOST ? { DOCKER_HOST: process.env.DOCKER_HOST } : {}),
  };
  for (const [name, value] of Object.entries({ ...actionDefaults(), ...options.inputs })) {
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  }
  for (const [name, value] of Object.entries(options.state ?? {})) env[`STATE_${name}`] = value;
  if (options.event) {
    const eventPath = join(files, 'event.json');
    writeFileSync(eventPath, JSON.stringify(options.event.payload));
    env.GITHUB_EVENT_NAME = options.event.name;
    env.GITHUB_EVENT_PATH = eventPath;
  }
  Object.assign(env, options.env);

  const script = join(await distDir(), `${entry}.js`);
  const started = Date.now();
  const child = spawn(node, [script], { cwd: options.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  options.onSpawn?.(child, { state: statePath });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => {
    stdout += d;
  });
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  const killer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 300_000);
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((done) =>
    child.on('close', (c, s) => done([c, s])),
  );
  clearTimeout(killer);
  const commands = [...stdout.matchAll(/^::([a-z-]+)( [^:]*)?::(.*)$/gm)].map((m) => ({
    command: m[1] as string,
    props: m[2]?.trim() ?? '',
    message: decodeCommand(m[3] as string),
  }));
  return {
    code,
    signal,
    ms: Date.now() - started,
    stdout,
    stderr,
    outputs: parseFileCommand(readFileSync(outputPath, 'utf8')),
    state: parseFileCommand(readFileSync(statePath, 'utf8')),
    summary: readFileSync(summaryPath, 'utf8'),
    commands,
  };
}
