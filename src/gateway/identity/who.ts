import type { Attributed } from '../attribution.js';
import { cleanExe, parseCmdline } from '../procfs.js';
import { taintOf } from '../taint.js';
import type { ConnectRecord, ProcessRecord } from './protocol.js';

/**
 * Taints worked out, per writable list and recorded process. Records are immutable and the parser hands out
 * the same object for the same text (protocol.ts), so a process that makes many connections is judged once:
 * taintOf is pure, so a remembered answer is the answer (~0.03–0.07 ms a process otherwise, on every
 * connection's latency path; keying by the facts' text instead cost building and hashing kilobytes each time).
 */
const known = new WeakMap<readonly string[], WeakMap<ProcessRecord, readonly string[]>>();

function taintOfFacts(p: ProcessRecord, writable: readonly string[]): string[] {
  let byRecord = known.get(writable);
  if (!byRecord) {
    byRecord = new WeakMap();
    known.set(writable, byRecord);
  }
  let reasons = byRecord.get(p);
  if (!reasons) {
    const exe = cleanExe(p.exe);
    reasons = taintOf(
      { exe, environ: p.environ ?? '', maps: p.maps ?? '', status: `TracerPid:\t${p.tracerPid}\n` },
      writable,
    );
    byRecord.set(p, reasons);
  }
  return [...reasons];
}

/** The taint of one recorded process, by the same rules as the /proc path (taint.ts). */
function taintOfRecord(p: ProcessRecord, writable: readonly string[]): string[] {
  const reasons = taintOfFacts(p, writable);
  if (p.environ === null) reasons.push('its environment could not be read or is too large to check');
  if (p.maps === null) reasons.push('its mappings could not be read or are too many to check');
  return reasons;
}

/** Who made a connection, from its connect-time record: the caller's exe, its ancestors' and everyone's taint. */
export function attributedOf(record: ConnectRecord, writable: readonly string[]): Attributed {
  const [caller, ...ancestors] = record.processes;
  const taint = taintOfRecord(caller, writable);
  for (const a of ancestors)
    taint.push(...taintOfRecord(a, writable).map((r) => `ancestor ${cleanExe(a.exe)}: ${r}`));
  return {
    pid: record.pid,
    hostPid: 0,
    exe: cleanExe(caller.exe),
    ancestors: ancestors.map((a) => cleanExe(a.exe)),
    cmdline: parseCmdline(caller.cmdline),
    identity: taint.length > 0 ? 'tainted' : 'connect-time',
    taint,
  };
}
