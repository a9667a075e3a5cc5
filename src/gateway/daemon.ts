// The gateway process: `node dist/gateway.js --session S --state-dir D --bridge-ip IP [...]`.
// Only what the host needs before any sandbox starts is loaded first: the rest of the gateway (most of its
// start) loads after the caller has been told it may start sandboxes' containers (their fences wait for ready).

import { STARTING_LINE } from './handshake.js';
import { writeLog } from './log.js';
import { privateSocketHashes } from './socket-hash.js';

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
