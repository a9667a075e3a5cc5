import * as core from '@actions/core';
import { errorMessage } from '../common/errors.js';

/** The Action's main step. Wiring only; the eval engine does the work. */
export async function runMain(): Promise<void> {
  try {
    core.info('paddock: the eval engine arrives with its issue; nothing to run yet.');
  } catch (error) {
    core.setFailed(errorMessage(error));
  }
}

/** The Action's post step: always runs, never fails the job, always exits. */
export async function runPost(): Promise<void> {
  try {
    core.info('paddock: nothing to prune.');
  } catch (error) {
    core.warning(`paddock cleanup: ${errorMessage(error)}`);
  }
  process.exit(0);
}
