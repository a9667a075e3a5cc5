// The gateway process: `node dist/gateway.js --session S --state-dir D --bridge-ip IP [...]`.
// Only what the host needs before any sandbox starts is loaded first: the rest of the gateway (most of its
// start) loads after the caller has been told it may start sandboxes' containers (their fences wait for ready).

import { setFlagsFromString } from 'node:v8';
import { STARTING_LINE } from './handshake.js';
import { writeLog } from './log.js';
import { privateSocketHashes } from './socket-hash.js';

/**
 * Optimise the connection path sooner. Each connection runs the gateway's connection code about once, and V8
 * optimises a function only after ~3,000 calls: a CI job's gateway ran its whole life on unoptimised code (the
 * latency benchmark's connect-time paths reached optimised code only after ~3,000 connections, then measured
 * ~0.2 ms faster; BENCHMARKS.md). Set here, not as node flags, so that a Node whose V8 dropped one of them
 * only logs it (`unrecognized flag`) instead of refusing to start the gateway.
 */
const TIERING = [
  '--always-sparkplug',
  '--invocation-count-for-turbofan=100',
  '--minimum-invocations-after-ic-update=20',
];
for (const flag of TIERING) setFlagsFromString(flag);

const argv = process.argv.slice(2);
const fencing = !argv.includes('--proxy-only');
const root = process.getuid?.() === 0;
// Network namespaces made from now on get socket hashes of their own (a fencing gateway needs root; without it
// nothing is said here, and the gateway's own start refuses).
const sharedHashesBack = fencing && root ? privateSocketHashes(writeLog) : () => undefined;
if (root || !fencing) process.stdout.write(`${STARTING_LINE}\n`);

import('./run-daemon.js')
  .then(({ runDaemon }) => runDaemon(argv, { sharedHashesBack }))
  .catch((error: unknown) => {
    sharedHashesBack();
    const code = (error as { code?: string }).code ?? 'INTERNAL';
    writeLog(`paddock gateway failed [${code}]: ${String((error as Error)?.message ?? error)}`);
    process.exit(1);
  });
