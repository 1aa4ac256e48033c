/**
 * The GitHub Action's post step: undoes what main handed on, from what main saved in
 * GITHUB_STATE: stops the identity endpoint, signs az (`az account clear` in its private
 * AZURE_CONFIG_DIR) and docker (`docker logout <registry>`) out, deletes the files main wrote
 * and the private directories. It runs even when the job failed, and never fails the job
 * itself: a thing already gone is what we wanted.
 */
import { githubRunner } from './github/runner.js';
import { FILES_STATE, filesFromState } from './github/state.js';
import { cleanupFromJson, isEmptyCleanup, performCleanup } from '../handoff/cleanup.js';
import { tolerateClosedOutput } from './shared/closed-output.js';

/** Main saves what is not a file under this name (see action.ts). */
const CLEANUP_STATE = 'cleanup';

tolerateClosedOutput(process.stdout, process.stderr);
const runner = githubRunner(process.env);
const rest = cleanupFromJson(runner.state(CLEANUP_STATE) || '{}');
const cleanup = { ...rest, files: filesFromState(runner.state(FILES_STATE)) };
const report = await performCleanup(cleanup, process.env, {
  info: (m) => runner.info(m),
  warn: (m) => runner.warning(m),
  debug: (m) => runner.debug(m),
});
runner.info(`entra-federate: removed ${report.filesRemoved} file${report.filesRemoved === 1 ? '' : 's'}.`);
if (!isEmptyCleanup(rest)) {
  runner.info(
    `entra-federate: stopped ${report.endpointsStopped} identity endpoint${report.endpointsStopped === 1 ? '' : 's'}, signed out ${report.signedOut} tool${report.signedOut === 1 ? '' : 's'}, removed ${report.dirsRemoved} director${report.dirsRemoved === 1 ? 'y' : 'ies'}.`,
  );
}
