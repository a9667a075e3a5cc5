// Fabricated results and events for report tests.
import type { EgressEvent } from '../../src/common/event.js';
import {
  type DeniedTarget,
  RESULTS_SCHEMA,
  type Results,
  type RunResult,
  type RunStatus,
} from '../../src/eval/results.js';

export function deniedTarget(over: Partial<DeniedTarget> = {}): DeniedTarget {
  return {
    binary: '/usr/bin/curl',
    host: 'evil.test',
    ip: '198.18.0.7',
    port: 443,
    layer: 'connect',
    count: 1,
    ...over,
  };
}

export function runResult(id: string, status: RunStatus, over: Partial<RunResult> = {}): RunResult {
  const dir = `runs/${id}`;
  return {
    id,
    matrix: { model: id.split('__')[0] ?? id },
    sandbox: `eval-${id}`,
    status,
    exitCode: status === 'passed' || status === 'egress' ? 0 : status === 'failed' ? 3 : null,
    durationMs: 1500,
    startedAt: '2026-01-01T00:00:00.000Z',
    finishedAt: '2026-01-01T00:00:01.500Z',
    denials: 0,
    denied: [],
    reason: status === 'passed' ? '' : status,
    paths: {
      dir,
      stdout: `${dir}/stdout.log`,
      stderr: `${dir}/stderr.log`,
      events: `${dir}/events.jsonl`,
      out: `${dir}/out`,
    },
    truncated: false,
    ...over,
  };
}

export function results(runs: RunResult[], over: Partial<Results> = {}): Results {
  const byStatus: Record<RunStatus, number> = {
    passed: 0,
    failed: 0,
    egress: 0,
    timeout: 0,
    error: 0,
    cancelled: 0,
  };
  for (const r of runs) byStatus[r.status]++;
  const passed = byStatus.passed;
  return {
    schema: RESULTS_SCHEMA,
    session: 't-fixture',
    spec: { file: 'paddock.yml', name: 'demo', digest: null },
    image: { ref: 'paddock/base:latest', digest: 'sha256:abc' },
    policy: { source: 'policies/default.yaml' },
    enforcement: 'enforce',
    startedAt: '2026-01-01T00:00:00.000Z',
    finishedAt: '2026-01-01T00:00:02.000Z',
    durationMs: 2000,
    totals: {
      total: runs.length,
      passed,
      failed: runs.length - passed,
      denied: runs.reduce((n, r) => n + r.denials, 0),
      byStatus,
    },
    runs,
    ...over,
  };
}

export function denyEvent(over: Partial<EgressEvent> = {}): EgressEvent {
  return {
    time: '2026-01-01T00:00:01.000Z',
    session: 't-fixture',
    sandbox: 'eval-a',
    run: 'a',
    action: 'deny',
    layer: 'connect',
    protocol: 'tcp',
    host: 'evil.test',
    ip: '198.18.0.7',
    port: 443,
    binary: '/usr/bin/curl',
    pid: 64,
    ancestors: ['/bin/sh'],
    cmdline: 'curl -s https://evil.test/',
    policy: null,
    reason: 'no matching policy',
    ...over,
  };
}
