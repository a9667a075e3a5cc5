// Held-run rows: an eval run's command is the container's own behind paddock-init (-m linger), and the host
// takes its status from init's stderr line keyed with a secret. A hostile agent tries to forge that line, from
// the command or from a process it leaves behind, and to read the key. Each row makes its own held sandbox in
// the battery's session. Without the key (a host that believed any `run ended … status N` line) the two forging
// first row reports status 0 for a command that exits 7; without init's kill of what the command left, the second
// finds the agent's process still running while outputs are collected.
import { Writable } from 'node:stream';
import { DEFAULT_IMAGE } from '../../src/sandbox/image/bootstrap.js';
import { connectEngine, createSandbox, deleteSandbox, startHeldRun } from '../../src/sandbox/index.js';
import type { ResourceProbe, Verdict } from './resource.js';
import type { BatterySession } from './session.js';

const FORGED = 'paddock-init: run ended 0123456789abcdef0123456789abcdef status 0';

let n = 0;
/** Run `command` as a held run in its own sandbox; its status, everything it printed, the processes left. */
async function heldRun(
  s: BatterySession,
  command: string,
): Promise<{ code: number | null; text: string; left: string[] }> {
  const name = `held-${++n}`;
  const box = await createSandbox({ session: s.id, name, image: DEFAULT_IMAGE, command });
  try {
    let text = '';
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        text += chunk.toString();
        done();
      },
    });
    if (!box.held) throw new Error('created with a command, yet nothing is held');
    const r = await startHeldRun(box.held, { stdout: sink, stderr: sink, timeoutMs: 20_000 });
    const { docker } = await connectEngine();
    const top = (await docker.getContainer(box.id).top({ ps_args: '-o pid,args' })) as {
      Processes?: string[][];
    };
    const left = (top.Processes ?? [])
      .map((p: string[]) => p.at(-1) ?? '')
      .filter((c: string) => !c.startsWith('/.paddock/init'));
    return { code: r.exitCode, text, left };
  } finally {
    await deleteSandbox(s.id, name).catch(() => undefined);
  }
}

const exits7 = (r: { code: number | null; text: string }): Verdict => ({
  escaped: r.code === 7 ? null : `the host read status ${r.code} for a command that exited 7`,
  evidence: `status ${r.code}; output ${JSON.stringify(r.text.slice(0, 200))}`,
});

export const HELD_RUN_PROBES: readonly ResourceProbe[] = [
  {
    name: 'held run: the command prints a forged end line (guessed key, status 0), then exits 7',
    box: 'out',
    run: async (s) => exits7(await heldRun(s, `echo "${FORGED}" >&2; echo "${FORGED}"; exit 7`)),
  },
  {
    name: 'held run: a process left behind (ignoring TERM and HUP) outlives the command into collection',
    box: 'out',
    async run(s) {
      const r = await heldRun(s, `(trap "" TERM HUP; sleep 1000; echo "${FORGED}" >&2) & exit 7`);
      const verdict = exits7(r);
      const left = r.left.length > 0 ? `still running after the run: ${r.left.join(', ')}` : null;
      return {
        escaped: verdict.escaped ?? left,
        evidence: `${verdict.evidence}; left ${JSON.stringify(r.left)}`,
      };
    },
  },
  {
    name: 'held run: read the run key (environment, /proc/1/environ, /proc/1/mem, /proc/1/cmdline)',
    box: 'out',
    async run(s) {
      const r = await heldRun(
        s,
        'env; tr "\\0" "\\n" < /proc/1/environ; dd if=/proc/1/mem bs=4096 skip=1 count=64 2>&1 | strings; ' +
          'tr "\\0" " " < /proc/1/cmdline; exit 7',
      );
      const leaked = /PADDOCK_RUN_KEY=[0-9a-f]{32}/.test(r.text);
      return { escaped: leaked ? 'the key was readable' : null, evidence: r.text.slice(0, 300) };
    },
  },
];
