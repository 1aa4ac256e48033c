/**
 * The GitHub Action's post step: undoes what main handed on, from what main saved in
 * GITHUB_STATE: stops the identity endpoint, signs az (`az account clear` in its private
 * AZURE_CONFIG_DIR) and docker (`docker logout <registry>`) out, deletes the files main wrote
 * and the private directories. It runs even when the job failed, and never fails the job
 * itself: a thing already gone is what we wanted.
 */
import type { Env } from '../../ci/types.js';
import { cleanupFromJson, isEmptyCleanup, performCleanup } from '../../handoff/cleanup.js';
import type { Runner } from './runner.js';
import { CLEANUP_STATE, FILES_STATE, filesFromState } from './state.js';

export async function post(io: { env: Env; runner: Runner }): Promise<void> {
  const { runner } = io;
  const rest = cleanupFromJson(runner.state(CLEANUP_STATE) || '{}');
  const cleanup = { ...rest, files: filesFromState(runner.state(FILES_STATE)) };
  const report = await performCleanup(cleanup, io.env, {
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
}
