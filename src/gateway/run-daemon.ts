import { rm, writeFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import { errorMessage, PaddockError } from '../common/errors.js';
import { chownToInvoker } from '../common/files.js';
import {
  covers,
  decide,
  decideRequest,
  inspects,
  isPrivateAddress,
  nameAllowed,
  staticChanges,
} from '../policy/index.js';
import { BRIDGE_IP_ON_STDIN, READY_PREFIX } from './handshake.js';
import { writeLog } from './log.js';
import { runGateway } from './server.js';
import { enforcementOf, type GatewayHandle, NO_PROXY, statePaths } from './state.js';

export interface DaemonArgs {
  readonly session: string;
  readonly stateDir: string;
  readonly bridgeIp: string;
  readonly hosts: Record<string, string>;
  readonly upstreamDns?: string;
  /** Extra CA files upstream servers are verified against (`--upstream-ca FILE`, repeatable). */
  readonly upstreamCa: string[];
  readonly audit: boolean;
  readonly proxyOnly: boolean;
}

/** Parse the daemon's argv (see daemonArgs). Pure; bad input throws INPUT_INVALID. */
export function parseDaemonArgs(argv: readonly string[]): DaemonArgs {
  const out: { -readonly [K in keyof DaemonArgs]?: DaemonArgs[K] } = {
    hosts: {},
    upstreamCa: [],
    audit: false,
    proxyOnly: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new PaddockError('INPUT_INVALID', `gateway: ${flag} needs a value`);
      return v;
    };
    if (flag === '--session') out.session = value();
    else if (flag === '--state-dir') out.stateDir = value();
    else if (flag === '--bridge-ip') out.bridgeIp = value();
    else if (flag === '--upstream-dns') out.upstreamDns = value();
    else if (flag === '--upstream-ca') (out.upstreamCa as string[]).push(value());
    else if (flag === '--audit') out.audit = true;
    else if (flag === '--proxy-only') out.proxyOnly = true;
    else if (flag === '--add-host') {
      const v = value();
      const eq = v.indexOf('=');
      if (eq < 1) throw new PaddockError('INPUT_INVALID', `gateway: --add-host expects NAME=IP, got ${v}`);
      (out.hosts as Record<string, string>)[v.slice(0, eq).toLowerCase()] = v.slice(eq + 1);
    } else throw new PaddockError('INPUT_INVALID', `gateway: unknown argument ${flag}`);
  }
  for (const k of ['session', 'stateDir', 'bridgeIp'] as const) {
    if (!out[k])
      throw new PaddockError(
        'INPUT_INVALID',
        `gateway: --${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} is required`,
      );
  }
  return out as DaemonArgs;
}

/**
 * The first line of stdin: the bridge address when the caller was still making the network (`--bridge-ip -`).
 * Null as soon as `stop` is aborted (the caller gave up, or the process was asked to stop).
 */
async function bridgeIpFromStdin(stop: AbortSignal): Promise<string | null> {
  const line = new Promise<string>((resolve) => {
    let text = '';
    const done = () => resolve(text.split('\n')[0]?.trim() ?? '');
    process.stdin.on('data', (chunk) => {
      text += String(chunk);
      if (text.includes('\n')) done();
    });
    process.stdin.on('end', done);
    process.stdin.on('error', done);
  });
  const stopped = new Promise<null>((resolve) => {
    if (stop.aborted) resolve(null);
    stop.addEventListener('abort', () => resolve(null), { once: true });
  });
  const ip = await Promise.race([line, stopped]).finally(() => process.stdin.destroy());
  if (ip === null || stop.aborted) return null;
  if (isIP(ip) !== 4) {
    throw new PaddockError(
      'INPUT_INVALID',
      `gateway: --bridge-ip -: no IPv4 address on stdin (got ${JSON.stringify(ip)})`,
    );
  }
  return ip;
}

/** What daemon.ts hands runDaemon. */
export interface DaemonHooks {
  /** daemon.ts gave namespaces socket hashes of their own before this loaded: its undo. */
  readonly sharedHashesBack?: () => void;
  /** Aborted when the gateway is to stop (a signal; before ready, its starter gone), with why as its reason. */
  readonly stop?: AbortSignal;
  /** Called once the readiness line is out (from then on, a closed stdout is nobody's business). */
  readonly onReady?: () => void;
}

/**
 * Run the gateway until `stop` is aborted; print the readiness line on stdout when every listener is up. Asked
 * to stop while starting, it stops as soon as the step under way ends, closing what it opened, and rejects
 * with why (CANCELLED).
 */
export async function runDaemon(argv: readonly string[], hooks: DaemonHooks = {}): Promise<void> {
  const stopSignal = hooks.stop ?? new AbortController().signal;
  const cancelled = () =>
    new PaddockError('CANCELLED', `gateway start ended: ${errorMessage(stopSignal.reason)}`);
  const parsed = parseDaemonArgs(argv);
  const bridgeIp =
    parsed.bridgeIp === BRIDGE_IP_ON_STDIN ? await bridgeIpFromStdin(stopSignal) : parsed.bridgeIp;
  if (bridgeIp === null || stopSignal.aborted) throw cancelled();
  const args = { ...parsed, bridgeIp };
  const paths = statePaths(args.stateDir);
  const gateway = await runGateway({
    ...args,
    ...(hooks.sharedHashesBack ? { sharedHashesBack: hooks.sharedHashesBack } : {}),
    rules: { decide, covers, nameAllowed, isPrivateAddress, staticChanges, decideRequest, inspects },
  });
  if (stopSignal.aborted) {
    await gateway.close().catch(() => undefined);
    throw cancelled();
  }
  const handle: GatewayHandle = {
    pid: process.pid,
    socketPath: gateway.socketPath,
    eventsPath: gateway.eventsPath,
    logPath: paths.log,
    proxyUrl: `http://${args.bridgeIp}:${gateway.ports.proxy}`,
    noProxy: NO_PROXY,
    ports: gateway.ports,
    enforcement: enforcementOf(args),
    trust: gateway.trust,
  };
  await writeFile(paths.pid, `${process.pid}\n`);
  await writeFile(paths.handle, `${JSON.stringify(handle, null, 2)}\n`);
  for (const p of [paths.pid, paths.handle, paths.log]) await chownToInvoker(p);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    writeLog(`gateway stopping: ${errorMessage(stopSignal.reason)}`);
    await gateway.close().catch(() => undefined);
    await rm(paths.pid, { force: true });
    process.exit(0);
  };
  if (stopSignal.aborted) return stop(); // asked while its files were written
  stopSignal.addEventListener('abort', () => void stop(), { once: true });
  process.stdout.write(`${READY_PREFIX}${JSON.stringify(handle)}\n`, (error) => {
    if (!error) hooks.onReady?.();
  });
}
