import type { Attributed } from '../attribution.js';
import { cleanExe, parseCmdline } from '../procfs.js';
import { taintOf } from '../taint.js';
import type { ConnectRecord, ProcessRecord } from './protocol.js';

/** Taints worked out, per writable list: the same process makes many connections, with the same facts. */
const known = new WeakMap<readonly string[], Map<string, readonly string[]>>();
/** Facts are at most 16 KiB each (identd's MAX_FACT): at most ~4 MiB kept per writable list. */
const KNOWN_MAX = 128;

/**
 * taintOf of a recorded process's facts, remembered by those facts (taintOf is pure, so a remembered answer
 * is the answer); ~0.03–0.07 ms a process otherwise, on every connection's latency path.
 */
function taintOfFacts(p: ProcessRecord, writable: readonly string[]): string[] {
  const exe = cleanExe(p.exe);
  const environ = p.environ ?? '';
  const maps = p.maps ?? '';
  // The lengths make the key unambiguous whatever the facts hold.
  const key = `${p.tracerPid} ${exe.length} ${maps.length} ${exe}${maps}${environ}`;
  let byFacts = known.get(writable);
  if (!byFacts) {
    byFacts = new Map();
    known.set(writable, byFacts);
  }
  let reasons = byFacts.get(key);
  if (!reasons) {
    reasons = taintOf({ exe, environ, maps, status: `TracerPid:\t${p.tracerPid}\n` }, writable);
    if (byFacts.size >= KNOWN_MAX) byFacts.clear();
    byFacts.set(key, reasons);
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
