/**
 * The GitHub Action's post step: deletes every file main wrote (the federated token file),
 * from the list main saved in GITHUB_STATE. It runs even when the job failed, and never fails
 * the job itself: a file already gone is what we wanted.
 */
import { unlinkSync } from 'node:fs';
import { githubRunner } from '../action/runner.js';
import { FILES_STATE, filesFromState } from '../action/state.js';

const runner = githubRunner(process.env);
let removed = 0;
for (const file of filesFromState(runner.state(FILES_STATE))) {
  try {
    unlinkSync(file);
    removed++;
    runner.debug(`removed ${file}`);
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    if (code === 'ENOENT') continue;
    runner.warning(`entra-federate: could not remove ${file} (${typeof code === 'string' ? code : String(err)}); the runner deletes RUNNER_TEMP at the end of the job.`);
  }
}
runner.info(`entra-federate: removed ${removed} file${removed === 1 ? '' : 's'}.`);
