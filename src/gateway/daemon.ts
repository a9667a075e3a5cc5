// The gateway process: `node dist/gateway.js --session S --state-dir D --bridge-ip IP [...]`.

import { writeLog } from './log.js';
import { runDaemon } from './run-daemon.js';

runDaemon(process.argv.slice(2)).catch((error: unknown) => {
  const code = (error as { code?: string }).code ?? 'INTERNAL';
  writeLog(`paddock gateway failed [${code}]: ${String((error as Error)?.message ?? error)}`);
  process.exit(1);
});
