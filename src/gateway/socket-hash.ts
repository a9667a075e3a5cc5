import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { errorMessage } from '../common/errors.js';

/**
 * Buckets of the TCP and UDP socket hashes each new network namespace gets of its own while the gateway runs
 * (`net.ipv4.tcp_child_ehash_entries`, `udp_child_hash_entries`, Linux 6.1 / 6.2). A sandbox's
 * `/proc/<pid>/net/tcp` then walks only its own sockets instead of the host's whole hash: on this machine 1.6 ms
 * → 0.1 ms per read, which /proc attribution does for every connection, and a flooding sandbox's sockets no
 * longer slow down another sandbox's reads. Performance only: what attribution finds is the same either way.
 */
export const CHILD_HASH_ENTRIES = 4096;

const KNOBS = ['tcp_child_ehash_entries', 'udp_child_hash_entries'] as const;

/**
 * Give network namespaces created from now on (the sandboxes') socket hashes of their own, where the host
 * still shares its hash (the knob is 0); a value someone else set is left alone, and Paddock's own value (left
 * by a gateway that was killed) is taken over. Returns the undo, which puts back 0 only where the value is
 * still Paddock's (an admin may have changed it since). Two gateways at once: the first to stop puts 0 back, and
 * the other's later sandboxes share the host's hash again (slower reads, the same answers).
 * Missing knobs (older kernels) and failed writes are logged once each and change nothing else.
 */
export function privateSocketHashes(log: (line: string) => void, dir = '/proc/sys/net/ipv4'): () => void {
  const written: string[] = [];
  const missing: string[] = [];
  for (const knob of KNOBS) {
    const path = join(dir, knob);
    try {
      const value = readFileSync(path, 'utf8').trim();
      // CHILD_HASH_ENTRIES already: a gateway before this one was killed before it could put 0 back.
      if (value === String(CHILD_HASH_ENTRIES)) written.push(knob);
      if (value !== '0') continue;
      writeFileSync(path, `${CHILD_HASH_ENTRIES}\n`);
      written.push(knob);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') missing.push(knob);
      else log(`socket hash: cannot set ${knob}: ${errorMessage(error)} (sandboxes share the host's hash)`);
    }
  }
  if (missing.length > 0)
    log(
      `socket hash: this kernel has no ${missing.join(', ')}; sandboxes share the host's hash (slower /proc reads)`,
    );
  return () => {
    for (const knob of written) {
      const path = join(dir, knob);
      try {
        if (readFileSync(path, 'utf8').trim() === String(CHILD_HASH_ENTRIES)) writeFileSync(path, '0\n');
      } catch (error) {
        log(`socket hash: cannot put ${knob} back: ${errorMessage(error)}`);
      }
    }
  };
}
