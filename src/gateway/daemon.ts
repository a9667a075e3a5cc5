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

// From here on the gateway stops when asked to (SIGTERM, SIGINT) and, until its readiness line is out, when the
// process that started it is gone (its end of stdout closed: nobody would use this gateway). Both are handled,
// not left to kill the process half-way: what the start changed on the host is put back (runDaemon).
const stop = new AbortController();
const stopFor = (why: string) => () => {
  if (!stop.signal.aborted) stop.abort(new Error(why));
};
let ready = false;
process.on('SIGTERM', stopFor('asked to stop (SIGTERM)'));
process.on('SIGINT', stopFor('asked to stop (SIGINT)'));
process.on('SIGHUP', () => undefined);
process.stdout.on('error', () => {
  if (!ready) stopFor('the process that started it is gone (its end of stdout is closed)')();
});
if (root || !fencing) process.stdout.write(`${STARTING_LINE}\n`);

import('./run-daemon.js')
  .then(({ runDaemon }) =>
    runDaemon(argv, {
      sharedHashesBack,
      stop: stop.signal,
      onReady: () => {
        ready = true;
      },
    }),
  )
  .catch((error: unknown) => {
    sharedHashesBack();
    const code = (error as { code?: string }).code ?? 'INTERNAL';
    writeLog(`paddock gateway failed [${code}]: ${String((error as Error)?.message ?? error)}`);
    process.exit(1);
  });
