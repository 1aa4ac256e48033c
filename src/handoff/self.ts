/**
 * How this installation runs its own programs in another process: the CLI as git's credential
 * helper, the identity endpoint as a detached server. From the npm package they are scripts run
 * by the running node (dist/cli/index.js, dist/identity/index.js); the standalone executable
 * carries everything in itself, so it runs itself, the identity endpoint behind a hidden first
 * argument that only the standalone executable honours.
 */

/** Defined (true) only by scripts/build-binary.mjs; absent from the npm package's bundles. */
declare const ENTRA_FEDERATE_STANDALONE: boolean | undefined;

/** The hidden first argument with which the standalone executable serves the identity endpoint. */
export const IDENTITY_ENDPOINT_ARGUMENT = '--entra-federate-internal-identity-endpoint';

/** Is this the standalone executable (a Node single executable application)? */
export function isStandalone(): boolean {
  return typeof ENTRA_FEDERATE_STANDALONE !== 'undefined' && ENTRA_FEDERATE_STANDALONE === true;
}

/**
 * The command line that runs one of our programs: the executable itself (standalone), or the
 * running node with the program's script (`script()` finds it, and says so when it is missing).
 */
export function selfCommand(program: 'cli' | 'identity-endpoint', script: () => string): [string, ...string[]] {
  if (isStandalone()) return program === 'cli' ? [process.execPath] : [process.execPath, IDENTITY_ENDPOINT_ARGUMENT];
  return [process.execPath, script()];
}
