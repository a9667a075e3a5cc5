import { dirname } from 'node:path';
import { PaddockError } from '../common/errors.js';
import type { GatewayClient } from '../gateway/index.js';
import { loadPolicy, parsePolicy, resolveExtends } from '../policy/index.js';
import { bootstrapImage, DEFAULT_IMAGE } from '../sandbox/image/bootstrap.js';
import {
  commitSandbox,
  copyIn,
  copyOut,
  ensureImage,
  execInSandbox,
  findImage,
  getSandbox,
  proxyEnv,
  removeImage,
  type SandboxInfo,
  startHeldRun,
  stopSandboxProcesses,
  tagImage,
} from '../sandbox/index.js';
import { describeClose, Session } from '../session/index.js';
import type { Drivers, EvalSession, RunSandbox, SessionOptions } from './drivers.js';

/**
 * The eval's view of a session (src/session does the wiring): its own session unless `shared`, in which case
 * the eval attaches to it and removes only its own sandboxes.
 */
export async function openSession(options: SessionOptions): Promise<EvalSession> {
  // Returns while the gateway still starts: the first sandboxes' containers are made meanwhile (ready()).
  const session = await Session.start({
    id: options.id,
    stateDir: options.stateDir,
    gateway: {
      hosts: options.hosts,
      ...(options.upstreamDns ? { upstreamDns: options.upstreamDns } : {}),
      ...(options.upstreamCa?.length ? { upstreamCa: options.upstreamCa } : {}),
      audit: options.audit ?? false,
      proxyOnly: options.proxyOnly ?? false,
    },
    exclusive: !options.shared,
    ...(options.log ? { log: options.log } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  return {
    id: session.id,
    eventsPath: session.eventsPath,
    enforcement: session.enforcement === 'proxy-only' ? 'proxy-only' : 'enforce',
    ready: async () => {
      await session.ready();
    },
    async createSandbox(request) {
      const info = await session.createSandbox({
        ...request,
        ...(request.setup ? { phase: 'setup', setup: true } : {}),
      });
      // A setup sandbox's container holds no proxy variables (its filesystem becomes an image): each exec does.
      return runSandbox(info, session, request.setup ? proxyEnv(session.proxy) : {});
    },
    quiesce: () => session.stopOwnGateway(),
    async close() {
      const report = await session.close();
      return report.problems.length > 0 ? [describeClose(report)] : [];
    },
  };
}

function runSandbox(
  info: SandboxInfo,
  session: Session,
  execEnv: Readonly<Record<string, string>>,
): RunSandbox {
  const client: GatewayClient = session.client;
  return {
    name: info.name,
    ...(info.landlock ? { landlock: info.landlock } : {}),
    ...(info.attribution ? { attribution: info.attribution } : {}),
    copyIn: async (files) => {
      if (files.length > 0) await copyIn(info, files);
    },
    run: async (request) => {
      if (!info.held) throw new PaddockError('SANDBOX_FAILED', `${info.name} was created without a command`);
      return startHeldRun(info.held, {
        timeoutMs: request.timeoutMs,
        stdout: request.stdout,
        stderr: request.stderr,
        maxOutputBytes: request.maxOutputBytes,
        ...(request.signal ? { signal: request.signal } : {}),
      });
    },
    exec: (request) =>
      execInSandbox(info, {
        command: request.command,
        env: { ...execEnv, ...request.env },
        timeoutMs: request.timeoutMs,
        stdout: request.stdout,
        stderr: request.stderr,
        maxOutputBytes: request.maxOutputBytes,
        ...(request.signal ? { signal: request.signal } : {}),
      }),
    copyOut: (globs, destDir) => copyOut(info, [...globs], destDir),
    health: async (exited = false) => {
      // Without its gateway a sandbox reaches nothing (fail closed): that is an infrastructure error.
      if (
        !(await client.health().then(
          () => true,
          () => false,
        ))
      )
        return 'the gateway stopped';
      // A command that ended by itself had its sandbox up: no engine round trip per run to say so.
      if (exited) return undefined;
      return getSandbox(info.session, info.name).then(
        (s) =>
          s.state === 'running'
            ? undefined
            : s.state === 'removing'
              ? 'the sandbox was removed'
              : `the sandbox stopped (${s.state})`,
        () => 'the sandbox was removed',
      );
    },
    events: () => client.events({ sandbox: info.name }),
    enterPhase: async (phase, policy) => {
      await stopSandboxProcesses(info);
      await client.setPolicy(info.name, policy, phase);
    },
    commit: (labels) => commitSandbox(info, labels),
    // Cleanup may swallow: a sandbox that will not go is still removed by the session's close (owned) or prune.
    delete: () => session.deleteSandbox(info.name, info.id).catch(() => undefined),
  };
}

export const realDrivers: Drivers = {
  openSession,
  async prepareImage(ref, signal) {
    if (ref === DEFAULT_IMAGE) await bootstrapImage();
    const info = await ensureImage(ref, signal);
    // As imageDigest says it, from the same inspection.
    return { digest: info.RepoDigests?.[0] ?? info.Id, id: info.Id };
  },
  findImage,
  tagImage,
  removeImage,
  async loadPolicy(ref, where) {
    const baseDir = dirname(where.specFile);
    if (ref.kind === 'ref') return loadPolicy(ref.ref, { baseDir });
    const at = [...(ref.at ?? ['policy'])];
    return resolveExtends(parsePolicy(where.specText, where.specFile, { at }), { baseDir });
  },
};
