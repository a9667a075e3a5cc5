import type { EgressEvent } from '../common/event.js';
import { judge } from './expect.js';
import type { SetupResult } from './results.js';

/** How the setup phase went. */
export interface SetupOutcome {
  /** `paddock/setup:<key prefix>`. */
  readonly image: string;
  /** The image every run uses; null when there is none (the setup did not succeed). */
  readonly imageId: string | null;
  readonly key: string;
  /** The image existed: setup did not run. */
  readonly cached: boolean;
  /** The setup sandbox's name (its events carry it); absent when setup did not run. */
  readonly sandbox?: string;
  readonly exitCode: number | null;
  readonly timedOut: boolean;
  readonly timeoutMs: number;
  readonly cancelled: boolean;
  readonly startedAt: number;
  readonly finishedAt: number;
  /** Why there is no image although the command may have succeeded (infrastructure), or why it could not run. */
  readonly error?: string;
}

/** Where the setup phase's files land, relative to the results directory. */
export function setupPaths(): SetupResult['paths'] {
  return {
    dir: 'setup',
    stdout: 'setup/stdout.log',
    stderr: 'setup/stderr.log',
    events: 'setup/events.jsonl',
    json: 'setup/setup.json',
  };
}

/**
 * The setup phase's entry in results.json, from how it went and its decisions. It passed when it gave an image;
 * otherwise its status and reason say why not (judged as a run expecting exit code 0; its denials are reported,
 * never judged). Pure.
 */
export function setupResult(o: SetupOutcome, events: readonly EgressEvent[]): SetupResult {
  const verdict = judge({ ...o, events: [...events] }, { exitCode: 0, egress: 'allow-denials' });
  const made = o.imageId !== null;
  const status = made
    ? 'passed'
    : verdict.status === 'passed' || verdict.status === 'egress'
      ? 'error'
      : verdict.status;
  return {
    status,
    image: o.image,
    imageId: o.imageId,
    key: o.key,
    cached: o.cached,
    exitCode: o.exitCode,
    timedOut: o.timedOut,
    durationMs: o.finishedAt - o.startedAt,
    denials: verdict.expectedDenials,
    denied: verdict.denied,
    ...(verdict.deniedOmitted ? { deniedOmitted: verdict.deniedOmitted } : {}),
    reason: made ? '' : verdict.reason || 'no image',
    paths: setupPaths(),
  };
}
