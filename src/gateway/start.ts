import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, open, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { errorMessage, PaddockError } from '../common/errors.js';
import { BRIDGE_IP_ON_STDIN, readHandshake } from './handshake.js';
import { gatewayStatus } from './lifecycle.js';
import { type GatewayHandle, statePaths } from './state.js';

export interface GatewayOptions {
  readonly session: string;
  /** Where the pid file, log, control socket and events live. */
  readonly stateDir: string;
  /**
   * The address the gateway listens on (the session network's bridge). A promise (the network is still being
   * made): the daemon starts at once, loads while the caller makes the network, and reads the address from its
   * stdin (`--bridge-ip -`) when the promise resolves; when it rejects, the daemon is stopped and its error thrown.
   */
  readonly bridgeIp: string | Promise<string>;
  /** Upstream name overrides (`--add-host NAME=IP`). @default {} */
  readonly hosts?: Readonly<Record<string, string>>;
  /** `ADDR[:PORT]` resolver for allowed names. @default the host's resolver */
  readonly upstreamDns?: string;
  /** CA files (PEM) that upstream TLS servers may also chain to, besides the system store. @default [] */
  readonly upstreamCa?: readonly string[];
  /** Session-wide audit switch. @default false */
  readonly audit?: boolean;
  /** Explicit proxy only; no root needed, no fence, no per-binary rules. @default false */
  readonly proxyOnly?: boolean;
  /**
   * Called when the gateway says it is starting (STARTING_LINE: namespaces made from now on get what they need
   * from the host): sandboxes' containers may start from then on; their fences wait for readiness.
   */
  readonly onStarting?: () => void;
  /** How long to wait for readiness. @default 15_000 */
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
}

/** argv for the daemon: `--flag value` pairs, repeatable `--add-host NAME=IP`. Pure. */
export function daemonArgs(o: GatewayOptions): string[] {
  const ip = typeof o.bridgeIp === 'string' ? o.bridgeIp : BRIDGE_IP_ON_STDIN;
  const args = ['--session', o.session, '--state-dir', o.stateDir, '--bridge-ip', ip];
  for (const [name, ip] of Object.entries(o.hosts ?? {})) args.push('--add-host', `${name}=${ip}`);
  if (o.upstreamDns) args.push('--upstream-dns', o.upstreamDns);
  for (const file of o.upstreamCa ?? []) args.push('--upstream-ca', file);
  if (o.audit) args.push('--audit');
  if (o.proxyOnly) args.push('--proxy-only');
  return args;
}

/**
 * Node flags of the daemon. The old generation starts at 64 MiB instead of growing from a few: the gateway's
 * working set is known, and under a flood (bench/flood.ts) the growth cost a run of full collections whose
 * pauses doubled another sandbox's p95 (1.19–1.27× with it, 1.49–2.45× without, same code and machine).
 */
export const DAEMON_NODE_FLAGS: readonly string[] = ['--initial-old-space-size=64'];

/**
 * How to run the daemon: the bundle next to us (dist/gateway.js), or, from source, daemon.ts through tsx unless
 * PADDOCK_GATEWAY_BUNDLE names a built bundle (the benches measure what users run). The bundle ignores it.
 */
export function daemonCommand(
  moduleUrl: string = import.meta.url,
  env: NodeJS.ProcessEnv = process.env,
): string[] {
  const here = dirname(fileURLToPath(moduleUrl));
  if (moduleUrl.endsWith('.ts')) {
    const built = env.PADDOCK_GATEWAY_BUNDLE;
    if (built) {
      if (!existsSync(built))
        throw new PaddockError(
          'GATEWAY_FAILED',
          `PADDOCK_GATEWAY_BUNDLE=${built} does not exist; run npm run build`,
        );
      return [process.execPath, ...DAEMON_NODE_FLAGS, built];
    }
    return [
      process.execPath,
      ...DAEMON_NODE_FLAGS,
      '--import',
      import.meta.resolve('tsx'),
      join(here, 'daemon.ts'),
    ];
  }
  const bundle = [join(here, 'gateway.js'), join(here, '..', 'gateway.js')].find((p) => existsSync(p));
  if (!bundle) throw new PaddockError('GATEWAY_FAILED', `cannot find gateway.js next to ${here}`);
  return [process.execPath, ...DAEMON_NODE_FLAGS, bundle];
}

async function tail(path: string, lines = 20): Promise<string> {
  const text = await readFile(path, 'utf8').catch(() => '');
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

/** How long a daemon that did not start gets to stop (it puts back what it changed) before it is killed. */
export const STOP_GRACE_MS = 5000;

/**
 * Stop a daemon whose start failed or was given up, and wait until it is gone: SIGTERM (it closes what it
 * opened and exits), then SIGKILL past STOP_GRACE_MS. Nothing it had made is left running behind the caller.
 */
async function stopChild(child: ChildProcess, graceMs = STOP_GRACE_MS): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), graceMs);
  });
  if ((await Promise.race([exited, late])) === 'late') {
    child.kill('SIGKILL');
    await exited;
  }
  clearTimeout(timer);
}

/**
 * Start the gateway detached (through `sudo -n` when not root, unless proxyOnly) and wait for its
 * readiness line. Failure: GATEWAY_FAILED (or PRIVILEGE_REQUIRED) with the log tail.
 */
export async function startGateway(options: GatewayOptions): Promise<GatewayHandle> {
  // Handled below, after the first awaits; a rejection before then must not count as unhandled.
  if (typeof options.bridgeIp !== 'string') options.bridgeIp.catch(() => undefined);
  const paths = statePaths(options.stateDir);
  const cancelled = () => new PaddockError('CANCELLED', 'gateway start cancelled');
  if (options.signal?.aborted) throw cancelled();
  const running = await gatewayStatus(options.stateDir);
  if (running.running) {
    throw new PaddockError(
      'GATEWAY_FAILED',
      `a gateway already runs for ${options.stateDir} (pid ${running.pid}); stop it first`,
    );
  }
  await mkdir(options.stateDir, { recursive: true });
  if (options.signal?.aborted) throw cancelled(); // given up already: no daemon is spawned
  const logFile = await open(paths.log, 'a');
  const [node, ...rest] = daemonCommand();
  const asRoot = process.getuid?.() === 0 || options.proxyOnly;
  const cmd = asRoot ? (node ?? process.execPath) : 'sudo';
  const args = [...(asRoot ? [] : ['-n', node ?? process.execPath]), ...rest, ...daemonArgs(options)];
  const bridgeIp = options.bridgeIp;
  const stdin = typeof bridgeIp === 'string' ? 'ignore' : 'pipe';
  const child = spawn(cmd, args, { detached: true, stdio: [stdin, 'pipe', logFile.fd] });
  await logFile.close();
  const timeoutMs = options.timeoutMs ?? 15_000;
  let noAddress: { readonly error: unknown } | undefined;
  try {
    let timer: NodeJS.Timeout | undefined;
    const json = await new Promise<string>((resolve, reject) => {
      if (typeof bridgeIp !== 'string') {
        child.stdin?.on('error', () => undefined); // a daemon that died is reported by its exit below
        bridgeIp.then(
          (ip) => child.stdin?.end(`${ip}\n`),
          (error: unknown) => {
            noAddress = { error };
            reject(error);
          },
        );
      }
      timer = setTimeout(() => reject(new Error(`not ready after ${timeoutMs} ms`)), timeoutMs);
      const onAbort = () => reject(cancelled());
      if (options.signal?.aborted) onAbort();
      options.signal?.addEventListener('abort', onAbort, { once: true });
      if (child.stdout) readHandshake(child.stdout, options.onStarting).then(resolve, reject);
      child.once('error', reject);
      child.once('exit', (code) => reject(new Error(`exited with ${code} before it was ready`)));
    }).finally(() => clearTimeout(timer));
    child.stdout?.destroy();
    child.unref();
    return JSON.parse(json) as GatewayHandle;
  } catch (error) {
    child.stdout?.destroy();
    await stopChild(child);
    if (noAddress && noAddress.error === error) throw error; // the network's own error, not the gateway's
    const log = await tail(paths.log);
    const code = /PRIVILEGE_REQUIRED|a password is required|sudo:/.test(log)
      ? 'PRIVILEGE_REQUIRED'
      : 'GATEWAY_FAILED';
    throw new PaddockError(
      code,
      `the gateway did not start (${errorMessage(error)}).${
        code === 'PRIVILEGE_REQUIRED' && !asRoot
          ? ' It needs root: run as root, or allow `sudo -n` for this user.'
          : ''
      }\n--- ${paths.log} (tail) ---\n${log}`,
      { cause: error },
    );
  }
}
