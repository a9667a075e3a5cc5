import type { Attributed } from '../attribution.js';
import { cleanExe, parseCmdline } from '../procfs.js';
import { taintOf } from '../taint.js';
import type { ConnectRecord, ProcessRecord } from './protocol.js';

/** The taint of one recorded process, by the same rules as the /proc path (taint.ts). */
function taintOfRecord(p: ProcessRecord, writable: readonly string[]): string[] {
  const reasons = taintOf(
    {
      exe: cleanExe(p.exe),
      environ: p.environ ?? '',
      maps: p.maps ?? '',
      status: `TracerPid:\t${p.tracerPid}\n`,
    },
    writable,
  );
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
