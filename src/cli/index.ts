#!/usr/bin/env node
import { reportError } from './output.js';
import { buildProgram } from './program.js';

buildProgram()
  .parseAsync(process.argv)
  .then(
    () => process.exit(process.exitCode ?? 0),
    (error: unknown) => process.exit(reportError(error)),
  );
