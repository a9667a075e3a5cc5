// The gateway process entry point. Arrives with the gateway issue.
process.stderr.write('paddock gateway: not built yet\n');
process.exit(1);
