// The gateway process: `node dist/gateway.js --session S --state-dir D --bridge-ip IP [...]`.
import { runDaemon } from './run-daemon.js';

runDaemon(process.argv.slice(2)).catch((error: unknown) => {
  const code = (error as { code?: string }).code ?? 'INTERNAL';
  process.stderr.write(
    `${new Date().toISOString()} paddock gateway failed [${code}]: ${String((error as Error)?.message ?? error)}\n`,
  );
  process.exit(1);
});
