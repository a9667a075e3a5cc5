// A results set for the HTML report: a small quickstart-like matrix with hostile text in every field an agent or a
// spec author controls (matrix values, reasons, hosts, binaries, logs, output names).
import type { EgressEvent } from '../../src/common/event.js';
import type { Results, RunResult, RunStatus } from '../../src/eval/results.js';
import type { RunLogs } from '../../src/report/junit.js';
import { deniedTarget, denyEvent, results, runResult } from './fixture.js';

export const HOSTILE = '<img src=x onerror="window.__pwned=1">';

const AGENTS = ['good', 'exfil', HOSTILE];
const PROMPTS = ['short', 'long', 'tools'];
const STATUS: Record<string, RunStatus> = { good: 'passed', exfil: 'egress', [HOSTILE]: 'failed' };

/** 9 runs (3 agents × 3 prompts), one of them timed out, with events, logs and outputs. */
export function hostileReport(): {
  results: Results;
  events: EgressEvent[];
  logsTail: Map<string, RunLogs>;
} {
  const runs: RunResult[] = [];
  const events: EgressEvent[] = [];
  const logsTail = new Map<string, RunLogs>();
  for (const agent of AGENTS)
    for (const prompt of PROMPTS) {
      const id = `${agent === HOSTILE ? 'img-src-x-onerror-window.__pwned-1' : agent}__${prompt}`;
      const status = agent === 'good' && prompt === 'tools' ? 'timeout' : (STATUS[agent] as RunStatus);
      const denied =
        status === 'egress'
          ? [
              deniedTarget({ host: `${prompt}.exfil.test`, count: 2 }),
              deniedTarget({ binary: '/usr/bin/python3', host: HOSTILE, port: null, layer: 'dns' }),
            ]
          : [];
      runs.push(
        runResult(id, status, {
          matrix: { agent, prompt },
          reason:
            status === 'failed'
              ? `exit code 3 ${HOSTILE}`
              : status === 'egress'
                ? `egress: ${prompt}.exfil.test:443`
                : status === 'timeout'
                  ? 'timed out after 10s'
                  : '',
          denials: denied.reduce((n, t) => n + t.count, 0),
          denied,
          outputs: ['result.json', `${HOSTILE}.txt`],
          durationMs: 800 + runs.length * 310,
        }),
      );
      logsTail.set(id, {
        stdout: `agent ${agent} on ${prompt}\n${HOSTILE}\n</pre></td></tr><script>window.__pwned=2</script>\n`,
        stderr: status === 'passed' ? '' : `warning: ${HOSTILE}\n`,
      });
      events.push(
        denyEvent({
          action: 'allow',
          run: id,
          sandbox: `eval-${id}`,
          host: 'api.internal.test',
          port: 443,
          binary: '/usr/bin/node',
          reason: 'policy agent',
        }),
      );
      for (const t of denied)
        for (let i = 0; i < t.count; i++)
          events.push(
            denyEvent({
              run: id,
              sandbox: `eval-${id}`,
              host: t.host,
              port: t.port,
              binary: t.binary,
              layer: t.layer as EgressEvent['layer'],
            }),
          );
    }
  return {
    results: results(runs, {
      spec: { file: 'examples/quickstart/paddock.yml', name: `quickstart ${HOSTILE}`, digest: null },
    }),
    events,
    logsTail,
  };
}

/** `n` runs with full-size log tails, for size checks. */
export function bigReport(
  n: number,
  logBytes = 65536,
): { results: Results; events: EgressEvent[]; logsTail: Map<string, RunLogs> } {
  const runs: RunResult[] = [];
  const events: EgressEvent[] = [];
  const logsTail = new Map<string, RunLogs>();
  const line = 'x'.repeat(79);
  for (let i = 0; i < n; i++) {
    const id = `model-${i % 8}__prompt-${Math.floor(i / 8)}`;
    const status: RunStatus = i % 5 === 0 ? 'egress' : 'passed';
    const denied = status === 'egress' ? [deniedTarget({ host: `h${i % 40}.exfil.test` })] : [];
    runs.push(
      runResult(id, status, {
        matrix: { model: `model-${i % 8}`, prompt: `prompts/p${Math.floor(i / 8)}.md` },
        denied,
        denials: denied.length,
        outputs: ['out/result.json', 'out/trace.log'],
      }),
    );
    const log = `${line}\n`.repeat(Math.ceil(logBytes / 80)).slice(0, logBytes);
    logsTail.set(id, { stdout: log, stderr: log });
    events.push(
      denyEvent({ action: 'allow', run: id, host: `api${i % 3}.internal.test`, binary: '/usr/bin/node' }),
    );
    if (denied.length > 0) events.push(denyEvent({ run: id, host: `h${i % 40}.exfil.test` }));
  }
  return { results: results(runs), events, logsTail };
}
