import type Docker from 'dockerode';
import { PaddockError } from '../common/errors.js';
import { type Compatibility, type LandlockRules, PROBE_COMMAND } from './init.js';
import { Demuxer } from './output.js';

/** What a sandbox got: the kernel's Landlock ABI as init sees it (0: none), and whether rules are applied. */
export interface LandlockStatus {
  readonly compatibility: Compatibility;
  /** The ABI init uses (the best the kernel has); 0 when Landlock is unavailable. */
  readonly abi: number;
  /** True when init restricts every process of the sandbox; false: no rules, or best_effort without Landlock. */
  readonly enforced: boolean;
  /** Why Landlock is unavailable, when it is. */
  readonly reason?: string;
}

/** `abi N` or `abi 0 <reason>`, as `paddock-init probe` prints it. */
export function parseProbe(text: string): { abi: number; reason?: string } {
  const m = /^abi (\d+)(?: (.*))?$/m.exec(text.trim());
  if (!m) return { abi: 0, reason: `unreadable probe answer: ${JSON.stringify(text.slice(0, 120))}` };
  const abi = Number(m[1]);
  return abi > 0 ? { abi } : { abi: 0, reason: m[2] ?? 'unknown' };
}

/**
 * The decision, pure: hard_requirement without Landlock is LANDLOCK_UNAVAILABLE (the sandbox must not start);
 * best_effort runs without it and says so. No rules at all: nothing to enforce.
 */
export function landlockStatus(
  rules: LandlockRules,
  probe: { abi: number; reason?: string },
): LandlockStatus {
  const { compatibility } = rules;
  const none = rules.readOnly.length + rules.readWrite.length === 0;
  if (probe.abi > 0) return { compatibility, abi: probe.abi, enforced: !none };
  if (compatibility === 'hard_requirement' && !none) {
    throw new PaddockError(
      'LANDLOCK_UNAVAILABLE',
      `landlock.compatibility is hard_requirement but Landlock is unavailable in the sandbox: ${probe.reason}`,
    );
  }
  return { compatibility, abi: 0, enforced: false, ...(probe.reason ? { reason: probe.reason } : {}) };
}

/** Run `paddock-init probe` in the container (no user code: init's own answer) and return its output. */
export async function probeLandlock(container: Docker.Container): Promise<{ abi: number; reason?: string }> {
  const exec = await container.exec({ Cmd: PROBE_COMMAND, AttachStdout: true, AttachStderr: true });
  const stream = await exec.start({ hijack: true, stdin: false });
  const out: Buffer[] = [];
  const demux = new Demuxer((which, data) => {
    if (which === 'stdout') out.push(data);
  });
  stream.on('data', (chunk: Buffer) => demux.push(chunk));
  await new Promise((resolve) => stream.once('end', resolve).once('close', resolve).once('error', resolve));
  return parseProbe(Buffer.concat(out).toString('utf8'));
}
